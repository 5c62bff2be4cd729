// Any OpenAI-compatible /v1/audio/transcriptions endpoint behind SpeechRecognizer: the audio goes
// up as a 16 kHz WAV in a multipart form, and verbose_json brings back the segments.

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/hearing.h>

#include "core/text.h"
#include "http/client.h"
#include "http/openai.h"

namespace samantha {
namespace {

constexpr const char* boundary = "samantha-audio-3f9c2a71d6";

void add_field(std::string& body, std::string_view name, std::string_view value) {
    body += fmt::format(
        "--{}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{}\r\n", boundary, name, value);
}

class HttpRecognizer final : public SpeechRecognizer {
public:
    explicit HttpRecognizer(HttpRecognizerConfig config)
        : m_config(std::move(config))
        , m_endpoint(http::openai_endpoint(m_config.url, "audio/transcriptions")) {}

    std::string name() const override { return "http"; }

    bool supports(const std::string& /*language*/) const override { return true; }

    Result<Transcript>
    transcribe(const Audio& audio, const RecognizeOptions& options, std::stop_token stop) override {
        auto resampled = resample(audio, hearing_sample_rate_hz); // passes 16 kHz through
        if (!resampled) {
            return resampled.error();
        }
        Audio at16k = std::move(*resampled);
        std::string body;
        add_field(body, "model", m_config.model);
        add_field(body, "response_format", "verbose_json");
        if (options.language != "auto") {
            add_field(body, "language", options.language);
        }
        body += fmt::format("--{}\r\nContent-Disposition: form-data; name=\"file\"; "
                            "filename=\"speech.wav\"\r\nContent-Type: audio/wav\r\n\r\n",
                            boundary);
        body += wav_bytes(at16k);
        body += fmt::format("\r\n--{}--\r\n", boundary);
        std::vector<std::string> headers{
            fmt::format("Content-Type: multipart/form-data; boundary={}", boundary)};
        if (!m_config.api_key.empty()) {
            headers.push_back("Authorization: Bearer " + m_config.api_key);
        }
        const auto response =
            http::fetch(http::Request{.method = http::Method::Post,
                                      .url = m_endpoint,
                                      .headers = std::move(headers),
                                      .body = std::move(body),
                                      .connect_timeout = std::chrono::milliseconds(5000),
                                      .timeout = std::chrono::milliseconds(m_config.timeout_ms),
                                      .max_body_bytes = 4 * 1024 * 1024},
                        stop);
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "transcription server: stopped");
        }
        if (!response) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("transcription server: {}", response.error().message));
        }
        if (response->status != 200) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("transcription server {}: HTTP {}: {}",
                                          m_endpoint,
                                          response->status,
                                          response->body.substr(0, 200)));
        }
        const auto json = nlohmann::json::parse(response->body, nullptr, false);
        if (!json.is_object() || !json.contains("text") || !json["text"].is_string()) {
            return make_error(
                ErrorCode::Unavailable,
                fmt::format("transcription server {} answered without a text", m_endpoint));
        }
        Transcript out;
        out.text = std::string(core::trim(json["text"].get<std::string>()));
        out.language = json.value(
            "language", options.language == "auto" ? std::string("en") : options.language);
        // OpenAI names the language in full ("english"); keep the code Samantha uses.
        if (out.language == "english") {
            out.language = "en";
        } else if (out.language == "korean") {
            out.language = "ko";
        }
        if (json.contains("segments") && json["segments"].is_array()) {
            for (const auto& s : json["segments"]) {
                if (!s.is_object() || !s.contains("text") || !s["text"].is_string()) {
                    continue;
                }
                out.segments.push_back(TranscriptSegment{
                    .start_ms = 1000.0 * s.value("start", 0.0),
                    .end_ms = 1000.0 * s.value("end", 0.0),
                    .text = std::string(core::trim(s["text"].get<std::string>()))});
            }
        }
        if (out.segments.empty() && !out.text.empty()) {
            out.segments.push_back(TranscriptSegment{
                .start_ms = 0.0, .end_ms = at16k.duration_ms(), .text = out.text});
        }
        return out;
    }

private:
    HttpRecognizerConfig m_config;
    std::string m_endpoint;
};

} // namespace

Result<std::unique_ptr<SpeechRecognizer>> make_http_recognizer(const HttpRecognizerConfig& config) {
    if (!http::is_http_url(config.url)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("transcription server: '{}' is not an http(s) URL", config.url));
    }
    return std::unique_ptr<SpeechRecognizer>(new HttpRecognizer(config));
}

} // namespace samantha
