// The prosody planner: the humaniser (docs/prosody.md).

#include "voice/prosody.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "core/random.h"
#include "core/text.h"
#include "core/utf8.h"

namespace samantha {

const char* boundary_name(Boundary boundary) {
    switch (boundary) {
    case Boundary::Word:
        return "word";
    case Boundary::Comma:
        return "comma";
    case Boundary::Sentence:
        return "sentence";
    case Boundary::Paragraph:
        return "paragraph";
    case Boundary::End:
        return "end";
    }
    return "end";
}

} // namespace samantha

namespace samantha::voice {
namespace {

// Juslin & Laukka (2003), Table 7: the direction of each cue per emotion; the sizes are ours.
struct NamedProsody {
    const char* name;
    EmotionProsody prosody;
};

constexpr std::array<NamedProsody, 6> basic_emotions{{
    {"neutral", {}},
    {"joy", {1.10f, 2.0f, 1.30f, 2.0f, 0.85f, 1.0f, 0.0f}},
    {"sadness", {0.82f, -2.0f, 0.60f, -5.0f, 1.30f, 1.0f, 0.10f}},
    {"tenderness", {0.88f, -1.0f, 0.80f, -3.0f, 1.20f, 1.0f, 0.06f}},
    {"anger", {1.12f, 1.0f, 1.20f, 4.0f, 0.80f, 1.0f, 0.0f}},
    {"fear", {1.12f, 3.0f, 0.90f, 1.0f, 0.90f, 1.8f, 0.06f}},
}};

// Other names, Samantha's own emotions (docs/affect.md) among them, and what they sound like.
constexpr std::array<std::pair<const char*, const char*>, 16> aliases{{
    {"none", "neutral"},
    {"calm", "neutral"},
    {"happy", "joy"},
    {"happy_for", "joy"},
    {"excited", "joy"},
    {"sad", "sadness"},
    {"hurt", "sadness"},
    {"missing", "sadness"},
    {"lonely", "sadness"},
    {"concern", "tenderness"},
    {"gratitude", "tenderness"},
    {"affection", "tenderness"},
    {"relief", "tenderness"},
    {"angry", "anger"},
    {"afraid", "fear"},
    {"anxious", "fear"},
}};

double normal(core::Rng& rng) {
    // Box-Muller; uniform() is in [0, 1), so 1 - u is never 0.
    const double u1 = 1.0 - rng.uniform();
    const double u2 = rng.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

bool sayable(char32_t c) {
    if (c >= 0x1F000 || (c >= 0x2600 && c <= 0x27BF) || (c >= 0xFE00 && c <= 0xFE0F) ||
        c == 0x200D) {
        return false; // emoji, symbols, variation selectors, joiners
    }
    return c != '~' && c != '*' && c != '_' && c != '#' && c != '^' && c != '`' && c != '|' &&
           c != '<' && c != '>' && c != '[' && c != ']' && c != '{' && c != '}';
}

std::optional<Boundary> boundary_of(char32_t c) {
    switch (c) {
    case ',':
    case ';':
    case ':':
    case U'，':
    case U'、':
    case U'；':
        return Boundary::Comma;
    case '.':
    case '!':
    case '?':
    case U'…':
    case U'。':
    case U'！':
    case U'？':
        return Boundary::Sentence;
    default:
        return std::nullopt;
    }
}

constexpr std::array<const char*, 10> english_clause_words{
    "and", "but", "because", "so", "when", "while", "which", "although", "though", "or"};
constexpr std::array<const char*, 6> korean_connectives{"고", "서", "는데", "지만", "면", "니까"};

bool ends_with(const std::string& word, std::string_view suffix) {
    return word.size() > suffix.size() &&
           word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The whitespace-separated tokens of `text`, punctuation kept.
std::vector<std::string> tokens_of(const std::string& text) {
    std::vector<std::string> tokens;
    std::string current;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!current.empty()) {
                tokens.push_back(std::move(current));
                current.clear();
            }
        } else {
            current += c;
        }
    }
    if (!current.empty()) {
        tokens.push_back(std::move(current));
    }
    return tokens;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (!out.empty()) {
            out += ' ';
        }
        out += words[i];
    }
    return out;
}

