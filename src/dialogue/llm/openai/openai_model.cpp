// The OpenAI-compatible backend: POST /v1/chat/completions with "stream": true, read as
// server-sent events. The only files that include curl and the JSON library in dialogue/.
#include <chrono>
#include <mutex>
#include <thread>

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/language_model.h>

namespace samantha {

const char* chat_role_name(ChatMessage::Role role) {
    switch (role) {
    case ChatMessage::Role::System:
        return "system";
    case ChatMessage::Role::User:
        return "user";
    case ChatMessage::Role::Assistant:
        return "assistant";
    }
    return "user";
}

namespace {

struct CurlCleanup {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

struct HeaderCleanup {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string endpoint(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    if (url.ends_with("/chat/completions")) {
        return url;
    }
    if (url.ends_with("/v1") || url.ends_with("/v1beta/openai")) {
        return url + "/chat/completions";
    }
    return url + "/v1/chat/completions";
}

// One attempt's state, shared with curl's write callback.
struct Stream {
    const TextSink* sink = nullptr;
    std::stop_token stop;
    std::string pending; // bytes not yet split into lines
    std::string body;    // a non-streamed (error) body
    std::string text;
    std::string finish_reason;
    bool done = false;    // saw [DONE]
    bool stopped = false; // the sink asked to stop
    bool any_text = false;
    int prompt_tokens = 0;
    int completion_tokens = 0;
    std::string malformed; // why a chunk could not be read
};

void handle_event(Stream& s, std::string_view data) {
    if (data == "[DONE]") {
        s.done = true;
        return;
    }
    nlohmann::json chunk;
    try {
        chunk = nlohmann::json::parse(data);
    } catch (const nlohmann::json::exception& e) {
        s.malformed = fmt::format("a stream event is not JSON: {}", e.what());
        return;
    }
    if (chunk.contains("error")) {
        s.malformed = fmt::format("the server sent an error mid-stream: {}", chunk["error"].dump());
        return;
    }
    if (chunk.contains("usage") && chunk["usage"].is_object()) {
        s.prompt_tokens = chunk["usage"].value("prompt_tokens", s.prompt_tokens);
        s.completion_tokens = chunk["usage"].value("completion_tokens", s.completion_tokens);
    }
    if (!chunk.contains("choices") || !chunk["choices"].is_array() || chunk["choices"].empty()) {
        return; // usage-only and keep-alive chunks
    }
    const auto& choice = chunk["choices"][0];
    if (choice.contains("finish_reason") && choice["finish_reason"].is_string()) {
        s.finish_reason = choice["finish_reason"].get<std::string>();
    }
    if (!choice.contains("delta") || !choice["delta"].is_object()) {
        return;
    }
    const auto& delta = choice["delta"];
    if (!delta.contains("content") || !delta["content"].is_string()) {
        return;
    }
    const std::string piece = delta["content"].get<std::string>();
    if (piece.empty()) {
        return;
    }
    s.text += piece;
    s.any_text = true;
    if (*s.sink && !(*s.sink)(piece)) {
        s.stopped = true;
    }
}

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
    auto& s = *static_cast<Stream*>(user);
    const std::size_t n = size * count;
    if (s.stop.stop_requested() || s.stopped) {
        return 0; // aborts the transfer
    }
    s.pending.append(data, n);
    std::size_t start = 0;
    while (true) {
        const auto end = s.pending.find('\n', start);
        if (end == std::string::npos) {
            break;
        }
        std::string_view line(s.pending.data() + start, end - start);
        start = end + 1;
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line.starts_with("data:")) {
            line.remove_prefix(5);
            while (line.starts_with(' ')) {
                line.remove_prefix(1);
            }
            handle_event(s, line);
            if (!s.malformed.empty() || s.stopped) {
                return s.stopped ? 0 : n;
            }
        } else if (!line.empty() && !line.starts_with(':') && !line.starts_with("event:") &&
                   !line.starts_with("id:") && !line.starts_with("retry:")) {
            s.body.append(line);
        }
    }
    s.pending.erase(0, start);
    return n;
}

class OpenAiModel final : public LanguageModel {
public:
    explicit OpenAiModel(OpenAiConfig config)
        : m_config(std::move(config))
        , m_endpoint(endpoint(m_config.url)) {}

    std::string name() const override { return "openai"; }

