// The OpenAI-compatible backend: POST /v1/chat/completions with "stream": true, read as
// server-sent events, sent through http/.
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/language_model.h>

#include "http/client.h"
#include "http/openai.h"

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

// One attempt's state, fed by the HTTP body sink as bytes arrive.
struct Stream {
    const TextSink* sink = nullptr;
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

// Splits the received bytes into lines and handles each event. Returns false once the sink asked
// to stop, which ends the transfer.
bool feed(Stream& s, std::string_view data) {
    if (s.stopped) {
        return false;
    }
    s.pending.append(data);
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
                return !s.stopped;
            }
        } else if (!line.empty() && !line.starts_with(':') && !line.starts_with("event:") &&
                   !line.starts_with("id:") && !line.starts_with("retry:")) {
            s.body.append(line);
        }
    }
    s.pending.erase(0, start);
    return true;
}

class OpenAiModel final : public LanguageModel {
public:
    explicit OpenAiModel(OpenAiConfig config)
        : m_config(std::move(config))
        , m_endpoint(http::openai_endpoint(m_config.url, "chat/completions")) {}

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
            auto outcome = post(payload, stream, stop);
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
    Result<GenerationResult>
    post(const std::string& payload, Stream& stream, const std::stop_token& stop) {
        m_retryable = false;
        http::Request request{.method = http::Method::Post,
                              .url = m_endpoint,
                              .headers = http::openai_json_headers(m_config.api_key),
                              .body = payload,
                              .connect_timeout =
                                  std::chrono::milliseconds(m_config.connect_timeout_ms),
                              .timeout = std::chrono::milliseconds(m_config.request_timeout_ms)};
        request.headers.emplace_back("Accept: text/event-stream");
        const auto response = http::stream(
            request, [&](std::string_view data) { return feed(stream, data); }, stop);
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "openai: cancelled");
        }
        if (stream.stopped) {
            return GenerationResult{.text = stream.text,
                                    .finish_reason = "stopped",
                                    .prompt_tokens = stream.prompt_tokens,
                                    .completion_tokens = stream.completion_tokens};
        }
        if (!response) {
            // Unavailable: the server could not be reached or dropped the connection.
            m_retryable = response.error().code == ErrorCode::Unavailable;
            const ErrorCode code = response.error().code == ErrorCode::Timeout
                                       ? ErrorCode::Timeout
                                       : ErrorCode::Unavailable;
            return make_error(code,
                              fmt::format("openai: {}{}",
                                          response.error().message,
                                          stream.any_text ? " (the stream was cut)" : ""));
        }
        const int status = response->status;
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
    if (!http::is_http_url(config.url)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("--llm-url: '{}' is not an http:// or https:// URL", config.url));
    }
    return std::unique_ptr<LanguageModel>(std::make_unique<OpenAiModel>(config));
}

} // namespace samantha