// Splits a long phrase into breath groups at clause boundaries (or halves when there are none).
void split_long(const std::string& text,
                Boundary boundary,
                Language language,
                std::vector<PhraseText>& out) {
    const std::vector<std::string> words = tokens_of(text);
    const std::size_t longest = language == Language::Korean ? 6 : 9;
    if (words.size() <= longest) {
        out.push_back({join(words, 0, words.size()), boundary});
        return;
    }
    std::size_t best = 0;
    for (std::size_t i = 3; i + 2 < words.size(); ++i) {
        bool clause = false;
        if (language == Language::English) {
            std::string lower = core::to_lower(words[i]);
            while (!lower.empty() && (lower.back() == ',' || lower.back() == '.')) {
                lower.pop_back();
            }
            clause = std::find(english_clause_words.begin(), english_clause_words.end(), lower) !=
                     english_clause_words.end();
        } else {
            clause = std::any_of(korean_connectives.begin(),
                                 korean_connectives.end(),
                                 [&](const char* e) { return ends_with(words[i - 1], e); });
        }
        const auto distance = [&](std::size_t k) {
            return std::abs(static_cast<long>(k) - static_cast<long>(words.size() / 2));
        };
        if (clause && (best == 0 || distance(i) < distance(best))) {
            best = i;
        }
    }
    if (best == 0) {
        best = words.size() / 2;
    }
    // The two halves are joined from the words, so the phrase text keeps single spaces.
    split_long(join(words, 0, best), Boundary::Word, language, out);
    split_long(join(words, best, words.size()), boundary, language, out);
}

} // namespace

std::vector<PhraseText> split_phrases(const std::string& text, Language language) {
    std::vector<PhraseText> phrases;
    std::string current;
    const auto close = [&](Boundary boundary) {
        const std::string trimmed(core::trim(current));
        current.clear();
        bool has_letters = false;
        for (const char32_t c : core::decode_utf8(trimmed)) {
            has_letters = has_letters || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                          (c >= 'a' && c <= 'z') || c >= 0xC0;
        }
        if (!has_letters) {
            if (!phrases.empty() && boundary > phrases.back().boundary) {
                phrases.back().boundary = boundary; // "Well… !" keeps the stronger boundary
            }
            return;
        }
        split_long(trimmed, boundary, language, phrases);
    };
    const std::vector<char32_t> cps = core::decode_utf8(text);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c == '\n') {
            const bool blank = i + 1 < cps.size() && cps[i + 1] == '\n';
            close(blank ? Boundary::Paragraph : Boundary::Sentence);
            continue;
        }
        if (!sayable(c)) {
            continue;
        }
        core::append_utf8(current, c == '\t' || c == '\r' ? U' ' : c);
        if (const auto b = boundary_of(c)) {
            const bool in_number = c == '.' && i + 1 < cps.size() && cps[i + 1] >= '0' &&
                                   cps[i + 1] <= '9' && i > 0 && cps[i - 1] >= '0' &&
                                   cps[i - 1] <= '9';
            const bool more_punctuation = i + 1 < cps.size() && boundary_of(cps[i + 1]);
            if (!in_number && !more_punctuation) {
                close(*b);
            }
        }
    }
    close(Boundary::End);
    if (!phrases.empty()) {
        phrases.back().boundary = Boundary::End;
    }
    return phrases;
}

const EmotionProsody* emotion_prosody(const std::string& emotion) {
    std::string name = core::to_lower(emotion);
    for (const auto& [alias, target] : aliases) {
        if (name == alias) {
            name = target;
        }
    }
    for (const auto& e : basic_emotions) {
        if (name == e.name) {
            return &e.prosody;
        }
    }
    return nullptr;
}

} // namespace samantha::voice

