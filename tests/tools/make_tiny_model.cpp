// samantha-make-tiny-model --out F.gguf [--vocab qwen2] [--seed N]: a random-weight llama GGUF
// with a real tokenizer, for tests and benchmarks (no weights can be downloaded here).
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "tools/tiny_model.h"

int main(int argc, char** argv) {
    std::string out;
    std::string vocab = "qwen2";
    std::uint64_t seed = 42;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--out") {
            out = argv[i + 1];
        } else if (flag == "--vocab") {
            vocab = argv[i + 1];
        } else if (flag == "--seed") {
            seed = std::strtoull(argv[i + 1], nullptr, 10);
        }
    }
    if (out.empty()) {
        fmt::print(
            stderr,
            "usage: samantha-make-tiny-model --out F.gguf [--vocab qwen2|PATH] [--seed N]\n");
        return 2;
    }
    const std::string path =
        vocab.find('/') != std::string::npos
            ? vocab
            : std::string(SAMANTHA_LLAMA_VOCAB_DIR) + "/ggml-vocab-" + vocab + ".gguf";
    const std::string error = samantha::testing::write_tiny_model(out, path, {}, seed);
    if (!error.empty()) {
        fmt::print(stderr, "samantha-make-tiny-model: {}\n", error);
        return 1;
    }
    return 0;
}
