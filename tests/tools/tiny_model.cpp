// A tiny random-weight llama model for tests: ggml's public gguf API writes it (DEPENDENCIES.md,
// "Tiny models for tests"); the tokenizer and chat template are copied from a vocab-only GGUF.
#include "tools/tiny_model.h"

#include <memory>
#include <random>
#include <vector>

#include <fmt/format.h>
#include <ggml.h>
#include <gguf.h>

namespace samantha::testing {

namespace {

struct GgufFree {
    void operator()(gguf_context* c) const { gguf_free(c); }
};

struct GgmlFree {
    void operator()(ggml_context* c) const { ggml_free(c); }
};

} // namespace

std::string write_tiny_model(const std::string& out,
                             const std::string& vocab,
                             const TinyModelShape& shape,
                             std::uint64_t seed) {
    gguf_init_params load{.no_alloc = true, .ctx = nullptr};
    std::unique_ptr<gguf_context, GgufFree> source(gguf_init_from_file(vocab.c_str(), load));
    if (!source) {
        return fmt::format("cannot read the vocab GGUF '{}'", vocab);
    }
    const int64_t tokens_key = gguf_find_key(source.get(), "tokenizer.ggml.tokens");
    if (tokens_key < 0) {
        return fmt::format("'{}' has no tokenizer.ggml.tokens", vocab);
    }
    const auto n_vocab = static_cast<int64_t>(gguf_get_arr_n(source.get(), tokens_key));

    std::unique_ptr<gguf_context, GgufFree> model(gguf_init_empty());
    gguf_set_kv(model.get(), source.get()); // the real tokenizer and chat template
    gguf_set_val_str(model.get(), "general.architecture", "llama");
    gguf_set_val_str(model.get(), "general.name", "samantha-tiny");
    gguf_set_val_u32(model.get(), "llama.context_length", static_cast<uint32_t>(shape.context));
    gguf_set_val_u32(model.get(), "llama.embedding_length", static_cast<uint32_t>(shape.embedding));
    gguf_set_val_u32(model.get(), "llama.block_count", static_cast<uint32_t>(shape.layers));
    gguf_set_val_u32(
        model.get(), "llama.feed_forward_length", static_cast<uint32_t>(shape.feed_forward));
    gguf_set_val_u32(model.get(), "llama.attention.head_count", static_cast<uint32_t>(shape.heads));
    gguf_set_val_u32(
        model.get(), "llama.attention.head_count_kv", static_cast<uint32_t>(shape.kv_heads));
    gguf_set_val_u32(model.get(),
                     "llama.rope.dimension_count",
                     static_cast<uint32_t>(shape.embedding / shape.heads));
    gguf_set_val_f32(model.get(), "llama.attention.layer_norm_rms_epsilon", 1e-5f);
    gguf_set_val_u32(model.get(), "llama.vocab_size", static_cast<uint32_t>(n_vocab));

    const int64_t n_embd = shape.embedding;
    const int64_t n_kv = shape.embedding / shape.heads * shape.kv_heads;
    const int64_t n_ff = shape.feed_forward;
    const std::size_t bytes =
        static_cast<std::size_t>(
            (2 * n_vocab * n_embd +
             static_cast<int64_t>(shape.layers) *
                 (2 * n_embd * n_embd + 2 * n_embd * n_kv + 3 * n_embd * n_ff)) *
                2 +
            (2 + 2 * shape.layers) * n_embd * 4) +
        64 * 1024 * 1024;
    ggml_init_params params{.mem_size = bytes, .mem_buffer = nullptr, .no_alloc = false};
    std::unique_ptr<ggml_context, GgmlFree> ctx(ggml_init(params));
    if (!ctx) {
        return "cannot allocate the tensors";
    }
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> weight(-0.08f, 0.08f);
    std::vector<ggml_tensor*> tensors;
    const auto matrix = [&](const std::string& name, int64_t cols, int64_t rows) {
        ggml_tensor* t = ggml_new_tensor_2d(ctx.get(), GGML_TYPE_F16, cols, rows);
        ggml_set_name(t, name.c_str());
        auto* data = static_cast<ggml_fp16_t*>(t->data);
        for (int64_t i = 0; i < cols * rows; ++i) {
            data[i] = ggml_fp32_to_fp16(weight(rng));
        }
        tensors.push_back(t);
    };
    const auto norm = [&](const std::string& name) {
        ggml_tensor* t = ggml_new_tensor_1d(ctx.get(), GGML_TYPE_F32, n_embd);
        ggml_set_name(t, name.c_str());
        auto* data = static_cast<float*>(t->data);
        for (int64_t i = 0; i < n_embd; ++i) {
            data[i] = 1.0f;
        }
        tensors.push_back(t);
    };
    matrix("token_embd.weight", n_embd, n_vocab);
    norm("output_norm.weight");
    matrix("output.weight", n_embd, n_vocab);
    for (int layer = 0; layer < shape.layers; ++layer) {
        const std::string p = fmt::format("blk.{}.", layer);
        norm(p + "attn_norm.weight");
        matrix(p + "attn_q.weight", n_embd, n_embd);
        matrix(p + "attn_k.weight", n_embd, n_kv);
        matrix(p + "attn_v.weight", n_embd, n_kv);
        matrix(p + "attn_output.weight", n_embd, n_embd);
        norm(p + "ffn_norm.weight");
        matrix(p + "ffn_gate.weight", n_embd, n_ff);
        matrix(p + "ffn_down.weight", n_ff, n_embd);
        matrix(p + "ffn_up.weight", n_embd, n_ff);
    }
    for (ggml_tensor* t : tensors) {
        gguf_add_tensor(model.get(), t);
    }
    if (!gguf_write_to_file(model.get(), out.c_str(), false)) {
        return fmt::format("cannot write '{}'", out);
    }
    return {};
}

} // namespace samantha::testing
