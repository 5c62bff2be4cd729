#include "nlu/emotion.h"

#include <array>
#include <bit>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/assert.h"
#include "nlu/emotion_embedded.h"

namespace samantha::nlu {

namespace {

constexpr std::string_view emotion_magic = "SMEMO";
constexpr unsigned emotion_version = 1;
constexpr std::size_t header_bytes = 10;

using L = EmotionLabel;

static_assert(static_cast<std::size_t>(L::Disgust) + 1 == taxonomy_count,
              "taxonomy_count counts EmotionLabel's enumerators");

constexpr FineLabel fine(std::string_view name, EmotionLabel label) {
    // taxonomy_point and taxonomy_polarity are not constexpr; the tables below fill them in.
    return FineLabel{.name = name, .label = label, .point = {}, .polarity = Polarity::Neutral};
}

// GoEmotions original/labels.txt, in order. The taxonomy column is docs/affect.md's table; it
// agrees with the data set's own Ekman grouping (Demszky et al. 2020) everywhere.
constexpr std::array<FineLabel, 28> goemotions_raw = {
    fine("admiration", L::Affection),  fine("amusement", L::Joy),
    fine("anger", L::Anger),           fine("annoyance", L::Anger),
    fine("approval", L::Joy),          fine("caring", L::Affection),
    fine("confusion", L::Surprise),    fine("curiosity", L::Surprise),
    fine("desire", L::Affection),      fine("disappointment", L::Sadness),
    fine("disapproval", L::Anger),     fine("disgust", L::Disgust),
    fine("embarrassment", L::Sadness), fine("excitement", L::Excitement),
    fine("fear", L::Anxiety),          fine("gratitude", L::Gratitude),
    fine("grief", L::Sadness),         fine("joy", L::Joy),
    fine("love", L::Affection),        fine("nervousness", L::Anxiety),
    fine("optimism", L::Joy),          fine("pride", L::Joy),
    fine("realization", L::Surprise),  fine("relief", L::Joy),
    fine("remorse", L::Sadness),       fine("sadness", L::Sadness),
    fine("surprise", L::Surprise),     fine("neutral", L::Neutral),
};

// KOTE's LABELS (github.com/searle-j/KOTE, README), in order: label id k is entry k.
constexpr std::array<FineLabel, 44> kote_raw = {
    fine("불평/불만", L::Anger),               // 0 complaint
    fine("환영/호의", L::Affection),           // 1 welcome, goodwill
    fine("감동/감탄", L::Affection),           // 2 moved, admiration
    fine("지긋지긋", L::Disgust),              // 3 sick of it
    fine("고마움", L::Gratitude),              // 4 gratitude
    fine("슬픔", L::Sadness),                  // 5 sadness
    fine("화남/분노", L::Anger),               // 6 anger
    fine("존경", L::Affection),                // 7 respect
    fine("기대감", L::Joy),                    // 8 anticipation (GoEmotions' optimism)
    fine("우쭐댐/무시함", L::Disgust),         // 9 smugness, contempt
    fine("안타까움/실망", L::Sadness),         // 10 pity, disappointment
    fine("비장함", L::Neutral),                // 11 grim resolve
    fine("의심/불신", L::Anger),               // 12 doubt, distrust (GoEmotions' disapproval)
    fine("뿌듯함", L::Joy),                    // 13 pride
    fine("편안/쾌적", L::Joy),                 // 14 ease, comfort (GoEmotions' relief)
    fine("신기함/관심", L::Surprise),          // 15 wonder, interest (curiosity)
    fine("아껴주는", L::Affection),            // 16 caring
    fine("부끄러움", L::Sadness),              // 17 shame (embarrassment)
    fine("공포/무서움", L::Anxiety),           // 18 fear
    fine("절망", L::Sadness),                  // 19 despair
    fine("한심함", L::Disgust),                // 20 pathetic (contempt)
    fine("역겨움/징그러움", L::Disgust),       // 21 disgust, creepiness
    fine("짜증", L::Anger),                    // 22 irritation (annoyance)
    fine("어이없음", L::Anger),                // 23 exasperation
    fine("없음", L::Neutral),                  // 24 none
    fine("패배/자기혐오", L::Sadness),         // 25 defeat, self-loathing
    fine("귀찮음", L::Tiredness),              // 26 weariness, bother
    fine("힘듦/지침", L::Tiredness),           // 27 hardship, exhaustion
    fine("즐거움/신남", L::Joy),               // 28 fun, elation (GoEmotions' amusement)
    fine("깨달음", L::Surprise),               // 29 realization
    fine("죄책감", L::Sadness),                // 30 guilt (remorse)
    fine("증오/혐오", L::Disgust),             // 31 hatred, abhorrence
    fine("흐뭇함(귀여움/예쁨)", L::Affection), // 32 warmth at something cute
    fine("당황/난처", L::Surprise),            // 33 flustered (confusion)
    fine("경악", L::Surprise),                 // 34 shock
    fine("부담/안_내킴", L::Anxiety),          // 35 pressure, reluctance
    fine("서러움", L::Sadness),                // 36 sorrow, feeling wronged
    fine("재미없음", L::Tiredness),            // 37 boredom
    fine("불쌍함/연민", L::Sadness),           // 38 pity, compassion
    fine("놀람", L::Surprise),                 // 39 surprise
    fine("행복", L::Joy),                      // 40 happiness
    fine("불안/걱정", L::Anxiety),             // 41 anxiety, worry
    fine("기쁨", L::Joy),                      // 42 joy
    fine("안심/신뢰", L::Joy),                 // 43 relief, trust
};

template <std::size_t N>
std::array<FineLabel, N> completed(const std::array<FineLabel, N>& raw) {
    std::array<FineLabel, N> out = raw;
    for (FineLabel& entry : out) {
        entry.point = taxonomy_point(entry.label);
        entry.polarity = taxonomy_polarity(entry.label);
    }
    return out;
}

void put_u16(std::string& out, std::uint32_t value) {
    out.push_back(static_cast<char>(value & 0xFFU));
    out.push_back(static_cast<char>((value >> 8) & 0xFFU));
}

void put_u32(std::string& out, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) {
        out.push_back(static_cast<char>((value >> (8 * k)) & 0xFFU));
    }
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + k])) << (8 * k);
    }
    return value;
}

