// Rendering a prosody plan into audio, phrase by phrase, and the phoneme → viseme map.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "voice/audio.h"

namespace samantha {

std::string viseme_of_phoneme(const std::string& phoneme) {
    if (phoneme.empty() || phoneme[0] == '_' || phoneme[0] == ' ') {
        return "sil";
    }
    const auto starts = [&](std::string_view p) { return phoneme.rfind(p, 0) == 0; };
    if (starts("tS") || starts("dZ") || starts("S") || starts("Z") || starts("c")) {
        return "CH";
    }
    switch (phoneme[0]) {
    case 'p':
    case 'b':
    case 'm':
        return "PP";
    case 'f':
    case 'v':
        return "FF";
    case 'T':
    case 'D':
        return "TH";
    case 't':
    case 'd':
        return "DD";
    case 'k':
    case 'g':
    case 'N':
    case 'x':
    case 'h':
    case 'q':
        return "kk";
    case 's':
    case 'z':
        return "SS";
    case 'n':
    case 'l':
    case 'L':
        return "nn";
    case 'r':
    case 'R':
        return "RR";
    case 'a':
    case 'A':
    case 'V':
    case '&':
        return "aa";
    case 'e':
    case 'E':
    case '@':
    case '3':
        return "E";
    case 'i':
    case 'I':
    case 'j':
    case 'y':
    case 'Y':
        return "I";
    case 'o':
    case 'O':
        return "O";
    case 'u':
    case 'U':
    case 'w':
    case 'W':
        return "U";
    default:
        return "sil";
    }
}

namespace {

constexpr double edge_margin_ms = 4.0;
constexpr double fade_ms = 5.0;

// One spoken piece, trimmed and faded, appended to `chunk` with its visemes.
Result<void> speak_into(SpeechSynthesizer& synthesizer,
                        const PhraseRequest& request,
                        int sample_rate_hz,
                        SpeechChunk& chunk,
                        const std::stop_token& stop) {
    auto spoken = synthesizer.synthesize(request, stop);
    if (!spoken) {
        return spoken.error();
    }
    Audio audio = std::move(spoken->audio);
    if (audio.sample_rate_hz != sample_rate_hz) {
        auto converted = resample(audio, sample_rate_hz);
        if (!converted) {
            return converted.error();
        }
        audio = std::move(*converted);
    }
    double trimmed_ms = 0.0;
    Audio speech = voice::trim_silence(audio, edge_margin_ms, trimmed_ms);
    voice::fade_edges(speech, fade_ms);
    const double offset_ms = chunk.start_ms + chunk.audio.duration_ms();
    const double length_ms = speech.duration_ms();
    const auto& marks = spoken->phonemes;
    for (std::size_t i = 0; i < marks.size(); ++i) {
        const double at = std::clamp(marks[i].at_ms - trimmed_ms, 0.0, length_ms);
        const double end = i + 1 < marks.size()
                               ? std::clamp(marks[i + 1].at_ms - trimmed_ms, at, length_ms)
                               : length_ms;
        if (end <= at) {
            continue;
        }
        std::string name = viseme_of_phoneme(marks[i].name);
        if (!chunk.visemes.empty() && chunk.visemes.back().name == name &&
            std::fabs(chunk.visemes.back().end_ms - (offset_ms + at)) < 0.5) {
            chunk.visemes.back().end_ms = offset_ms + end;
        } else {
            chunk.visemes.push_back({std::move(name), offset_ms + at, offset_ms + end});
        }
    }
    chunk.audio.samples.insert(
        chunk.audio.samples.end(), speech.samples.begin(), speech.samples.end());
    return {};
}

void pause_into(SpeechChunk& chunk, double ms) {
    if (ms <= 0.0) {
        return;
    }
    const double start = chunk.start_ms + chunk.audio.duration_ms();
    const auto n = static_cast<std::size_t>(std::lround(ms * chunk.audio.sample_rate_hz / 1000.0));
    chunk.audio.samples.insert(chunk.audio.samples.end(), n, 0.0f);
    chunk.visemes.push_back({"sil", start, chunk.start_ms + chunk.audio.duration_ms()});
}

} // namespace

SpeechRenderer::SpeechRenderer(SpeechSynthesizer& synthesizer,
                               VoiceProfile voice,
                               int sample_rate_hz)
    : m_synthesizer(synthesizer)
    , m_voice(std::move(voice))
    , m_sample_rate_hz(sample_rate_hz) {}

Result<void>
SpeechRenderer::render(const ProsodyPlan& plan, const SpeechSink& on_chunk, std::stop_token stop) {
    for (const PlannedPhrase& phrase : plan.phrases) {
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "speech: stopped");
        }
        SpeechChunk chunk{.audio = {.sample_rate_hz = m_sample_rate_hz, .samples = {}},
                          .start_ms = m_elapsed_ms,
                          .text = {},
                          .visemes = {},
                          .emotion = plan.emotion,
                          .intensity = plan.intensity,
                          .index = m_next_index};
        const PhraseRequest base{.text = phrase.text,
                                 .language = plan.language,
                                 .voice = m_voice,
                                 .rate_wpm = phrase.rate_wpm,
                                 .pitch_hz = phrase.pitch_hz,
                                 .pitch_range = phrase.pitch_range,
                                 .loudness_db = phrase.loudness_db,
                                 .final_lengthening = phrase.final_lengthening};
        if (!phrase.hesitation.empty()) {
            // A filler is drawn out, lower and flatter than the phrase around it.
            PhraseRequest filler = base;
            filler.text = phrase.hesitation;
            filler.rate_wpm = phrase.rate_wpm * 0.8f;
            filler.pitch_hz = phrase.pitch_hz * 0.94f;
            filler.pitch_range = phrase.pitch_range * 0.4f;
            filler.loudness_db = phrase.loudness_db - 3.0f;
            filler.final_lengthening = 1.6f;
            if (auto r = speak_into(m_synthesizer, filler, m_sample_rate_hz, chunk, stop); !r) {
                return r;
            }
            pause_into(chunk, phrase.hesitation_pause_ms);
            chunk.text = phrase.hesitation + (plan.language == Language::Korean ? "… " : ", ");
        }
        if (auto r = speak_into(m_synthesizer, base, m_sample_rate_hz, chunk, stop); !r) {
            return r;
        }
        pause_into(chunk, phrase.pause_ms);
        chunk.text += phrase.text;
        m_elapsed_ms += chunk.audio.duration_ms();
        ++m_next_index;
        if (on_chunk && !on_chunk(chunk)) {
            return make_error(ErrorCode::Cancelled, "speech: the listener stopped it");
        }
    }
    return {};
}

Result<Audio> render_speech(SpeechSynthesizer& synthesizer,
                            const VoiceProfile& voice,
                            const ProsodyPlan& plan,
                            int sample_rate_hz) {
    Audio out{.sample_rate_hz = sample_rate_hz, .samples = {}};
    SpeechRenderer renderer(synthesizer, voice, sample_rate_hz);
    auto done = renderer.render(
        plan,
        [&](const SpeechChunk& chunk) {
            out.samples.insert(
                out.samples.end(), chunk.audio.samples.begin(), chunk.audio.samples.end());
            return true;
        },
        std::stop_token{});
    if (!done) {
        return done.error();
    }
    return out;
}

} // namespace samantha
