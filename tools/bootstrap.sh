#!/usr/bin/env bash
# Installs what Samantha needs to build and test on Debian 12. Idempotent: when every package is
# already present it only asks dpkg, which takes well under a second.
set -euo pipefail

packages=(
    g++ cmake ninja-build pkg-config make git
    libsqlite3-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libedit-dev libfmt-dev
    libcurl4-openssl-dev libssl-dev libgtest-dev libbenchmark-dev clang-format-16
    libespeak-ng-dev espeak-ng-data libsoxr-dev librubberband-dev libboost-dev
    chromium fonts-noto-cjk libmosquitto-dev mosquitto
    libpocketsphinx-dev pocketsphinx-en-us libwebrtc-audio-processing-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

# npm fetches the pinned llama.cpp source (tools/build_llama.sh); Debian ships it as "npm".
if ! command -v npm >/dev/null; then
    missing+=(npm)
fi

web_test_tools() {
    # playwright-core drives Debian's chromium in the web companion's end-to-end test; pinned, in the
    # cache outside the checkout, never downloading a browser.
    local cache="${SAMANTHA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/samantha}/web-test"
    if [[ ! -f "$cache/node_modules/playwright-core/package.json" ]]; then
        mkdir -p "$cache"
        if ! (cd "$cache" && npm install --no-audit --no-fund --prefix . playwright-core@1.64.1 >/dev/null 2>&1); then
            echo "bootstrap: playwright-core could not be installed; the web test will skip" >&2
        fi
    fi
}

build_llama() {
    # The embedded llama.cpp brain, built once into ~/.cache/samantha (about 3 minutes the first
    # time, instant after). Without it Samantha still builds and runs with her other brains.
    if ! "$(dirname "$0")/build_llama.sh" >/dev/null; then
        echo "bootstrap: llama.cpp could not be built; continuing without the embedded brain" >&2
    fi
}

build_whisper() {
    # whisper.cpp, Samantha's main speech recogniser, on llama.cpp's ggml (about 1 minute the first
    # time). Without it she hears English through pocketsphinx, or any transcription server.
    if ! "$(dirname "$0")/build_whisper.sh" >/dev/null 2>&1; then
        echo "bootstrap: whisper.cpp could not be built; continuing without it" >&2
    fi
}

build_sqlcipher() {
    # SQLCipher for encryption at rest (SAMANTHA_DB_KEY), built once into ~/.cache/samantha (about
    # 40 s the first time). Without it Samantha builds on Debian's SQLite, unencrypted.
    if ! "$(dirname "$0")/build_sqlcipher.sh" >/dev/null; then
        echo "bootstrap: SQLCipher could not be built; continuing without encryption at rest" >&2
    fi
}

if ((${#missing[@]} == 0)); then
    web_test_tools
    build_llama
    build_whisper
    build_sqlcipher
    exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
        echo "bootstrap: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "bootstrap: done" >&2
web_test_tools
build_llama
build_whisper
build_sqlcipher
