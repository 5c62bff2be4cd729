// Choosing a recogniser, and what the voice of an utterance says about how the person feels.

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <samantha/hearing.h>

#include "core/utf8.h"

namespace samantha {

std::optional<std::string> newest_whisper_model(const std::string& data_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = fs::path(data_dir) / "models";
    if (data_dir.empty() || !fs::is_directory(dir, ec)) {
        return std::nullopt;
    }
    std::optional<fs::path> best;
    fs::file_time_type best_time{};
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(ec) || !name.starts_with("ggml-") || !name.ends_with(".bin")) {
            continue;
        }
        const auto time = entry.last_write_time(ec);
        if (!best || time > best_time) {
            best = entry.path();
            best_time = time;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return best->string();
}

Result<std::unique_ptr<SpeechRecognizer>> open_recognizer(const HearingChoice& choice) {
    const auto whisper = [&]() -> Result<std::unique_ptr<SpeechRecognizer>> {
        std::string model = choice.asr_model;
        if (model.empty()) {
            model = newest_whisper_model(choice.data_dir).value_or("");
        }
        if (model.empty()) {
            return make_error(ErrorCode::Unavailable,
                              "whisper: no model (samantha model pull whisper-base fetches one, "
                              "or pass --asr-model FILE)");
        }
        return make_whisper_recognizer(WhisperConfig{.model_path = model, .threads = 2});
    };
    if (choice.asr == "http" || (choice.asr == "auto" && !choice.asr_url.empty())) {
        return make_http_recognizer(HttpRecognizerConfig{.url = choice.asr_url});
    }
    if (choice.asr == "whisper") {
        return whisper();
    }
    if (choice.asr == "pocketsphinx") {
        return make_pocketsphinx_recognizer();
    }
    if (choice.asr != "auto") {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("--asr: '{}' is not one of auto, whisper, pocketsphinx, http", choice.asr));
    }
    if (whisper_available() &&
        (!choice.asr_model.empty() || newest_whisper_model(choice.data_dir).has_value())) {
        return whisper();
    }
    if (choice.language == "ko") {
        return make_error(ErrorCode::InvalidArgument,
                          "Korean speech needs a whisper model (samantha model pull whisper-base) "
                          "or a transcription server (--asr-url): pocketsphinx hears English only");
    }
    return make_pocketsphinx_recognizer();
}

namespace {

// Syllables of `text`: Hangul syllables, and runs of vowels in Latin words.
double syllables_of(const std::string& text) {
    double count = 0.0;
    bool in_vowels = false;
    for (const char32_t c : core::decode_utf8(text)) {
        if (c >= 0xAC00 && c <= 0xD7A3) {
            count += 1.0;
            in_vowels = false;
            continue;
        }
        const char32_t lower = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        const bool vowel = lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' ||
                           lower == 'u' || lower == 'y';
        if (vowel && !in_vowels) {
            count += 1.0;
        }
        in_vowels = vowel;
    }
    return count;
}

// How far `x` is from a typical conversational value, in typical spreads, clipped to [-2, 2].
double standard(double x, double typical, double spread) {
    return std::clamp((x - typical) / spread, -2.0, 2.0);
}

} // namespace

VoiceCues read_voice_cues(const Audio& audio, const std::string& text) {
    const VoiceAnalysis a = analyze_voice(audio);
    VoiceCues cues;
    cues.mean_f0_hz = a.mean_f0_hz;
    cues.f0_range_semitones = a.f0_range_semitones;
    cues.loudness_dbfs = a.loudness_dbfs;
    if (a.speech_ms <= 0.0) {
        return cues;
    }
    const double syllables = syllables_of(text);
    cues.syllables_per_s = syllables > 0.0 ? syllables / (a.speech_ms / 1000.0) : 0.0;
    cues.pause_share =
        a.duration_ms > 0.0 ? std::clamp(1.0 - a.speech_ms / a.duration_ms, 0.0, 1.0) : 0.0;
    // docs/affect.md, "The voice": loudness, pitch range and rate rise with arousal; a soft, flat,
    // slow voice with long pauses is the profile of sadness (Scherer 2003; Juslin & Laukka 2003).
    const double loud = standard(a.loudness_dbfs, -26.0, 8.0);
    const double range = standard(a.f0_range_semitones, 6.0, 3.0);
    const double rate = cues.syllables_per_s > 0.0 ? standard(cues.syllables_per_s, 4.5, 1.5) : 0.0;
    const double pauses = standard(cues.pause_share, 0.25, 0.15);
    cues.arousal =
        static_cast<float>(std::clamp((0.5 * loud + 0.3 * range + 0.2 * rate) / 2.0, -1.0, 1.0));
    const double sad = std::max(0.0, (-loud - range - rate + pauses) / 4.0);
    cues.valence_cue = static_cast<float>(std::clamp(-0.5 * sad, -1.0, 0.0));
    // A voice counts for more the more of it there is, and not at all without voiced frames.
    cues.confidence =
        a.voiced_share > 0.1 ? static_cast<float>(std::min(1.0, a.speech_ms / 3000.0) * 0.5) : 0.0f;
    return cues;
}

} // namespace samantha
