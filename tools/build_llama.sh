#!/usr/bin/env bash
# Builds llama.cpp (and its ggml) once, statically, into a cache outside the checkout, from the
# source the npm package node-llama-cpp@3.22.1 ships (llama/gitRelease.bundle, a git bundle of
# llama.cpp commit de3ff81, ggml 0.25.1). With --tools it also builds llama-bench and llama-server
# (for the benchmarks and tests). Idempotent: prints the install prefix and exits at once when the
# build is there. Needs npm (for `npm pack`), git, cmake and a C++ compiler.
set -euo pipefail

version="node-llama-cpp@3.22.1"
commit="de3ff81"
cache="${SAMANTHA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/samantha}"
root="$cache/llama-$commit"
prefix="$root/install"
jobs="${JOBS:-$(nproc)}"

tools=0
if [[ "${1:-}" == "--tools" ]]; then
    tools=1
fi
if [[ -f "$prefix/.built" ]] && { ((tools == 0)) || [[ -x "$prefix/bin/llama-bench" && -x "$prefix/bin/llama-server" ]]; }; then
    echo "$prefix"
    exit 0
fi

if ! command -v npm >/dev/null; then
    echo "build_llama: npm is needed to fetch $version (apt-get install npm)" >&2
    exit 1
fi
mkdir -p "$root"
cd "$root"
if [[ ! -f package.tgz ]]; then
    echo "build_llama: fetching $version" >&2
    tarball=$(npm pack "$version" --silent)
    mv "$tarball" package.tgz
fi
if [[ ! -d src/.git ]]; then
    rm -rf src unpacked
    mkdir unpacked
    tar -xzf package.tgz -C unpacked package/llama/gitRelease.bundle
    git -c advice.detachedHead=false clone -q unpacked/package/llama/gitRelease.bundle src
    rm -rf unpacked
fi
common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF
    -DGGML_NATIVE=OFF -DGGML_OPENMP=OFF)
if [[ ! -f "$prefix/.built" ]]; then
    echo "build_llama: building llama.cpp $commit (static libraries, about 3 minutes on 2 cores)" >&2
    cmake -S src -B build "${common[@]}" -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF \
        -DLLAMA_BUILD_COMMON=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
    cmake --build build -j "$jobs" >/dev/null
    cmake --install build >/dev/null
    cp src/models/ggml-vocab-qwen2.gguf "$prefix/ggml-vocab-qwen2.gguf"
    touch "$prefix/.built"
fi
if ((tools == 0)); then
    echo "$prefix"
    exit 0
fi
# llama-bench and llama-server: the yardstick for the throughput benchmark and a real peer for the
# OpenAI-compatible backend's tests.
echo "build_llama: building llama-bench and llama-server (about 6 minutes on 2 cores)" >&2
cmake -S src -B build-tools "${common[@]}" -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_SERVER=ON \
    -DLLAMA_BUILD_COMMON=ON >/dev/null
cmake --build build-tools -j "$jobs" --target llama-bench llama-server >/dev/null
mkdir -p "$prefix/bin"
cp build-tools/bin/llama-bench build-tools/bin/llama-server "$prefix/bin/"
echo "$prefix"
