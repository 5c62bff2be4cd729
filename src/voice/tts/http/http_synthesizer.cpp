// Any OpenAI-compatible /v1/audio/speech endpoint behind SpeechSynthesizer. The server speaks at
// its own pace; the plan is applied afterwards: Rubber Band time-stretches each phrase to its
// planned rate and shifts its pitch, and the gain sets its loudness.

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <rubberband/rubberband-c.h>
#include <samantha/speech.h>

#include "http/client.h"
#include "http/openai.h"
#include "voice/audio.h"

namespace samantha {
namespace {

// Time-stretches by `time_ratio` (> 1 is slower) and shifts pitch by `pitch_scale`.
Audio stretch(const Audio& in, double time_ratio, double pitch_scale) {
    if (in.samples.empty() ||
        (std::fabs(time_ratio - 1.0) < 0.005 && std::fabs(pitch_scale - 1.0) < 0.005)) {
        return in;
    }
    RubberBandState rb =
        rubberband_new(static_cast<unsigned>(in.sample_rate_hz),
                       1,
                       RubberBandOptionProcessOffline | RubberBandOptionPitchHighQuality,
                       time_ratio,
                       pitch_scale);
    const auto total = static_cast<unsigned>(in.samples.size());
    rubberband_set_expected_input_duration(rb, total);
    constexpr unsigned block = 4096;
    for (unsigned at = 0; at < total; at += block) {
        const float* p = in.samples.data() + at;
        rubberband_study(rb, &p, std::min(block, total - at), at + block >= total ? 1 : 0);
    }
    Audio out{.sample_rate_hz = in.sample_rate_hz, .samples = {}};
    std::vector<float> buffer(block);
    const auto drain = [&] {
        int available = 0;
        while ((available = rubberband_available(rb)) > 0) {
            float* q = buffer.data();
            const unsigned got =
                rubberband_retrieve(rb, &q, std::min(block, static_cast<unsigned>(available)));
            out.samples.insert(out.samples.end(), buffer.begin(), buffer.begin() + got);
        }
    };
    for (unsigned at = 0; at < total; at += block) {
        const float* p = in.samples.data() + at;
        rubberband_process(rb, &p, std::min(block, total - at), at + block >= total ? 1 : 0);
        drain();
    }
    drain();
    rubberband_delete(rb);
    return out;
}

class HttpSynthesizer final : public SpeechSynthesizer {
public:
    explicit HttpSynthesizer(HttpSpeechConfig config)
        : m_config(std::move(config))
        , m_endpoint(http::openai_endpoint(m_config.url, "audio/speech")) {}

    std::string name() const override { return "http"; }

    Result<PhraseAudio> synthesize(const PhraseRequest& phrase, std::stop_token stop) override {
        const nlohmann::json request{{"model", m_config.model},
                                     {"input", phrase.text},
                                     {"voice", m_config.voice},
                                     {"response_format", "wav"}};
        const auto response =
            http::fetch(http::Request{.method = http::Method::Post,
                                      .url = m_endpoint,
                                      .headers = http::openai_json_headers(m_config.api_key),
                                      .body = request.dump(),
                                      .connect_timeout = std::chrono::milliseconds(5000),
                                      .timeout = std::chrono::milliseconds(m_config.timeout_ms),
                                      .max_body_bytes = AudioLimits{}.max_bytes},
                        stop);
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "speech server: stopped");
        }
        if (!response) {
            // Whatever broke, the renderer sees a voice that is not there (or too slow).
            return make_error(response.error().code == ErrorCode::Timeout ? ErrorCode::Timeout
                                                                          : ErrorCode::Unavailable,
                              fmt::format("speech server: {}", response.error().message));
        }
        if (response->status != 200) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("speech server {}: HTTP {}: {}",
                                          m_endpoint,
                                          response->status,
                                          response->body.substr(0, 200)));
        }
        auto audio = parse_wav(response->body);
        if (!audio) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("speech server {} sent bad audio: {}",
                                          m_endpoint,
                                          audio.error().message));
        }
        // The server spoke at its natural pace; stretch to the planned rate (and lengthen the
        // whole phrase a little for its final syllables, which a server cannot be told about).
        const double ratio = m_config.natural_rate_wpm / std::max(40.0f, phrase.rate_wpm) *
                             (1.0 + 0.15 * (phrase.final_lengthening - 1.0));
        const double pitch =
            std::clamp(phrase.pitch_hz / std::max(40.0f, phrase.voice.pitch_hz), 0.5f, 2.0f);
        Audio shaped = stretch(*audio, ratio, pitch);
        voice::apply_gain(shaped, phrase.loudness_db);
        return PhraseAudio{.audio = std::move(shaped), .phonemes = {}};
    }

private:
    HttpSpeechConfig m_config;
    std::string m_endpoint;
};

} // namespace

Result<std::unique_ptr<SpeechSynthesizer>> make_http_synthesizer(const HttpSpeechConfig& config) {
    if (!http::is_http_url(config.url)) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("speech server: '{}' is not an http(s) URL", config.url));
    }
    return std::unique_ptr<SpeechSynthesizer>(new HttpSynthesizer(config));
}

} // namespace samantha
