// A random-weight whisper model for tests and the voice benchmark, in whisper.cpp's legacy ggml
// format: magic, hyper-parameters, mel filters, vocabulary, then the tensors whisper_model_load
// expects, in its names and shapes.
#include "tools/tiny_whisper.h"

#include <cstdio>
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

struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// GPT-2 writes each byte as a printable code point; this is the inverse of its bytes_to_unicode.
std::vector<int> unicode_to_byte() {
    std::vector<int> map(512, -1);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174;
        map[static_cast<std::size_t>(printable ? b : 256 + extra++)] = b;
    }
    return map;
}

// The raw bytes of a GPT-2 token string (UTF-8 of mapped code points).
std::string token_bytes(const std::string& token, const std::vector<int>& map) {
    std::string out;
    for (std::size_t i = 0; i < token.size();) {
        const auto c = static_cast<unsigned char>(token[i]);
        unsigned cp = c;
        std::size_t len = 1;
        if (c >= 0xC0 && c < 0xE0 && i + 1 < token.size()) {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(token[i + 1]) & 0x3Fu);
            len = 2;
        }
        out.push_back(cp < map.size() && map[cp] >= 0 ? static_cast<char>(map[cp]) : '?');
        i += len;
    }
    return out;
}

class Writer {
public:
    Writer(std::FILE* f, std::uint64_t seed)
        : m_f(f)
        , m_rng(seed) {}

    void i32(std::int32_t v) { std::fwrite(&v, sizeof v, 1, m_f); }

    void bytes(const std::string& s) { std::fwrite(s.data(), 1, s.size(), m_f); }

    // A tensor of shape `ne` (ggml order, innermost first): random weights, or `fill` when given.
    void tensor(const std::string& name,
                std::vector<int> ne,
                bool f16,
                float fill = 0.0f,
                bool random = true) {
        i32(static_cast<std::int32_t>(ne.size()));
        i32(static_cast<std::int32_t>(name.size()));
        i32(f16 ? GGML_TYPE_F16 : GGML_TYPE_F32);
        std::size_t n = 1;
        for (int d : ne) {
            i32(d);
            n *= static_cast<std::size_t>(d);
        }
        bytes(name);
        std::uniform_real_distribution<float> weight(-0.05f, 0.05f);
        if (f16) {
            std::vector<ggml_fp16_t> data(n);
            for (auto& v : data) {
                v = ggml_fp32_to_fp16(random ? weight(m_rng) : fill);
            }
            std::fwrite(data.data(), sizeof(ggml_fp16_t), n, m_f);
        } else {
            std::vector<float> data(n);
            for (auto& v : data) {
                v = random ? weight(m_rng) : fill;
            }
            std::fwrite(data.data(), sizeof(float), n, m_f);
        }
    }

private:
    std::FILE* m_f;
    std::mt19937_64 m_rng;
};

} // namespace