namespace samantha {

std::vector<std::string> prosody_emotions() {
    std::vector<std::string> names;
    for (const auto& e : voice::basic_emotions) {
        names.emplace_back(e.name);
    }
    for (const auto& [alias, target] : voice::aliases) {
        names.emplace_back(alias);
    }
    return names;
}

struct ProsodyPlanner::State {
    ProsodyRequest request;
    voice::EmotionProsody emotion; // scaled by intensity
    core::Rng rng{1};
    double tempo = 0.0; // the AR(1) state of the log rate
    bool started = false;
};

namespace {

// The pause after a boundary: a mixture of brief, medium and long log-normal durations
// (Campione & Véronis 2002), weighted by how strong the boundary is.
struct PauseMixture {
    std::array<double, 3> weights;
};

constexpr std::array<double, 3> pause_median_ms{180.0, 480.0, 1100.0};
constexpr std::array<double, 3> pause_sigma{0.30, 0.30, 0.25};

PauseMixture mixture_of(Boundary boundary) {
    switch (boundary) {
    case Boundary::Word:
        return {{0.85, 0.15, 0.0}};
    case Boundary::Comma:
        return {{0.50, 0.45, 0.05}};
    case Boundary::Sentence:
        return {{0.10, 0.65, 0.25}};
    case Boundary::Paragraph:
        return {{0.0, 0.35, 0.65}};
    case Boundary::End:
        return {{0.0, 0.0, 0.0}};
    }
    return {{1.0, 0.0, 0.0}};
}

// The plain (--plain) pause: one duration for every boundary.
constexpr double plain_pause_ms = 400.0;

// Phrase-final lengthening by boundary strength (Wightman et al. 1992).
float lengthening_of(Boundary boundary) {
    switch (boundary) {
    case Boundary::Word:
        return 1.10f;
    case Boundary::Comma:
        return 1.20f;
    default:
        return 1.30f;
    }
}

constexpr std::array<const char*, 3> fillers_en{"um", "well", "uh"};
constexpr std::array<const char*, 3> fillers_ko{"음", "어", "그러니까"};

double semitones(double st) {
    return std::pow(2.0, st / 12.0);
}

} // namespace

ProsodyPlanner::ProsodyPlanner(std::shared_ptr<State> state)
    : m_state(std::move(state)) {}

Result<ProsodyPlanner> ProsodyPlanner::open(const ProsodyRequest& request) {
    const voice::EmotionProsody* e = voice::emotion_prosody(request.emotion);
    if (e == nullptr) {
        std::string known;
        for (const auto& name : prosody_emotions()) {
            known += (known.empty() ? "" : ", ") + name;
        }
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("prosody: unknown emotion '{}' (known: {})", request.emotion, known));
    }
    if (!(request.intensity >= 0.0f && request.intensity <= 1.0f)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("prosody: intensity {} is outside [0, 1]", request.intensity));
    }
    const float i = request.intensity;
    const auto mix = [i](float full) { return 1.0f + (full - 1.0f) * i; };
    auto state = std::make_shared<State>();
    state->request = request;
    state->emotion = voice::EmotionProsody{.rate = mix(e->rate),
                                           .pitch_st = e->pitch_st * i,
                                           .range = mix(e->range),
                                           .loudness_db = e->loudness_db * i,
                                           .pause = mix(e->pause),
                                           .irregularity = mix(e->irregularity),
                                           .hesitation = e->hesitation * i};
    state->rng = core::Rng(core::mix_seed(request.seed, 0x5A3A17A5ULL));
    return ProsodyPlanner(std::move(state));
}

