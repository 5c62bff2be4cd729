#pragma once

#include <cstdint>
#include <string>

namespace samantha::testing {

// Shape of a tiny random-weight llama model.
struct TinyModelShape {
    int embedding = 64;
    int layers = 2;
    int heads = 4;
    int kv_heads = 2;
    int feed_forward = 128;
    int context = 2048;
};

// Writes a random-weight llama-architecture GGUF at `out` carrying the real tokenizer (and chat
// template) of the vocab-only GGUF at `vocab`. Returns "" on success, else what went wrong.
std::string write_tiny_model(const std::string& out,
                             const std::string& vocab,
                             const TinyModelShape& shape,
                             std::uint64_t seed);

} // namespace samantha::testing
