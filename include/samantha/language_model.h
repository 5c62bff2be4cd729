#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

namespace samantha {

// One message of a chat prompt.
struct ChatMessage {
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    std::string content;
};

// "system", "user" or "assistant".
const char* chat_role_name(ChatMessage::Role role);

// How to sample. Penalties control repetition, users' most common complaint about companions.
struct SamplingParams {
    float temperature = 0.8f;
    float top_p = 0.95f;
    int max_tokens = 160;          // a companion speaks in a few sentences
    float presence_penalty = 0.3f; // OpenAI-style; llama.cpp maps them to its penalties
    float frequency_penalty = 0.3f;
    float repeat_penalty = 1.1f; // llama.cpp-style
    std::uint64_t seed = 0;      // 0: the backend's choice
};

// One generation.
struct GenerationRequest {
    std::vector<ChatMessage> messages;
    SamplingParams sampling;
    std::string
        json_schema;     // non-empty: constrain the output to this JSON schema (OpenAI-compatible)
    std::string grammar; // non-empty: constrain the output to this GBNF grammar (llama.cpp)
    std::string session; // a conversation key: an embedded model keeps its KV cache per session
};

// What a generation produced.
struct GenerationResult {
    std::string text;
    std::string finish_reason; // "stop", "length", "stopped" (the sink asked to stop)
    int prompt_tokens = 0;     // prompt tokens evaluated (embedded: only what the KV cache lacked)
    int completion_tokens = 0;
    double prompt_ms = 0.0; // time spent evaluating the prompt (embedded models)
};

// Receives text as it is generated, on the thread that called generate(); the view is valid only
// during the call. Returning false stops the generation (the result is what came so far).
using TextSink = std::function<bool(std::string_view piece)>;

// A language model: embedded, or behind an OpenAI-compatible server.
class LanguageModel {
public:
    virtual ~LanguageModel() = default;

    // "openai", "llama", … as reported in replies' "brain".
    virtual std::string name() const = 0;

    // Generates a reply to `request`, streaming pieces to `on_text`. Errors: Unavailable (cannot
    // reach the backend, or it refused: the message names the status and the reason), Timeout,
    // Cancelled (`stop` was requested), InvalidArgument (the backend sent something malformed).
    virtual Result<GenerationResult>
    generate(const GenerationRequest& request, const TextSink& on_text, std::stop_token stop) = 0;
};

// How to reach an OpenAI-compatible server (llama-server, Ollama, vLLM, OpenAI, Gemini).
struct OpenAiConfig {
    std::string url;     // "http://127.0.0.1:8080", ".../v1" or ".../v1/chat/completions"
    std::string model;   // sent as "model"
    std::string api_key; // sent as a bearer token when non-empty; never logged
    int connect_timeout_ms = 5000;
    int request_timeout_ms = 60000;
    int max_retries = 2;        // on 429, 5xx and failed connections, before any text arrived
    int retry_backoff_ms = 250; // doubled after each retry
};

// An embedded llama.cpp model (GGUF), loaded once and shared by every conversation.
struct LlamaConfig {
    std::string model_path; // a .gguf file
    int threads = 0;        // 0: the machine's cores, at most 8
    int context = 4096;     // tokens per conversation
    int max_sessions = 4;   // conversations whose KV cache is kept (least recently used go)
};

// Loads a GGUF model. NotFound when the file is missing, InvalidArgument when llama.cpp cannot
// load it, Unsupported when Samantha was built without llama.cpp.
Result<std::unique_ptr<LanguageModel>> make_llama_language_model(const LlamaConfig& config);

// Raw llama.cpp throughput, measured as llama-bench does: `prompt_tokens` random tokens decoded in
// one batch, then `gen_tokens` tokens decoded one at a time; the mean of `repetitions` runs after a
// warm-up. Unsupported without llama.cpp.
struct LlmThroughput {
    double prompt_tps = 0.0;
    double gen_tps = 0.0;
};

Result<LlmThroughput> measure_llama_throughput(const LlamaConfig& config,
                                               int prompt_tokens,
                                               int gen_tokens,
                                               int repetitions);

// An OpenAI-compatible /v1/chat/completions client with SSE streaming (libcurl). InvalidArgument
// when the URL is not http(s).
Result<std::unique_ptr<LanguageModel>> make_openai_language_model(const OpenAiConfig& config);

} // namespace samantha