std::string_view embedded_bytes(EmotionScheme scheme) {
    return scheme == EmotionScheme::GoEmotions ? emotion_model_files::english()
                                               : emotion_model_files::korean();
}

} // namespace

const char* emotion_scheme_name(EmotionScheme scheme) {
    return scheme == EmotionScheme::GoEmotions ? "goemotions" : "kote";
}

const char* polarity_name(Polarity polarity) {
    switch (polarity) {
    case Polarity::Negative:
        return "negative";
    case Polarity::Neutral:
        return "neutral";
    case Polarity::Positive:
        return "positive";
    }
    return "neutral";
}

const char* ekman_name(Ekman ekman) {
    switch (ekman) {
    case Ekman::Anger:
        return "anger";
    case Ekman::Disgust:
        return "disgust";
    case Ekman::Fear:
        return "fear";
    case Ekman::Joy:
        return "joy";
    case Ekman::Neutral:
        return "neutral";
    case Ekman::Sadness:
        return "sadness";
    case Ekman::Surprise:
        return "surprise";
    }
    return "neutral";
}

Ekman ekman_of(EmotionLabel label) {
    switch (label) {
    case L::Neutral:
        return Ekman::Neutral;
    case L::Joy:
    case L::Excitement:
    case L::Gratitude:
    case L::Affection:
        return Ekman::Joy;
    case L::Sadness:
    case L::Loneliness:
    case L::Tiredness:
        return Ekman::Sadness;
    case L::Anger:
        return Ekman::Anger;
    case L::Anxiety:
        return Ekman::Fear;
    case L::Surprise:
        return Ekman::Surprise;
    case L::Disgust:
        return Ekman::Disgust;
    }
    return Ekman::Neutral;
}

