// The embedded llama.cpp brain: the only file that includes llama.h. One model, loaded once;
// each conversation (request.session) keeps its own context and KV cache, and a turn evaluates
// only the tokens its cache lacks (prefix reuse).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <list>
#include <mutex>
#include <random>
#include <thread>

#include <fmt/format.h>
#include <ggml-cpu.h>
#include <llama.h>
#include <samantha/language_model.h>

#include "core/utf8.h"

namespace samantha {

namespace {

struct ModelFree {
    void operator()(llama_model* m) const { llama_model_free(m); }
};

struct ContextFree {
    void operator()(llama_context* c) const { llama_free(c); }
};

struct ThreadpoolFree {
    void operator()(ggml_threadpool* t) const { ggml_threadpool_free(t); }
};

using Threadpool = std::unique_ptr<ggml_threadpool, ThreadpoolFree>;

// A CPU thread pool that polls briefly for work between graph runs, as llama-bench's does
// (--poll 50): token-by-token generation no longer wakes sleeping threads every step.
Threadpool make_threadpool(int threads) {
    ggml_threadpool_params params = ggml_threadpool_params_default(threads);
    params.poll = 50;
    return Threadpool(ggml_threadpool_new(&params));
}

struct SamplerFree {
    void operator()(llama_sampler* s) const { llama_sampler_free(s); }
};

void quiet_log(ggml_log_level /*level*/, const char* /*text*/, void* /*user*/) {
    // The library never writes to stderr (STYLE.md §8); failures come back as Errors.
}

void backend_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        llama_log_set(&quiet_log, nullptr);
        llama_backend_init();
    });
}