ProsodyPlan ProsodyPlanner::next(const std::string& text, Piece piece_kind) {
    State& s = *m_state;
    const ProsodyRequest& r = s.request;
    const voice::EmotionProsody& e = s.emotion;
    ProsodyPlan plan{.language = r.language,
                     .emotion = r.emotion,
                     .intensity = r.intensity,
                     .humanised = r.humanised,
                     .seed = r.seed,
                     .phrases = {}};
    // The mood (PAD) nudges the voice a little: aroused is faster, pleased is higher.
    const double mood_rate = 1.0 + 0.05 * std::clamp(r.arousal, -1.0f, 1.0f);
    const double mood_pitch_st = 0.8 * std::clamp(r.pleasure, -1.0f, 1.0f);
    const double base_rate = r.voice.rate_wpm * e.rate * mood_rate;
    const double base_pitch = r.voice.pitch_hz * semitones(e.pitch_st + mood_pitch_st);
    const float range = std::clamp(r.voice.pitch_range * e.range, 0.0f, 1.0f);
    // The tempo process: an AR(1) in log rate, mean-reverting to the base (docs/prosody.md).
    constexpr double phi = 0.5;
    const double sigma = std::max(0.0f, r.voice.tempo_variability) * e.irregularity;
    std::vector<voice::PhraseText> pieces = voice::split_phrases(text, r.language);
    if (piece_kind == Piece::Continues && !pieces.empty()) {
        pieces.back().boundary = Boundary::Sentence;
    }
    for (const auto& piece : pieces) {
        PlannedPhrase phrase{.text = piece.text, .boundary = piece.boundary};
        if (!r.humanised) {
            phrase.rate_wpm = static_cast<float>(base_rate);
            phrase.pitch_hz = static_cast<float>(base_pitch);
            phrase.pitch_range = range;
            phrase.loudness_db = e.loudness_db;
            phrase.pause_ms = piece.boundary == Boundary::End ? 0.0 : plain_pause_ms;
            plan.phrases.push_back(std::move(phrase));
            continue;
        }
        const double shock = voice::normal(s.rng);
        s.tempo =
            s.started ? phi * s.tempo + std::sqrt(1.0 - phi * phi) * sigma * shock : sigma * shock;
        s.started = true;
        phrase.rate_wpm = static_cast<float>(base_rate * std::exp(s.tempo));
        phrase.pitch_hz = static_cast<float>(base_pitch * semitones(0.6 * voice::normal(s.rng)));
        phrase.pitch_range = range;
        phrase.loudness_db = static_cast<float>(e.loudness_db + 0.5 * voice::normal(s.rng));
        phrase.final_lengthening = lengthening_of(piece.boundary);
        // A filler now and then, more when the moment is thoughtful or emotional.
        const double p_filler = 0.03 + e.hesitation;
        if (s.rng.uniform() < p_filler) {
            const auto& fillers = r.language == Language::Korean ? fillers_ko : fillers_en;
            phrase.hesitation = fillers[s.rng.below(fillers.size())];
            phrase.hesitation_pause_ms =
                std::clamp(260.0 * std::exp(0.3 * voice::normal(s.rng)) * e.pause, 150.0, 900.0);
        } else {
            (void)s.rng.below(3); // keep the stream aligned whatever was chosen
            (void)voice::normal(s.rng);
        }
        // The draws happen for every phrase, so that where an utterance is cut into pieces
        // (a streamed reply) does not change the random stream.
        const PauseMixture mixture = mixture_of(piece.boundary);
        const double u = s.rng.uniform();
        const double shape = voice::normal(s.rng);
        if (piece.boundary != Boundary::End) {
            std::size_t k = 0;
            for (double acc = mixture.weights[0]; k + 1 < 3 && u >= acc;
                 acc += mixture.weights[++k]) {
            }
            const double ms = pause_median_ms[k] * std::exp(pause_sigma[k] * shape);
            phrase.pause_ms = std::clamp(ms * e.pause, 130.0, 2500.0);
        }
        plan.phrases.push_back(std::move(phrase));
    }
    return plan;
}

Result<ProsodyPlan> plan_prosody(const ProsodyRequest& request) {
    auto planner = ProsodyPlanner::open(request);
    if (!planner) {
        return planner.error();
    }
    return planner->next(request.text);
}

} // namespace samantha