AffectPoint taxonomy_point(EmotionLabel label) {
    switch (label) {
    case L::Neutral:
        return {0.0f, 0.0f};
    case L::Joy:
        return {0.7f, 0.4f};
    case L::Excitement:
        return {0.7f, 0.8f};
    case L::Gratitude:
        return {0.7f, 0.2f};
    case L::Affection:
        return {0.8f, 0.4f};
    case L::Sadness:
        return {-0.7f, -0.2f};
    case L::Loneliness:
        return {-0.7f, -0.3f};
    case L::Anger:
        return {-0.7f, 0.8f};
    case L::Anxiety:
        return {-0.6f, 0.7f};
    case L::Tiredness:
        return {-0.4f, -0.7f};
    case L::Surprise:
        return {0.1f, 0.7f};
    case L::Disgust:
        return {-0.6f, 0.4f};
    }
    return {};
}

Polarity taxonomy_polarity(EmotionLabel label) {
    const float valence = taxonomy_point(label).valence;
    if (valence > 0.2f) {
        return Polarity::Positive;
    }
    return valence < -0.2f ? Polarity::Negative : Polarity::Neutral;
}

std::span<const FineLabel> fine_labels(EmotionScheme scheme) {
    static const std::array<FineLabel, 28> goemotions = completed(goemotions_raw);
    static const std::array<FineLabel, 44> kote = completed(kote_raw);
    if (scheme == EmotionScheme::GoEmotions) {
        return goemotions;
    }
    return kote;
}

std::vector<std::string> fine_label_names(EmotionScheme scheme) {
    std::vector<std::string> names;
    for (const FineLabel& entry : fine_labels(scheme)) {
        names.emplace_back(entry.name);
    }
    return names;
}

Polarity polarity_of(EmotionScheme scheme, std::span<const int> labels) {
    const auto table = fine_labels(scheme);
    int positive = 0;
    int negative = 0;
    for (const int label : labels) {
        if (label < 0 || static_cast<std::size_t>(label) >= table.size()) {
            continue;
        }
        const Polarity p = table[static_cast<std::size_t>(label)].polarity;
        positive += p == Polarity::Positive ? 1 : 0;
        negative += p == Polarity::Negative ? 1 : 0;
    }
    if (positive > negative) {
        return Polarity::Positive;
    }
    return negative > positive ? Polarity::Negative : Polarity::Neutral;
}

EmotionModel::EmotionModel(EmotionScheme scheme,
                           LinearModel model,
                           std::vector<float> thresholds,
                           EmotionCuts cuts)
    : m_scheme(scheme)
    , m_model(std::move(model))
    , m_thresholds(std::move(thresholds))
    , m_cuts(cuts) {
    SAMANTHA_ASSERT(m_thresholds.size() == m_model.labels().size(), "one threshold per fine label");
}

std::vector<int> EmotionModel::labels_read(std::span<const float> scores) const {
    std::vector<int> out;
    for (std::size_t c = 0; c < scores.size() && c < m_thresholds.size(); ++c) {
        if (scores[c] >= m_thresholds[c]) {
            out.push_back(static_cast<int>(c));
        }
    }
    return out;
}

std::array<float, taxonomy_count>
EmotionModel::taxonomy_votes(std::span<const float> scores) const {
    std::array<float, taxonomy_count> votes{};
    for (std::size_t l = 0; l < taxonomy_count; ++l) {
        const float score = taxonomy_score(m_scheme, scores, static_cast<EmotionLabel>(l));
        votes[l] = score / m_cuts.taxonomy[l];
    }
    return votes;
}

std::vector<int> EmotionModel::ekman_read(std::span<const float> scores) const {
    std::vector<int> out;
    for (int e = 0; e < ekman_count; ++e) {
        if (ekman_score(m_scheme, scores, static_cast<Ekman>(e)) >=
            m_cuts.ekman[static_cast<std::size_t>(e)]) {
            out.push_back(e);
        }
    }
    if (out.empty()) {
        out.push_back(static_cast<int>(Ekman::Neutral));
    }
    return out;
}

Polarity EmotionModel::polarity_read(std::span<const float> scores) const {
    return polarity_at(polarity_balance(m_scheme, scores), m_cuts);
}

