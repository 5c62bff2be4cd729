#pragma once

#include <cstdint>
#include <string>

namespace samantha::testing {

// Shape of a random-weight whisper model (whisper-base's is audio/text state 512, 8 heads, 6
// layers each).
struct TinyWhisperShape {
    int state = 64;
    int heads = 2;
    int audio_layers = 1;
    int text_layers = 1;
    bool f16 = true;

    // The shape of whisper-base.
    static TinyWhisperShape base() {
        return {.state = 512, .heads = 8, .audio_layers = 6, .text_layers = 6, .f16 = true};
    }
};

// Writes a random-weight multilingual whisper model in whisper.cpp's ggml format at `out`, with the
// real byte-level BPE vocabulary of the vocab-only GGUF at `vocab` (GPT-2's, whisper's English
// tokenizer) as its first tokens (DEPENDENCIES.md, "Random whisper model"). Returns "" on success,
// else what went wrong.
std::string write_tiny_whisper(const std::string& out,
                               const std::string& vocab,
                               const TinyWhisperShape& shape,
                               std::uint64_t seed);

} // namespace samantha::testing
