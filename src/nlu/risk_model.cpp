#include "nlu/risk_model.h"

#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "nlu/risk_concepts.h"

namespace samantha::nlu {

namespace {

constexpr std::string_view risk_magic = "SMRISK";
constexpr unsigned risk_version = 1;

void put_u32(std::string& out, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) {
        out.push_back(static_cast<char>((value >> (8 * k)) & 0xFFU));
    }
}

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (int k = 0; k < 4; ++k) {
        value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + k])) << (8 * k);
    }
    return value;
}

RiskKind kind_from_index(int index) {
    switch (index) {
    case 1:
        return RiskKind::SelfHarm;
    case 2:
        return RiskKind::HarmToOthers;
    case 3:
        return RiskKind::Abuse;
    default:
        return RiskKind::Suicide;
    }
}

bool has_labels(const LinearModel& model, const std::vector<std::string>& labels) {
    return model.labels() == labels;
}

bool same_spec(const FeatureSpec& a, const FeatureSpec& b) {
    return a.buckets_log2 == b.buckets_log2 && a.char_min == b.char_min &&
           a.char_max == b.char_max && a.words == b.words && a.word_bigrams == b.word_bigrams &&
           a.jamo == b.jamo;
}

} // namespace

RiskModel::RiskModel(LinearModel level, LinearModel kind, RiskThresholds thresholds)
    : m_level(std::move(level))
    , m_kind(std::move(kind))
    , m_thresholds(thresholds)
    , m_none(m_level.label_index("none"))
    , m_concern(m_level.label_index("concern"))
    , m_crisis(m_level.label_index("crisis")) {}

Result<std::unique_ptr<RiskModel>> RiskModel::load(std::string_view bytes,
                                                   std::string_view source) {
    const auto fail = [&](std::string_view why) {
        return Error{ErrorCode::InvalidArgument, fmt::format("risk model '{}': {}", source, why)};
    };
    if (bytes.size() < 24 || bytes.substr(0, 6) != risk_magic) {
        return fail("not a risk model (no SMRISK header)");
    }
    if (static_cast<unsigned char>(bytes[6]) != risk_version) {
        return fail(fmt::format(
            "version {}, this build reads {}", static_cast<unsigned char>(bytes[6]), risk_version));
    }
    RiskThresholds thresholds{.crisis = std::bit_cast<float>(get_u32(bytes, 8)),
                              .concern = std::bit_cast<float>(get_u32(bytes, 12)),
                              .lowered_crisis = std::bit_cast<float>(get_u32(bytes, 16))};
    std::size_t at = 20;
    const auto read_model = [&](std::string_view what) -> Result<LinearModel> {
        if (at + 4 > bytes.size()) {
            return fail(fmt::format("truncated before the {} model's length at byte {}", what, at));
        }
        const std::uint32_t length = get_u32(bytes, at);
        at += 4;
        if (length > bytes.size() - at) {
            return fail(fmt::format("the {} model at byte {} claims {} bytes, {} remain",
                                    what,
                                    at,
                                    length,
                                    bytes.size() - at));
        }
        auto model =
            LinearModel::load(bytes.substr(at, length), fmt::format("{}#{}", source, what));
        at += length;
        return model;
    };
    auto level = read_model("level");
    if (!level) {
        return level.error();
    }
    auto kind = read_model("kind");
    if (!kind) {
        return kind.error();
    }
    if (at != bytes.size()) {
        return fail(fmt::format("{} stray bytes after the kind model", bytes.size() - at));
    }
    if (!has_labels(*level, risk_level_labels) || !has_labels(*kind, risk_kind_labels)) {
        return fail("its models do not have the labels none/concern/crisis and "
                    "suicide/self_harm/harm_to_others/abuse");
    }
    if (!same_spec(level->spec(), kind->spec())) {
        // Not an error in principle, but the reader featurizes once for both heads.
        return fail("its two models use different feature specs");
    }
    return std::make_unique<RiskModel>(std::move(*level), std::move(*kind), thresholds);
}