// How many bytes at the end of `text` are the start of an unfinished UTF-8 character.
std::size_t incomplete_tail(std::string_view text) {
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
        const auto c = static_cast<unsigned char>(text[text.size() - back]);
        if ((c & 0xC0) == 0x80) {
            continue;
        }
        const std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

// Samples the next token from the logits of the last decode: `chain` picks one, `grammar` vets it,
// and only a refused token makes the grammar constrain every candidate before the chain picks
// again. Both samplers then accept the token.
llama_token sample_with_grammar(llama_sampler& chain,
                                llama_sampler& grammar,
                                llama_context* context,
                                std::vector<llama_token_data>& candidates) {
    const llama_vocab* vocab = llama_model_get_vocab(llama_get_model(context));
    const int n_vocab = llama_vocab_n_tokens(vocab);
    const float* logits = llama_get_logits_ith(context, -1);
    const auto fill = [&] {
        candidates.resize(static_cast<std::size_t>(n_vocab));
        for (llama_token id = 0; id < n_vocab; ++id) {
            candidates[static_cast<std::size_t>(id)] = llama_token_data{id, logits[id], 0.0f};
        }
        return llama_token_data_array{candidates.data(), candidates.size(), -1, false};
    };
    llama_token_data_array all = fill();
    llama_sampler_apply(&chain, &all);
    llama_token token = all.data[all.selected].id;

    llama_token_data one{token, 1.0f, 0.0f};
    llama_token_data_array single{&one, 1, -1, false};
    llama_sampler_apply(&grammar, &single);
    if (std::isinf(one.logit) && one.logit < 0) {
        all = fill();
        llama_sampler_apply(&grammar, &all);
        llama_sampler_apply(&chain, &all);
        token = all.data[all.selected].id;
    }
    llama_sampler_accept(&grammar, token);
    llama_sampler_accept(&chain, token);
    return token;
}

class LlamaModel final : public LanguageModel {
public:
    LlamaModel(std::unique_ptr<llama_model, ModelFree> model, LlamaConfig config)
        : m_model(std::move(model))
        , m_vocab(llama_model_get_vocab(m_model.get()))
        , m_config(std::move(config)) {
        const char* tmpl = llama_model_chat_template(m_model.get(), nullptr);
        m_template = tmpl != nullptr ? tmpl : "chatml"; // a sane fallback the template engine knows
    }

    std::string name() const override { return "llama"; }

    Result<GenerationResult> generate(const GenerationRequest& request,
                                      const TextSink& on_text,
                                      std::stop_token stop) override {
        const std::lock_guard lock(m_mutex); // one generation at a time on this model
        auto session = session_for(request.session);
        if (!session) {
            return session.error();
        }
        Session& s = **session;
        const int n_ctx = static_cast<int>(llama_n_ctx(s.context.get()));
        const int budget = n_ctx - std::max(16, request.sampling.max_tokens);
        auto tokens = fitted_prompt(request.messages, budget);
        if (!tokens) {
            return tokens.error();
        }
        // Prefix reuse: keep the cached tokens the new prompt starts with; evaluate the rest.
        std::size_t keep = 0;
        while (keep < s.tokens.size() && keep < tokens->size() &&
               s.tokens[keep] == (*tokens)[keep]) {
            ++keep;
        }
        if (keep == tokens->size()) {
            --keep; // the last prompt token must be evaluated again for fresh logits
        }
        llama_memory_seq_rm(llama_get_memory(s.context.get()), 0, static_cast<llama_pos>(keep), -1);
        s.tokens.resize(keep);
        const auto before = llama_perf_context(s.context.get());
        const auto prompt_started = std::chrono::steady_clock::now();
        const int batch = static_cast<int>(llama_n_batch(s.context.get()));
        for (std::size_t at = keep; at < tokens->size(); at += static_cast<std::size_t>(batch)) {
            if (stop.stop_requested()) {
                return make_error(ErrorCode::Cancelled, "llama: cancelled");
            }
            const auto n = static_cast<int32_t>(
                std::min<std::size_t>(static_cast<std::size_t>(batch), tokens->size() - at));
            if (llama_decode(s.context.get(), llama_batch_get_one(tokens->data() + at, n)) != 0) {
                s.tokens.clear();
                llama_memory_clear(llama_get_memory(s.context.get()), true);
                return make_error(ErrorCode::Internal, "llama: evaluating the prompt failed");
            }
            s.tokens.insert(s.tokens.end(),
                            tokens->begin() + static_cast<std::ptrdiff_t>(at),
                            tokens->begin() +
                                static_cast<std::ptrdiff_t>(at + static_cast<std::size_t>(n)));
        }
        // llama.cpp adds to its counters when it synchronises; a lone token counts as n_eval.
        llama_synchronize(s.context.get());
        const auto after_prompt = llama_perf_context(s.context.get());
        GenerationResult result;
        result.prompt_tokens =
            (after_prompt.n_p_eval - before.n_p_eval) + (after_prompt.n_eval - before.n_eval);
        result.prompt_ms = std::chrono::duration<double, std::milli>(
                               std::chrono::steady_clock::now() - prompt_started)
                               .count();

        std::unique_ptr<llama_sampler, SamplerFree> sampler(
            llama_sampler_chain_init(llama_sampler_chain_default_params()));
        const auto& p = request.sampling;
        llama_sampler_chain_add(sampler.get(),
                                llama_sampler_init_penalties(llama_vocab_n_tokens(m_vocab),
                                                             64,
                                                             p.repeat_penalty,
                                                             p.frequency_penalty,
                                                             p.presence_penalty));
        // The grammar stays out of the chain: checking it against all ~150k candidates every token
        // is slow, so the chain samples first and the grammar only vets that token, constraining
        // the whole distribution only when it is refused (as llama.cpp's own common sampler does).
        std::unique_ptr<llama_sampler, SamplerFree> grammar;
        if (!request.grammar.empty()) {
            grammar.reset(llama_sampler_init_grammar(m_vocab, request.grammar.c_str(), "root"));
            if (!grammar) {
                return make_error(ErrorCode::InvalidArgument,
                                  "llama: the output grammar does not parse");
            }
        }
        llama_sampler_chain_add(sampler.get(), llama_sampler_init_top_k(40));
        llama_sampler_chain_add(sampler.get(), llama_sampler_init_top_p(p.top_p, 1));
        llama_sampler_chain_add(sampler.get(), llama_sampler_init_temp(p.temperature));
        llama_sampler_chain_add(sampler.get(),
                                llama_sampler_init_dist(p.seed != 0 ? static_cast<uint32_t>(p.seed)
                                                                    : LLAMA_DEFAULT_SEED));
        std::vector<llama_token_data> candidates;
        std::string pending; // bytes of an unfinished UTF-8 character
        result.finish_reason = "length";
        for (int i = 0; i < p.max_tokens; ++i) {
            if (stop.stop_requested()) {
                return make_error(ErrorCode::Cancelled, "llama: cancelled");
            }
            if (static_cast<int>(s.tokens.size()) >= n_ctx - 1) {
                break;
            }
            llama_token token =
                grammar ? sample_with_grammar(*sampler, *grammar, s.context.get(), candidates)
                        : llama_sampler_sample(sampler.get(), s.context.get(), -1);
            if (llama_vocab_is_eog(m_vocab, token)) {
                result.finish_reason = "stop";
                break;
            }
            char buffer[256];
            const int n = llama_token_to_piece(m_vocab, token, buffer, sizeof buffer, 0, false);
            if (n > 0) {
                pending.append(buffer, static_cast<std::size_t>(n));
                const std::size_t tail = incomplete_tail(pending);
                const std::string piece = pending.substr(0, pending.size() - tail);
                pending.erase(0, pending.size() - tail);
                if (!piece.empty()) {
                    result.text += piece;
                    if (on_text && !on_text(piece)) {
                        result.finish_reason = "stopped";
                        result.completion_tokens = i + 1;
                        s.tokens.push_back(token);
                        llama_decode(s.context.get(), llama_batch_get_one(&token, 1));
                        return result;
                    }
                }
            }
            s.tokens.push_back(token);
            if (llama_decode(s.context.get(), llama_batch_get_one(&token, 1)) != 0) {
                return make_error(ErrorCode::Internal, "llama: generating failed");
            }
            result.completion_tokens = i + 1;
        }
        return result;
    }

private:
    struct Session {
        std::string key;
        std::unique_ptr<llama_context, ContextFree> context;
        std::vector<llama_token> tokens; // what the KV cache holds, in order
    };

    Result<Session*> session_for(const std::string& key) {
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
            if (it->key == key) {
                m_sessions.splice(m_sessions.begin(), m_sessions, it); // most recent first
                return &m_sessions.front();
            }
        }
        auto params = llama_context_default_params();
        params.n_ctx = static_cast<uint32_t>(m_config.context);
        params.n_batch = 512;
        const int threads =
            m_config.threads > 0
                ? m_config.threads
                : std::min(8, static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
        params.n_threads = threads;
        params.n_threads_batch = threads;
        params.no_perf = false;
        std::unique_ptr<llama_context, ContextFree> context(
            llama_init_from_model(m_model.get(), params));
        if (!context) {
            return make_error(ErrorCode::Internal,
                              "llama: cannot create a context for the conversation");
        }
        if (!m_threadpool) {
            m_threadpool = make_threadpool(threads);
        }
        if (m_threadpool) {
            llama_attach_threadpool(context.get(), m_threadpool.get(), m_threadpool.get());
        }
        if (static_cast<int>(m_sessions.size()) >= m_config.max_sessions) {
            m_sessions.pop_back(); // the least recently used conversation gives its cache up
        }
        m_sessions.push_front(Session{.key = key, .context = std::move(context), .tokens = {}});
        return &m_sessions.front();
    }

    // The prompt's tokens within `budget`: when the history is too long, its oldest messages are
    // dropped in blocks of 16, so consecutive turns drop the same ones and keep a common prefix
    // for the KV cache (the first system message and the last three messages always stay).
    Result<std::vector<llama_token>> fitted_prompt(const std::vector<ChatMessage>& messages,
                                                   int budget) const {
        constexpr std::size_t block = 16;
        const std::size_t droppable = messages.size() > 4 ? messages.size() - 4 : 0;
        for (std::size_t drop = 0;; drop += block) {
            const std::size_t n = std::min(drop, droppable);
            std::vector<ChatMessage> kept;
            kept.push_back(messages.front());
            kept.insert(
                kept.end(), messages.begin() + 1 + static_cast<std::ptrdiff_t>(n), messages.end());
            auto tokens = prompt_tokens(kept);
            if (!tokens) {
                return tokens.error();
            }
            if (static_cast<int>(tokens->size()) <= budget) {
                return tokens;
            }
            if (n == droppable) {
                return make_error(
                    ErrorCode::TooLarge,
                    fmt::format("llama: the prompt is {} tokens, over the context budget of {}",
                                tokens->size(),
                                budget));
            }
        }
    }

    Result<std::vector<llama_token>> prompt_tokens(const std::vector<ChatMessage>& messages) const {
        std::vector<llama_chat_message> chat;
        chat.reserve(messages.size());
        for (const auto& m : messages) {
            chat.push_back(
                llama_chat_message{.role = chat_role_name(m.role), .content = m.content.c_str()});
        }
        std::string text(4096, '\0');
        const auto apply = [&](const char* tmpl) {
            return llama_chat_apply_template(tmpl,
                                             chat.data(),
                                             chat.size(),
                                             true,
                                             text.data(),
                                             static_cast<int32_t>(text.size()));
        };
        const char* tmpl = m_template.c_str();
        int n = apply(tmpl);
        if (n < 0) {
            tmpl = "chatml"; // the model's template is not one llama.cpp knows
            n = apply(tmpl);
        }
        if (n > static_cast<int>(text.size())) {
            text.resize(static_cast<std::size_t>(n));
            n = apply(tmpl);
        }
        if (n < 0) {
            return make_error(ErrorCode::Internal, "llama: cannot apply a chat template");
        }
        text.resize(static_cast<std::size_t>(n));
        std::vector<llama_token> tokens(text.size() + 16);
        const auto tokenize = [&] {
            return llama_tokenize(m_vocab,
                                  text.data(),
                                  static_cast<int32_t>(text.size()),
                                  tokens.data(),
                                  static_cast<int32_t>(tokens.size()),
                                  true,
                                  true);
        };
        int count = tokenize();
        if (count < 0) {
            tokens.resize(static_cast<std::size_t>(-count));
            count = tokenize();
        }
        if (count < 0) {
            return make_error(ErrorCode::Internal, "llama: cannot tokenize the prompt");
        }
        tokens.resize(static_cast<std::size_t>(count));
        return tokens;
    }

    Threadpool m_threadpool; // shared by the sessions' contexts, which go first (declared last)
    std::unique_ptr<llama_model, ModelFree> m_model;
    const llama_vocab* m_vocab;
    LlamaConfig m_config;
    std::string m_template;
    std::mutex m_mutex;            // guards m_sessions and serialises generations
    std::list<Session> m_sessions; // guarded by m_mutex
};

} // namespace