std::string write_tiny_whisper(const std::string& out,
                               const std::string& vocab,
                               const TinyWhisperShape& shape,
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
    const auto n_tokens = static_cast<int>(gguf_get_arr_n(source.get(), tokens_key));
    constexpr int n_vocab = 51865; // multilingual: the loader adds the special tokens past the BPE
    constexpr int n_audio_ctx = 1500;
    constexpr int n_text_ctx = 448;
    constexpr int n_mels = 80;
    constexpr int n_fft = 201;
    const int bpe = std::min(n_tokens, 50257);

    std::unique_ptr<std::FILE, FileClose> file(std::fopen(out.c_str(), "wb"));
    if (!file) {
        return fmt::format("cannot write '{}'", out);
    }
    Writer w(file.get(), seed);
    w.i32(0x67676d6c); // "ggml"
    const int s = shape.state;
    for (int v : {n_vocab,
                  n_audio_ctx,
                  s,
                  shape.heads,
                  shape.audio_layers,
                  n_text_ctx,
                  s,
                  shape.heads,
                  shape.text_layers,
                  n_mels,
                  shape.f16 ? 1 : 0}) {
        w.i32(v);
    }
    // Mel filters: each band a triangle over its share of the FFT bins.
    w.i32(n_mels);
    w.i32(n_fft);
    std::vector<float> filters(static_cast<std::size_t>(n_mels * n_fft), 0.0f);
    for (int m = 0; m < n_mels; ++m) {
        const int centre = 1 + m * (n_fft - 2) / n_mels;
        for (int k = std::max(0, centre - 2); k <= std::min(n_fft - 1, centre + 2); ++k) {
            filters[static_cast<std::size_t>(m * n_fft + k)] = 0.02f * (3 - std::abs(k - centre));
        }
    }
    std::fwrite(filters.data(), sizeof(float), filters.size(), file.get());
    // The vocabulary: GPT-2's tokens as raw bytes (" " must be among them).
    const std::vector<int> map = unicode_to_byte();
    w.i32(bpe);
    for (int i = 0; i < bpe; ++i) {
        const std::string t = token_bytes(gguf_get_arr_str(source.get(), tokens_key, i), map);
        w.i32(static_cast<std::int32_t>(t.size()));
        w.bytes(t);
    }
    const bool h = shape.f16;
    w.tensor("encoder.positional_embedding", {s, n_audio_ctx}, false);
    w.tensor("encoder.conv1.weight", {3, n_mels, s}, h);
    w.tensor("encoder.conv1.bias", {1, s}, false);
    w.tensor("encoder.conv2.weight", {3, s, s}, h);
    w.tensor("encoder.conv2.bias", {1, s}, false);
    w.tensor("encoder.ln_post.weight", {s}, false, 1.0f, false);
    w.tensor("encoder.ln_post.bias", {s}, false, 0.0f, false);
    const auto block = [&](const std::string& p, bool cross) {
        w.tensor(p + "mlp_ln.weight", {s}, false, 1.0f, false);
        w.tensor(p + "mlp_ln.bias", {s}, false, 0.0f, false);
        w.tensor(p + "mlp.0.weight", {s, 4 * s}, h);
        w.tensor(p + "mlp.0.bias", {4 * s}, false);
        w.tensor(p + "mlp.2.weight", {4 * s, s}, h);
        w.tensor(p + "mlp.2.bias", {s}, false);
        for (const std::string a : cross ? std::vector<std::string>{"attn", "cross_attn"}
                                         : std::vector<std::string>{"attn"}) {
            w.tensor(p + a + "_ln.weight", {s}, false, 1.0f, false);
            w.tensor(p + a + "_ln.bias", {s}, false, 0.0f, false);
            w.tensor(p + a + ".query.weight", {s, s}, h);
            w.tensor(p + a + ".query.bias", {s}, false);
            w.tensor(p + a + ".key.weight", {s, s}, h);
            w.tensor(p + a + ".value.weight", {s, s}, h);
            w.tensor(p + a + ".value.bias", {s}, false);
            w.tensor(p + a + ".out.weight", {s, s}, h);
            w.tensor(p + a + ".out.bias", {s}, false);
        }
    };
    for (int i = 0; i < shape.audio_layers; ++i) {
        block(fmt::format("encoder.blocks.{}.", i), false);
    }
    w.tensor("decoder.positional_embedding", {s, n_text_ctx}, false);
    w.tensor("decoder.token_embedding.weight", {s, n_vocab}, h);
    w.tensor("decoder.ln.weight", {s}, false, 1.0f, false);
    w.tensor("decoder.ln.bias", {s}, false, 0.0f, false);
    for (int i = 0; i < shape.text_layers; ++i) {
        block(fmt::format("decoder.blocks.{}.", i), true);
    }
    if (std::ferror(file.get()) != 0) {
        return fmt::format("cannot write '{}'", out);
    }
    return {};
}

} // namespace samantha::testing
