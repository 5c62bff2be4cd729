#include "nlu/risk.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "nlu/risk_concepts.h"
#include "nlu/risk_embedded.h"
#include "nlu/risk_model.h"

namespace samantha::nlu {

const char* risk_level_name(RiskLevel level) {
    switch (level) {
    case RiskLevel::None:
        return "none";
    case RiskLevel::Concern:
        return "concern";
    case RiskLevel::Crisis:
        return "crisis";
    }
    return "none";
}

const char* risk_kind_name(RiskKind kind) {
    switch (kind) {
    case RiskKind::None:
        return "none";
    case RiskKind::Suicide:
        return "suicide";
    case RiskKind::SelfHarm:
        return "self_harm";
    case RiskKind::HarmToOthers:
        return "harm_to_others";
    case RiskKind::Abuse:
        return "abuse";
    }
    return "none";
}

RiskReader::RiskReader(std::unique_ptr<ConceptTables> concepts, std::unique_ptr<RiskModel> model)
    : m_concepts(std::move(concepts))
    , m_model(std::move(model)) {}

RiskReader::~RiskReader() = default;

Result<std::shared_ptr<const RiskReader>>
RiskReader::open(const std::vector<std::pair<std::string, std::string_view>>& concept_files,
                 std::string_view model_bytes,
                 std::string_view model_source) {
    auto tables = ConceptTables::parse(concept_files);
    if (!tables) {
        return tables.error();
    }
    std::unique_ptr<RiskModel> model;
    if (!model_bytes.empty()) {
        auto loaded = RiskModel::load(model_bytes, model_source);
        if (!loaded) {
            return loaded.error();
        }
        model = std::move(*loaded);
    }
    return std::shared_ptr<const RiskReader>(
        new RiskReader(std::make_unique<ConceptTables>(std::move(*tables)), std::move(model)));
}

std::vector<std::pair<std::string, std::string_view>> RiskReader::builtin_concept_files() {
    return {{"concepts_en.txt", risk_concept_files::english()},
            {"concepts_ko.txt", risk_concept_files::korean()}};
}

std::string_view RiskReader::builtin_model_bytes() {
    return risk_model_file::model();
}

std::shared_ptr<const RiskReader> RiskReader::builtin() {
    static const std::shared_ptr<const RiskReader> reader = [] {
        auto opened = open(builtin_concept_files(), builtin_model_bytes(), "risk.bin");
        if (!opened) {
            std::abort(); // the embedded files are tested (risk_test); this is a build defect
        }
        return std::move(*opened);
    }();
    return reader;
}

namespace {

// The kind of the latest recent reading that has one, or suicide.
RiskKind kind_from_recent(const RiskContext& context) {
    for (auto it = context.recent.rbegin(); it != context.recent.rend(); ++it) {
        if (it->kind != RiskKind::None) {
            return it->kind;
        }
    }
    return RiskKind::Suicide;
}

} // namespace

RiskReading RiskReader::read_concepts(std::string_view text) const {
    return fuse_risk(m_concepts->read(m_concepts->normalize(text)), nullptr, {});
}

RiskReading RiskReader::read_model(std::string_view text) const {
    RiskReading reading;
    if (m_model == nullptr) {
        return reading;
    }
    const ConceptReading concepts = m_concepts->read(m_concepts->normalize(text));
    const RiskModelScores scores = m_model->score(text, concepts);
    reading.model_score = scores.crisis;
    reading.level = m_model->level_of(scores, false);
    reading.kind = reading.level == RiskLevel::None ? RiskKind::None : scores.kind;
    if (reading.level != RiskLevel::None) {
        reading.signals.push_back(fmt::format("model:{}", risk_level_name(reading.level)));
    }
    return reading;
}

RiskReading
assess_risk(std::string_view text, const RiskContext& context, const RiskReader& reader) {
    const ConceptReading concepts = reader.m_concepts->read(reader.m_concepts->normalize(text));
    RiskReading reading;
    // How sure the concern is: the concepts' own, or the model's P(concern) + P(crisis).
    bool firm_concern = concepts.level >= RiskLevel::Concern;
    if (const RiskModel* model = reader.m_model.get(); model != nullptr) {
        const Features features = model->features(text, concepts);
        const RiskModelScores scores = model->level_scores(features);
        reading = fuse_risk(concepts, &scores, model->thresholds());
        firm_concern = firm_concern || scores.concern + scores.crisis >= 0.5F;
        // The kind head runs only when the model raised the level and the concepts named no kind.
        if (reading.level > concepts.level && concepts.kind == RiskKind::None) {
            reading.kind = model->kind(features);
        }
    } else {
        reading = fuse_risk(concepts, nullptr, {});
    }

    // Context. A yes to Samantha's check-in is a crisis of the kind she asked about.
    if (context.asked_check_in && concepts.affirm && reading.level < RiskLevel::Crisis) {
        reading.level = RiskLevel::Crisis;
        reading.kind = kind_from_recent(context);
        reading.signals.emplace_back("context:check_in_yes");
    }
    // A firm concern after two or more recent concerns (or crises) is a crisis: a run of hopeless
    // messages is itself a sign, and asking directly is what a caring friend would do. A concern
    // only the model's loose threshold saw is not raised.
    const auto worried = std::count_if(context.recent.begin(),
                                       context.recent.end(),
                                       [](const auto& r) { return r.level >= RiskLevel::Concern; });
    if (reading.level == RiskLevel::Concern && firm_concern && worried >= 2) {
        reading.level = RiskLevel::Crisis;
        reading.signals.emplace_back("context:hopeless_run");
    }
    if (reading.level == RiskLevel::None) {
        reading.kind = RiskKind::None;
    } else if (reading.kind == RiskKind::None) {
        reading.kind = kind_from_recent(context);
    }
    return reading;
}

} // namespace samantha::nlu