Result<std::unique_ptr<LanguageModel>> make_llama_language_model(const LlamaConfig& config) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(config.model_path, ec)) {
        return make_error(
            ErrorCode::NotFound,
            fmt::format("llama: cannot load model '{}': file not found", config.model_path));
    }
    backend_init();
    auto params = llama_model_default_params();
    params.n_gpu_layers = 999; // everything on the GPU when the build has one; ignored on CPU
    std::unique_ptr<llama_model, ModelFree> model(
        llama_model_load_from_file(config.model_path.c_str(), params));
    if (!model) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("llama: cannot load model '{}': not a GGUF model llama.cpp can read",
                        config.model_path));
    }
    return std::unique_ptr<LanguageModel>(std::make_unique<LlamaModel>(std::move(model), config));
}

Result<LlmThroughput> measure_llama_throughput(const LlamaConfig& config,
                                               int prompt_tokens,
                                               int gen_tokens,
                                               int repetitions) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(config.model_path, ec)) {
        return make_error(
            ErrorCode::NotFound,
            fmt::format("llama: cannot load model '{}': file not found", config.model_path));
    }
    backend_init();
    std::unique_ptr<llama_model, ModelFree> model(
        llama_model_load_from_file(config.model_path.c_str(), llama_model_default_params()));
    if (!model) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("llama: cannot load model '{}'", config.model_path));
    }
    const llama_vocab* vocab = llama_model_get_vocab(model.get());
    auto params = llama_context_default_params();
    params.n_ctx = static_cast<uint32_t>(prompt_tokens + gen_tokens + 16);
    params.n_batch = static_cast<uint32_t>(std::max(prompt_tokens, 1));
    params.n_ubatch = 512;
    const int threads = config.threads > 0
                            ? config.threads
                            : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    params.n_threads = threads;
    params.n_threads_batch = threads;
    Threadpool pool = make_threadpool(threads);
    std::unique_ptr<llama_context, ContextFree> context(llama_init_from_model(model.get(), params));
    if (!context) {
        return make_error(ErrorCode::Internal, "llama: cannot create a context");
    }
    if (pool) {
        llama_attach_threadpool(context.get(), pool.get(), pool.get());
    }
    const int n_vocab = llama_vocab_n_tokens(vocab);
    std::mt19937 rng(1234);
    std::vector<llama_token> prompt(static_cast<std::size_t>(prompt_tokens));
    const auto once = [&](LlmThroughput& best) -> bool {
        for (auto& t : prompt) {
            t = static_cast<llama_token>(rng() % static_cast<unsigned>(n_vocab));
        }
        llama_memory_clear(llama_get_memory(context.get()), true);
        const auto p0 = std::chrono::steady_clock::now();
        if (prompt_tokens > 0 &&
            llama_decode(context.get(), llama_batch_get_one(prompt.data(), prompt_tokens)) != 0) {
            return false;
        }
        llama_synchronize(context.get());
        const auto p1 = std::chrono::steady_clock::now();
        llama_memory_clear(llama_get_memory(context.get()), true);
        llama_token token = static_cast<llama_token>(rng() % static_cast<unsigned>(n_vocab));
        const auto g0 = std::chrono::steady_clock::now();
        for (int i = 0; i < gen_tokens; ++i) {
            if (llama_decode(context.get(), llama_batch_get_one(&token, 1)) != 0) {
                return false;
            }
            llama_synchronize(context.get());
            token = static_cast<llama_token>(rng() % static_cast<unsigned>(n_vocab));
        }
        const auto g1 = std::chrono::steady_clock::now();
        const double pp = std::chrono::duration<double>(p1 - p0).count();
        const double tg = std::chrono::duration<double>(g1 - g0).count();
        best.prompt_tps += pp > 0 ? prompt_tokens / pp : 0.0;
        best.gen_tps += tg > 0 ? gen_tokens / tg : 0.0;
        return true;
    };
    LlmThroughput warmup;
    LlmThroughput best;
    if (!once(warmup)) {
        return make_error(ErrorCode::Internal, "llama: decoding failed");
    }
    const int runs = std::max(1, repetitions);
    for (int r = 0; r < runs; ++r) {
        if (!once(best)) {
            return make_error(ErrorCode::Internal, "llama: decoding failed");
        }
    }
    // The mean over the runs, as llama-bench reports (avg_ts).
    best.prompt_tps /= runs;
    best.gen_tps /= runs;
    return best;
}

} // namespace samantha