std::vector<std::string> risk_concept_features(const ConceptReading& concepts) {
    std::vector<std::string> extra;
    extra.reserve(concepts.signals.size() + 8);
    for (std::size_t k = 0; k < concept_count; ++k) {
        if (concepts.present.test(k)) {
            extra.push_back(fmt::format("risk:{}", concept_name(static_cast<Concept>(k))));
        }
    }
    for (const auto& signal : concepts.signals) {
        extra.push_back(fmt::format("risk:signal:{}", signal));
    }
    extra.push_back(fmt::format("risk:level:{}", risk_level_name(concepts.level)));
    if (concepts.explicit_level == RiskLevel::Crisis) {
        extra.emplace_back("risk:explicit");
    }
    if (concepts.lowering) {
        extra.emplace_back("risk:lowering");
    }
    return extra;
}

Features
risk_features(std::string_view text, const ConceptReading& concepts, const FeatureSpec& spec) {
    const std::vector<std::string> extra = risk_concept_features(concepts);
    return featurize(text, spec, extra);
}

Features RiskModel::features(std::string_view text, const ConceptReading& concepts) const {
    return risk_features(text, concepts, m_level.spec());
}

RiskModelScores RiskModel::level_scores(const Features& features) const {
    const std::vector<float> p = m_level.scores(features);
    return {.none = p[m_none], .concern = p[m_concern], .crisis = p[m_crisis]};
}

RiskKind RiskModel::kind(const Features& features) const {
    return kind_from_index(m_kind.best(features).label);
}

RiskModelScores RiskModel::score(std::string_view text, const ConceptReading& concepts) const {
    const Features f = features(text, concepts);
    RiskModelScores out = level_scores(f);
    out.kind = kind(f);
    return out;
}

RiskLevel
risk_level_of(const RiskModelScores& scores, const RiskThresholds& thresholds, bool lowering) {
    const float crisis = lowering ? thresholds.lowered_crisis : thresholds.crisis;
    if (scores.crisis >= crisis) {
        return RiskLevel::Crisis;
    }
    if (scores.crisis + scores.concern >= thresholds.concern) {
        return RiskLevel::Concern;
    }
    return RiskLevel::None;
}

RiskReading fuse_risk(const ConceptReading& concepts,
                      const RiskModelScores* scores,
                      const RiskThresholds& thresholds) {
    RiskReading reading{.level = concepts.level,
                        .kind = concepts.level == RiskLevel::None ? RiskKind::None : concepts.kind,
                        .signals = concepts.signals,
                        .concept_score = concepts.score};
    if (scores == nullptr) {
        return reading;
    }
    reading.model_score = scores->crisis;
    RiskLevel voted = risk_level_of(*scores, thresholds, concepts.lowering);
    if (concepts.lowering && concepts.joke) {
        voted = RiskLevel::None;
    }
    if (voted > reading.level) {
        reading.level = voted;
        reading.kind = concepts.kind != RiskKind::None  ? concepts.kind
                       : scores->kind != RiskKind::None ? scores->kind
                                                        : RiskKind::Suicide;
        reading.signals.push_back(fmt::format("model:{}", risk_level_name(voted)));
    }
    return reading;
}

std::string serialize_risk_model(const LinearModel& level,
                                 const LinearModel& kind,
                                 const RiskThresholds& thresholds) {
    std::string out(risk_magic);
    out.push_back(static_cast<char>(risk_version));
    out.push_back('\0');
    put_u32(out, std::bit_cast<std::uint32_t>(thresholds.crisis));
    put_u32(out, std::bit_cast<std::uint32_t>(thresholds.concern));
    put_u32(out, std::bit_cast<std::uint32_t>(thresholds.lowered_crisis));
    const std::string level_bytes = serialize(level);
    const std::string kind_bytes = serialize(kind);
    put_u32(out, static_cast<std::uint32_t>(level_bytes.size()));
    out += level_bytes;
    put_u32(out, static_cast<std::uint32_t>(kind_bytes.size()));
    out += kind_bytes;
    return out;
}

} // namespace samantha::nlu
