// Any OpenAI-compatible /v1/audio/speech endpoint behind SpeechSynthesizer. The server speaks at
// its own pace; the plan is applied afterwards: Rubber Band time-stretches each phrase to its
// planned rate and shifts its pitch, and the gain sets its loudness.

#include <algorithm>
#include <cmath>

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <rubberband/rubberband-c.h>
#include <samantha/speech.h>

#include "voice/audio.h"

namespace samantha {
namespace {

struct Download {
    std::string body;
    const std::stop_token* stop = nullptr;
    std::size_t limit = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* d = static_cast<Download*>(user);
    const std::size_t n = size * count;
    if ((d->stop != nullptr && d->stop->stop_requested()) || d->body.size() + n > d->limit) {
        return 0; // aborts the transfer
    }
    d->body.append(data, n);
    return n;
}

std::string endpoint_of(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    if (url.ends_with("/audio/speech")) {
        return url;
    }
    if (url.ends_with("/v1")) {
        return url + "/audio/speech";
    }
    return url + "/v1/audio/speech";
}

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
        , m_endpoint(endpoint_of(m_config.url)) {}

    std::string name() const override { return "http"; }

    Result<PhraseAudio> synthesize(const PhraseRequest& phrase, std::stop_token stop) override {
        const nlohmann::json request{{"model", m_config.model},
                                     {"input", phrase.text},
                                     {"voice", m_config.voice},
                                     {"response_format", "wav"}};
        const std::string body = request.dump();
        std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                 curl_easy_cleanup);
        if (!curl) {
            return make_error(ErrorCode::Internal, "speech server: cannot start libcurl");
        }
        curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
        if (!m_config.api_key.empty()) {
            const std::string auth = "Authorization: Bearer " + m_config.api_key;
            headers = curl_slist_append(headers, auth.c_str());
        }
        const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(
            headers, curl_slist_free_all);
        Download download{.body = {}, .stop = &stop, .limit = AudioLimits{}.max_bytes};
        curl_easy_setopt(curl.get(), CURLOPT_URL, m_endpoint.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &download);
        curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(m_config.timeout_ms));
        curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, 5000L);
        curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
        const CURLcode code = curl_easy_perform(curl.get());
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "speech server: stopped");
        }
        if (code != CURLE_OK) {
            return make_error(
                code == CURLE_OPERATION_TIMEDOUT ? ErrorCode::Timeout : ErrorCode::Unavailable,
                fmt::format("speech server {}: {}", m_endpoint, curl_easy_strerror(code)));
        }
        long status = 0;
        curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
        if (status != 200) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("speech server {}: HTTP {}: {}",
                                          m_endpoint,
                                          status,
                                          download.body.substr(0, 200)));
        }
        auto audio = parse_wav(download.body);
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
    if (!config.url.starts_with("http://") && !config.url.starts_with("https://")) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("speech server: '{}' is not an http(s) URL", config.url));
    }
    return std::unique_ptr<SpeechSynthesizer>(new HttpSynthesizer(config));
}

} // namespace samantha