    Result<GenerationResult> generate(const GenerationRequest& request,
                                      const TextSink& on_text,
                                      std::stop_token stop) override {
        const std::string payload = body(request);
        int backoff_ms = m_config.retry_backoff_ms;
        Error last = make_error(ErrorCode::Unavailable, "openai: no attempt was made");
        for (int attempt = 0; attempt <= m_config.max_retries; ++attempt) {
            if (stop.stop_requested()) {
                return make_error(ErrorCode::Cancelled, "openai: cancelled");
            }
            Stream stream;
            stream.sink = &on_text;
            stream.stop = stop;
            auto outcome = post(payload, stream);
            if (outcome.has_value()) {
                return *outcome;
            }
            last = outcome.error();
            const bool retryable = m_retryable && !stream.any_text;
            if (!retryable || attempt == m_config.max_retries) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(backoff_ms));
            backoff_ms *= 2;
        }
        return last;
    }

private:
    std::string body(const GenerationRequest& request) const {
        nlohmann::json messages = nlohmann::json::array();
        for (const auto& m : request.messages) {
            messages.push_back({{"role", chat_role_name(m.role)}, {"content", m.content}});
        }
        nlohmann::json j = {{"model", m_config.model},
                            {"messages", messages},
                            {"stream", true},
                            {"temperature", request.sampling.temperature},
                            {"top_p", request.sampling.top_p},
                            {"max_tokens", request.sampling.max_tokens},
                            {"presence_penalty", request.sampling.presence_penalty},
                            {"frequency_penalty", request.sampling.frequency_penalty}};
        if (request.sampling.seed != 0) {
            j["seed"] = request.sampling.seed;
        }
        if (!request.json_schema.empty()) {
            try {
                j["response_format"] = {{"type", "json_schema"},
                                        {"json_schema",
                                         {{"name", "samantha"},
                                          {"schema", nlohmann::json::parse(request.json_schema)}}}};
            } catch (const nlohmann::json::exception&) {
                // An unreadable schema is a programming error upstream; send without it.
            }
        }
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    // One HTTP attempt. Sets m_retryable for the caller.
    Result<GenerationResult> post(const std::string& payload, Stream& stream) {
        m_retryable = false;
        global_init();
        std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
        if (!curl) {
            return make_error(ErrorCode::Internal, "openai: cannot create a curl handle");
        }
        std::unique_ptr<curl_slist, HeaderCleanup> headers(
            curl_slist_append(nullptr, "Content-Type: application/json"));
        headers.reset(curl_slist_append(headers.release(), "Accept: text/event-stream"));
        if (!m_config.api_key.empty()) {
            const std::string auth = "Authorization: Bearer " + m_config.api_key;
            headers.reset(curl_slist_append(headers.release(), auth.c_str()));
        }
        CURL* c = curl.get();
        curl_easy_setopt(c, CURLOPT_URL, m_endpoint.c_str());
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_data);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &stream);
        curl_easy_setopt(
            c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_config.connect_timeout_ms));
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(m_config.request_timeout_ms));
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        const CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (stream.stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "openai: cancelled");
        }
        if (stream.stopped) {
            return GenerationResult{.text = stream.text,
                                    .finish_reason = "stopped",
                                    .prompt_tokens = stream.prompt_tokens,
                                    .completion_tokens = stream.completion_tokens};
        }
        if (rc != CURLE_OK) {
            m_retryable = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                          rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
                          rc == CURLE_GOT_NOTHING;
            const ErrorCode code =
                rc == CURLE_OPERATION_TIMEDOUT ? ErrorCode::Timeout : ErrorCode::Unavailable;
            return make_error(code,
                              fmt::format("openai: {} failed: {}{}",
                                          m_endpoint,
                                          curl_easy_strerror(rc),
                                          stream.any_text ? " (the stream was cut)" : ""));
        }
        if (status < 200 || status >= 300) {
            m_retryable = status == 429 || status >= 500;
            std::string reason = stream.body + stream.pending;
            try {
                const auto j = nlohmann::json::parse(reason);
                if (j.contains("error") && j["error"].is_object() &&
                    j["error"].contains("message")) {
                    reason = j["error"]["message"].get<std::string>();
                }
            } catch (const nlohmann::json::exception&) {
                // not JSON: keep the raw text
            }
            if (reason.size() > 200) {
                reason = reason.substr(0, 200) + "…";
            }
            return make_error(ErrorCode::Unavailable,
                              fmt::format("openai: {} answered HTTP {}{}{}",
                                          m_endpoint,
                                          status,
                                          status == 401 ? " (check SAMANTHA_LLM_API_KEY)" : "",
                                          reason.empty() ? "" : ": " + reason));
        }
        if (!stream.malformed.empty()) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("openai: {}: {}", m_endpoint, stream.malformed));
        }
        if (!stream.done && stream.finish_reason.empty()) {
            return make_error(
                ErrorCode::Unavailable,
                fmt::format("openai: {}: the stream ended without [DONE] (cut off)", m_endpoint));
        }
        return GenerationResult{.text = stream.text,
                                .finish_reason =
                                    stream.finish_reason.empty() ? "stop" : stream.finish_reason,
                                .prompt_tokens = stream.prompt_tokens,
                                .completion_tokens = stream.completion_tokens};
    }

    OpenAiConfig m_config;
    std::string m_endpoint;
    bool m_retryable = false;
};

} // namespace

Result<std::unique_ptr<LanguageModel>> make_openai_language_model(const OpenAiConfig& config) {
    if (!config.url.starts_with("http://") && !config.url.starts_with("https://")) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("--llm-url: '{}' is not an http:// or https:// URL", config.url));
    }
    return std::unique_ptr<LanguageModel>(std::make_unique<OpenAiModel>(config));
}

} // namespace samantha
