#include "voice_command.h"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/hearing.h>
#include <samantha/speech.h>

#include "core/text.h"
#include "core/utf8.h"
#include "persona/persona.h"

namespace samantha::cli {
namespace {

// Rounded for reading: the plan's floats carry no more precision than this.
double rounded(double x, double step) {
    return std::round(x / step) * step;
}

nlohmann::json plan_json(const ProsodyPlan& plan) {
    nlohmann::json phrases = nlohmann::json::array();
    for (const auto& p : plan.phrases) {
        nlohmann::json j{{"text", p.text},
                         {"rate_wpm", rounded(p.rate_wpm, 0.1)},
                         {"pitch_hz", rounded(p.pitch_hz, 0.1)},
                         {"pitch_range", rounded(p.pitch_range, 0.01)},
                         {"loudness_db", rounded(p.loudness_db, 0.1)},
                         {"final_lengthening", rounded(p.final_lengthening, 0.01)},
                         {"boundary", boundary_name(p.boundary)},
                         {"pause_ms", rounded(p.pause_ms, 1.0)}};
        if (!p.hesitation.empty()) {
            j["hesitation"] = p.hesitation;
            j["hesitation_pause_ms"] = rounded(p.hesitation_pause_ms, 1.0);
        }
        phrases.push_back(std::move(j));
    }
    return {{"language", language_code(plan.language)},
            {"emotion", plan.emotion},
            {"intensity", plan.intensity},
            {"humanised", plan.humanised},
            {"seed", plan.seed},
            {"phrases", std::move(phrases)}};
}

} // namespace

int run_say(const SayOptions& options) {
    if (const auto problem = core::find_invalid_utf8(options.text)) {
        fmt::print(
            stderr, "samantha say: the text is not valid UTF-8 (byte {})\n", problem->offset);
        return 2;
    }
    if (options.text.size() > 16 * 1024) {
        fmt::print(stderr,
                   "samantha say: the text is {} bytes, over the limit of 16384\n",
                   options.text.size());
        return 2;
    }
    std::shared_ptr<const persona::Persona> persona = persona::builtin_persona();
    if (!options.persona_file.empty()) {
        auto loaded = persona::load_persona(options.persona_file);
        if (!loaded) {
            fmt::print(stderr, "samantha say: {}\n", loaded.error().message);
            return 2;
        }
        persona = std::make_shared<const persona::Persona>(std::move(*loaded));
    }
    VoiceProfile voice = persona->voice;
    if (!options.voice.empty()) {
        voice.variant = options.voice;
    }
    const Language language = options.language == "ko" ? Language::Korean
                              : options.language == "en"
                                  ? Language::English
                                  : core::detect_language(options.text, Language::English);
    auto plan = plan_prosody(ProsodyRequest{.text = options.text,
                                            .language = language,
                                            .emotion = options.emotion,
                                            .intensity = options.intensity,
                                            .voice = voice,
                                            .seed = options.seed,
                                            .humanised = !options.plain});
    if (!plan) {
        fmt::print(stderr, "samantha say: {}\n", plan.error().message);
        return 2;
    }
    if (plan->phrases.empty()) {
        fmt::print(stderr, "samantha say: the text holds nothing a voice can say\n");
        return 2;
    }
    if (options.plan) {
        fmt::print("{}\n", plan_json(*plan).dump(2));
    }
    if (options.out.empty()) {
        if (!options.plan) {
            fmt::print(stderr, "samantha say: give --out FILE.wav (or --plan)\n");
            return 2;
        }
        return 0;
    }
    auto synthesizer = options.tts_url.empty()
                           ? make_espeak_synthesizer()
                           : make_http_synthesizer(HttpSpeechConfig{
                                 .url = options.tts_url,
                                 .voice = options.tts_voice.empty() ? "alloy" : options.tts_voice,
                                 .natural_rate_wpm = voice.rate_wpm});
    if (!synthesizer) {
        fmt::print(stderr, "samantha say: {}\n", synthesizer.error().message);
        return 1;
    }
    auto audio = render_speech(**synthesizer, voice, *plan);
    if (!audio) {
        fmt::print(stderr, "samantha say: {}\n", audio.error().message);
        return 1;
    }
    if (auto written = write_wav(options.out, *audio); !written) {
        fmt::print(stderr, "samantha say: {}\n", written.error().message);
        return 1;
    }
    if (!options.plan) {
        fmt::print(stderr,
                   "samantha say: wrote {} ({:.2f} s)\n",
                   options.out,
                   audio->duration_ms() / 1000.0);
    }
    return 0;
}

int run_voice_analyze(const std::string& path) {
    auto audio = read_wav(path);
    if (!audio) {
        fmt::print(stderr, "samantha voice analyze: {}\n", audio.error().message);
        return audio.error().code == ErrorCode::Io ? 1 : 2;
    }
    const VoiceAnalysis a = analyze_voice(*audio);
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& [start, end] : a.segments) {
        segments.push_back({{"start_ms", start}, {"end_ms", end}});
    }
    const nlohmann::json out{{"file", path},
                             {"sample_rate_hz", audio->sample_rate_hz},
                             {"duration_ms", a.duration_ms},
                             {"speech_ms", a.speech_ms},
                             {"segments", segments},
                             {"segment_ms", a.segment_ms},
                             {"segment_cv", a.segment_cv},
                             {"pause_ms", a.pause_ms},
                             {"pause_cv", a.pause_cv},
                             {"mean_f0_hz", a.mean_f0_hz},
                             {"f0_range_semitones", a.f0_range_semitones},
                             {"voiced_share", a.voiced_share},
                             {"loudness_dbfs", a.loudness_dbfs}};
    fmt::print("{}\n", out.dump(2));
    return 0;
}

} // namespace samantha::cli

namespace samantha::cli {

int run_transcribe(const TranscribeOptions& options) {
    auto audio = read_wav(options.file);
    if (!audio) {
        fmt::print(stderr, "samantha transcribe: {}\n", audio.error().message);
        return 1;
    }
    auto asr = open_recognizer(HearingChoice{.asr = options.asr,
                                             .asr_model = options.asr_model,
                                             .asr_url = options.asr_url,
                                             .data_dir = options.data_dir,
                                             .language = options.language});
    if (!asr) {
        fmt::print(stderr, "samantha transcribe: {}\n", asr.error().message);
        return 1;
    }
    if ((*asr)->name() == "pocketsphinx") {
        fmt::print(stderr,
                   "samantha transcribe: hearing with pocketsphinx, which is weak; a whisper model "
                   "hears far better (samantha model pull whisper-base)\n");
    }
    auto heard = (*asr)->transcribe(*audio, RecognizeOptions{.language = options.language}, {});
    if (!heard) {
        fmt::print(stderr, "samantha transcribe: {}: {}\n", options.file, heard.error().message);
        return 1;
    }
    if (!options.json) {
        fmt::print("{}\n", heard->text);
        return 0;
    }
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& s : heard->segments) {
        segments.push_back({{"start_ms", std::lround(s.start_ms)},
                            {"end_ms", std::lround(s.end_ms)},
                            {"text", s.text}});
    }
    const nlohmann::json out{
        {"text", heard->text}, {"language", heard->language}, {"segments", segments}};
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
}

} // namespace samantha::cli