float polarity_balance(EmotionScheme scheme, std::span<const float> scores) {
    const auto table = fine_labels(scheme);
    float d = 0.0f;
    for (std::size_t c = 0; c < table.size() && c < scores.size(); ++c) {
        if (table[c].polarity == Polarity::Positive) {
            d += scores[c];
        } else if (table[c].polarity == Polarity::Negative) {
            d -= scores[c];
        }
    }
    return d;
}

Polarity polarity_at(float d, const EmotionCuts& cuts) {
    const float shifted = d + cuts.polarity_offset;
    if (shifted > cuts.polarity_band) {
        return Polarity::Positive;
    }
    return shifted < -cuts.polarity_band ? Polarity::Negative : Polarity::Neutral;
}

float taxonomy_score(EmotionScheme scheme, std::span<const float> scores, EmotionLabel label) {
    const auto table = fine_labels(scheme);
    float keep = 1.0f;
    for (std::size_t c = 0; c < table.size() && c < scores.size(); ++c) {
        if (table[c].label == label) {
            keep *= 1.0f - scores[c];
        }
    }
    return 1.0f - keep;
}

float ekman_score(EmotionScheme scheme, std::span<const float> scores, Ekman ekman) {
    const auto table = fine_labels(scheme);
    float keep = 1.0f;
    for (std::size_t c = 0; c < table.size() && c < scores.size(); ++c) {
        if (ekman_of(table[c].label) == ekman) {
            keep *= 1.0f - scores[c];
        }
    }
    return 1.0f - keep;
}

std::vector<float> EmotionModel::scores(std::string_view text,
                                        std::span<const std::string> cues) const {
    return m_model.scores(featurize(text, m_model.spec(), cues));
}

Result<std::unique_ptr<EmotionModel>> EmotionModel::load(std::string_view bytes,
                                                         std::string_view source) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::InvalidArgument,
                     fmt::format("emotion model '{}': {}", source, why)};
    };
    if (bytes.size() < header_bytes || bytes.substr(0, 5) != emotion_magic) {
        return fail("not an emotion model (no SMEMO header)");
    }
    const auto version = static_cast<unsigned char>(bytes[5]);
    if (version != emotion_version) {
        return fail(fmt::format("version {}, this build reads {}", version, emotion_version));
    }
    const auto scheme_byte = static_cast<unsigned char>(bytes[6]);
    if (scheme_byte > 1 || bytes[7] != 0) {
        return fail(fmt::format("unknown scheme {} or reserved byte set", scheme_byte));
    }
    const auto scheme = scheme_byte == 0 ? EmotionScheme::GoEmotions : EmotionScheme::Kote;
    const std::size_t classes =
        static_cast<unsigned char>(bytes[8]) |
        (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    if (classes != fine_labels(scheme).size()) {
        return fail(fmt::format("{} labels, the {} scheme has {}",
                                classes,
                                emotion_scheme_name(scheme),
                                fine_labels(scheme).size()));
    }
    std::size_t at = header_bytes;
    if (bytes.size() < at + 4 * classes + 4) {
        return fail(fmt::format("truncated at byte {}", bytes.size()));
    }
    std::vector<float> thresholds(classes);
    for (std::size_t c = 0; c < classes; ++c, at += 4) {
        thresholds[c] = std::bit_cast<float>(get_u32(bytes, at));
        if (!std::isfinite(thresholds[c]) || thresholds[c] <= 0 || thresholds[c] > 1) {
            return fail(fmt::format("threshold {} at byte {} is outside (0, 1]", c, at));
        }
    }
    EmotionCuts cuts;
    const auto read_cuts = [&](std::span<float> out,
                               std::string_view what) -> std::optional<Error> {
        if (at >= bytes.size() || static_cast<unsigned char>(bytes[at]) != out.size()) {
            return fail(fmt::format("expected {} {} cuts at byte {}", out.size(), what, at));
        }
        ++at;
        if (bytes.size() < at + 4 * out.size() + 4) {
            return fail(fmt::format("truncated at byte {}", bytes.size()));
        }
        for (float& cut : out) {
            cut = std::bit_cast<float>(get_u32(bytes, at));
            if (!std::isfinite(cut) || cut <= 0 || cut > 1) {
                return fail(fmt::format("{} cut at byte {} is outside (0, 1]", what, at));
            }
            at += 4;
        }
        return std::nullopt;
    };
    if (auto error = read_cuts(cuts.taxonomy, "taxonomy")) {
        return *error;
    }
    if (auto error = read_cuts(cuts.ekman, "Ekman")) {
        return *error;
    }
    if (bytes.size() < at + 12) {
        return fail(fmt::format("truncated at byte {}", bytes.size()));
    }
    cuts.polarity_offset = std::bit_cast<float>(get_u32(bytes, at));
    cuts.polarity_band = std::bit_cast<float>(get_u32(bytes, at + 4));
    if (!std::isfinite(cuts.polarity_offset) || !std::isfinite(cuts.polarity_band) ||
        cuts.polarity_band < 0) {
        return fail(fmt::format("polarity offset or band at byte {} out of range", at));
    }
    at += 8;
    const std::size_t length = get_u32(bytes, at);
    at += 4;
    if (bytes.size() - at != length) {
        return fail(fmt::format(
            "the model at byte {} holds {} bytes where {} remain", at, length, bytes.size() - at));
    }
    auto model = LinearModel::load(bytes.substr(at), source);
    if (!model) {
        return model.error();
    }
    if (model->output() != Output::Sigmoid || model->labels() != fine_label_names(scheme)) {
        return fail(fmt::format("its model is not a sigmoid over the {} labels",
                                emotion_scheme_name(scheme)));
    }
    return std::make_unique<EmotionModel>(
        scheme, std::move(model).value(), std::move(thresholds), cuts);
}

