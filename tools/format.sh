#!/usr/bin/env bash
# Formats the project's C++ with clang-format 16 (STYLE.md §13). --check only reports.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(-i)
if [[ "${1:-}" == "--check" ]]; then
    mode=(--dry-run --Werror)
fi
git ls-files -z --cached --others --exclude-standard -- '*.h' '*.cpp' | xargs -0 -r clang-format-16 "${mode[@]}"
