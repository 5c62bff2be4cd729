#!/usr/bin/env bash
# Builds whisper.cpp 1.9.1 once, statically, into a cache outside the checkout, from the source the
# npm package nodejs-whisper@0.3.1 ships (cpp/whisper.cpp), on the ggml that tools/build_llama.sh
# built (one ggml for both: never two copies in one process). Also extracts the public-domain speech
# sample jfk.wav that the package carries, for the tests. Idempotent: prints the install prefix and
# exits at once when the build is there. Needs npm, cmake, a C++ compiler and the llama.cpp build.
set -euo pipefail

version="nodejs-whisper@0.3.1"
cache="${SAMANTHA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/samantha}"
root="$cache/whisper-1.9.1"
prefix="$root/install"
jobs="${JOBS:-$(nproc)}"

if [[ -f "$prefix/.built" && -f "$prefix/share/jfk.wav" && -f "$prefix/share/ggml-vocab-gpt-2.gguf" ]]; then
    echo "$prefix"
    exit 0
fi
llama_prefix=$("$(dirname "$0")/build_llama.sh")
if ! command -v npm >/dev/null; then
    echo "build_whisper: npm is needed to fetch $version (apt-get install npm)" >&2
    exit 1
fi
mkdir -p "$root"
cd "$root"
if [[ ! -f package.tgz ]]; then
    echo "build_whisper: fetching $version" >&2
    tarball=$(npm pack "$version" --silent)
    mv "$tarball" package.tgz
fi
if [[ ! -f src/CMakeLists.txt ]]; then
    rm -rf src unpacked
    mkdir unpacked
    tar -xzf package.tgz -C unpacked package/cpp/whisper.cpp
    mv unpacked/package/cpp/whisper.cpp src
    rm -rf unpacked
fi
if [[ ! -f "$prefix/.built" ]]; then
    echo "build_whisper: building whisper.cpp 1.9.1 on llama.cpp's ggml (about 1 minute on 2 cores)" >&2
    cmake -S src -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
        -DWHISPER_USE_SYSTEM_GGML=ON -Dggml_DIR="$llama_prefix/lib/cmake/ggml" \
        -DWHISPER_BUILD_TESTS=OFF -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_SERVER=OFF \
        -DWHISPER_CURL=OFF -DWHISPER_SDL2=OFF -DWHISPER_ALL_WARNINGS=OFF \
        -DCMAKE_POSITION_INDEPENDENT_CODE=ON >/dev/null
    cmake --build build -j "$jobs" --target whisper >/dev/null
    # Only the library and its header: the package's install rules also want targets not built.
    mkdir -p "$prefix/lib" "$prefix/include"
    cp -f build/src/libwhisper.a "$prefix/lib/"
    cp -f src/include/whisper.h "$prefix/include/"
fi
mkdir -p "$prefix/share"
cp -f src/bindings/go/samples/jfk.wav "$prefix/share/jfk.wav"
# GPT-2's byte-level BPE vocabulary (whisper's English tokenizer): the tests' random whisper models
# carry it as their real tokenizer.
cp -f "$(dirname "$llama_prefix")/src/models/ggml-vocab-gpt-2.gguf" "$prefix/share/"
touch "$prefix/.built"
echo "$prefix"