std::string serialize_emotion_model(EmotionScheme scheme,
                                    const LinearModel& model,
                                    const std::vector<float>& thresholds,
                                    const EmotionCuts& cuts) {
    SAMANTHA_ASSERT(thresholds.size() == model.labels().size(), "one threshold per fine label");
    std::string out(emotion_magic);
    out.push_back(static_cast<char>(emotion_version));
    out.push_back(static_cast<char>(scheme == EmotionScheme::GoEmotions ? 0 : 1));
    out.push_back(0);
    put_u16(out, static_cast<std::uint32_t>(thresholds.size()));
    for (const float threshold : thresholds) {
        put_u32(out, std::bit_cast<std::uint32_t>(threshold));
    }
    out.push_back(static_cast<char>(cuts.taxonomy.size()));
    for (const float cut : cuts.taxonomy) {
        put_u32(out, std::bit_cast<std::uint32_t>(cut));
    }
    out.push_back(static_cast<char>(cuts.ekman.size()));
    for (const float cut : cuts.ekman) {
        put_u32(out, std::bit_cast<std::uint32_t>(cut));
    }
    put_u32(out, std::bit_cast<std::uint32_t>(cuts.polarity_offset));
    put_u32(out, std::bit_cast<std::uint32_t>(cuts.polarity_band));
    const std::string file = serialize(model);
    put_u32(out, static_cast<std::uint32_t>(file.size()));
    out += file;
    return out;
}

const EmotionModel* builtin_emotion_model(EmotionScheme scheme) {
    static const auto load_builtin = [](EmotionScheme s) -> std::unique_ptr<const EmotionModel> {
        const std::string_view bytes = embedded_bytes(s);
        if (bytes.empty()) {
            return nullptr;
        }
        auto loaded = EmotionModel::load(
            bytes, s == EmotionScheme::GoEmotions ? "emotion_en.bin" : "emotion_ko.bin");
        SAMANTHA_ASSERT(loaded.has_value(), "a built-in emotion model does not load");
        return std::move(loaded).value();
    };
    static const std::unique_ptr<const EmotionModel> english =
        load_builtin(EmotionScheme::GoEmotions);
    static const std::unique_ptr<const EmotionModel> korean = load_builtin(EmotionScheme::Kote);
    return scheme == EmotionScheme::GoEmotions ? english.get() : korean.get();
}

EmotionScheme emotion_scheme_for(Language language) {
    return language == Language::Korean ? EmotionScheme::Kote : EmotionScheme::GoEmotions;
}

} // namespace samantha::nlu
