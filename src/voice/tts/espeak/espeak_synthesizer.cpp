// espeak-ng behind SpeechSynthesizer: per-phrase rate, pitch, range and volume, SSML for the
// phrase-final lengthening, phoneme events for the visemes.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>

#include <espeak-ng/speak_lib.h>
#include <fmt/format.h>
#include <samantha/speech.h>

#include "core/text.h"

namespace samantha {
namespace {

// espeak-ng keeps its state in globals: one lock for every instance in the process.
std::mutex& espeak_mutex() {
    static std::mutex mutex;
    return mutex;
}

// The voice espeak-ng has loaded (guarded by espeak_mutex()).
std::string& loaded_voice() {
    static std::string voice;
    return voice;
}

struct Collector {
    std::vector<float> samples;
    std::vector<PhonemeMark> phonemes;
    const std::stop_token* stop = nullptr;
};

int on_synth(short* wav, int count, espeak_EVENT* events) {
    Collector* collector = nullptr;
    for (espeak_EVENT* e = events; e != nullptr && e->type != espeakEVENT_LIST_TERMINATED; ++e) {
        collector = static_cast<Collector*>(e->user_data);
        if (collector != nullptr && e->type == espeakEVENT_PHONEME) {
            collector->phonemes.push_back(
                {std::string(e->id.string, strnlen(e->id.string, sizeof e->id.string)),
                 static_cast<double>(e->audio_position)});
        }
    }
    if (collector == nullptr && events != nullptr) {
        collector = static_cast<Collector*>(events->user_data);
    }
    if (collector == nullptr) {
        return 0;
    }
    for (int i = 0; wav != nullptr && i < count; ++i) {
        collector->samples.push_back(static_cast<float>(wav[i]) / 32768.0f);
    }
    return collector->stop != nullptr && collector->stop->stop_requested() ? 1 : 0;
}

std::string escape_ssml(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// The phrase as SSML, its last word slowed by the final lengthening.
std::string ssml_of(const PhraseRequest& phrase) {
    const std::string text(core::trim(phrase.text));
    if (phrase.final_lengthening <= 1.01f) {
        return escape_ssml(text);
    }
    std::size_t cut = text.find_last_of(' ');
    cut = cut == std::string::npos ? 0 : cut + 1;
    const int percent =
        std::clamp(static_cast<int>(std::lround(100.0 / phrase.final_lengthening)), 30, 100);
    return fmt::format("{}<prosody rate=\"{}%\">{}</prosody>",
                       escape_ssml(text.substr(0, cut)),
                       percent,
                       escape_ssml(text.substr(cut)));
}

// espeak-ng's pitch parameter (0–100) for a pitch in Hz. Measured with the analyser on the f3
// variant (en-us and ko): F0 ≈ 212 Hz at 50, 170 Hz at 20, 277 Hz at 80: about 7.1 steps a
// semitone (docs/prosody.md).
constexpr double reference_hz = 212.0;
constexpr double steps_per_semitone = 7.1;

int espeak_pitch(double hz) {
    const double st = 12.0 * std::log2(std::max(hz, 20.0) / reference_hz);
    return std::clamp(static_cast<int>(std::lround(50.0 + steps_per_semitone * st)), 0, 100);
}

class EspeakSynthesizer final : public SpeechSynthesizer {
public:
    explicit EspeakSynthesizer(int sample_rate_hz)
        : m_sample_rate_hz(sample_rate_hz) {}

    std::string name() const override { return "espeak-ng"; }

    Result<PhraseAudio> synthesize(const PhraseRequest& phrase, std::stop_token stop) override {
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "espeak-ng: stopped");
        }
        const std::string base =
            phrase.language == Language::Korean ? phrase.voice.espeak_ko : phrase.voice.espeak_en;
        const std::string voice =
            phrase.voice.variant.empty() ? base : base + "+" + phrase.voice.variant;
        const std::string ssml = ssml_of(phrase);
        Collector collector{.samples = {}, .phonemes = {}, .stop = &stop};
        {
            const std::lock_guard lock(espeak_mutex());
            if (voice != loaded_voice()) {
                if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
                    return make_error(ErrorCode::Unavailable,
                                      fmt::format("espeak-ng: no voice '{}'", voice));
                }
                loaded_voice() = voice;
            }
            espeak_SetParameter(
                espeakRATE, std::clamp(static_cast<int>(std::lround(phrase.rate_wpm)), 80, 450), 0);
            espeak_SetParameter(espeakPITCH, espeak_pitch(phrase.pitch_hz), 0);
            espeak_SetParameter(
                espeakRANGE,
                std::clamp(static_cast<int>(std::lround(phrase.pitch_range * 100.0f)), 0, 100),
                0);
            espeak_SetParameter(espeakVOLUME,
                                std::clamp(static_cast<int>(std::lround(
                                               100.0 * std::pow(10.0, phrase.loudness_db / 20.0))),
                                           0,
                                           200),
                                0);
            const espeak_ERROR error = espeak_Synth(ssml.c_str(),
                                                    ssml.size() + 1,
                                                    0,
                                                    POS_CHARACTER,
                                                    0,
                                                    espeakCHARS_UTF8 | espeakSSML,
                                                    nullptr,
                                                    &collector);
            if (error != EE_OK) {
                return make_error(
                    ErrorCode::Unavailable,
                    fmt::format("espeak-ng: synthesis failed (error {})", static_cast<int>(error)));
            }
        }
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "espeak-ng: stopped");
        }
        return PhraseAudio{
            .audio = {.sample_rate_hz = m_sample_rate_hz, .samples = std::move(collector.samples)},
            .phonemes = std::move(collector.phonemes)};
    }

private:
    int m_sample_rate_hz;
};

} // namespace

Result<std::unique_ptr<SpeechSynthesizer>> make_espeak_synthesizer() {
    static int sample_rate_hz = 0;
    {
        const std::lock_guard lock(espeak_mutex());
        if (sample_rate_hz <= 0) {
            sample_rate_hz =
                espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS,
                                  0,
                                  nullptr,
                                  espeakINITIALIZE_PHONEME_EVENTS | espeakINITIALIZE_DONT_EXIT);
            if (sample_rate_hz <= 0) {
                return make_error(ErrorCode::Unavailable,
                                  "espeak-ng: cannot start (is espeak-ng-data installed?)");
            }
            espeak_SetSynthCallback(on_synth);
        }
    }
    return std::unique_ptr<SpeechSynthesizer>(new EspeakSynthesizer(sample_rate_hz));
}

} // namespace samantha
