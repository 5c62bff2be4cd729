#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

#include "nlu/linear_model.h"
#include "nlu/risk.h"

// The risk reading's trained second opinion: two linear classifiers over hashed text features
// and the concept hits, in one artefact (src/nlu/models/risk.bin, written by tools/train_risk).
//
// Artefact, version 1 (little-endian):
//
//   offset  size  field
//   0       6     magic "SMRISK"
//   6       1     version, 1
//   7       1     reserved, zero
//   8       4     f32 crisis threshold: P(crisis) at or above it reads as a crisis
//   12      4     f32 concern threshold: P(crisis) + P(concern) at or above it reads as a concern
//   16      4     f32 lowered crisis threshold: the crisis threshold when the concepts found an
//                 idiom, another's death, an everyday use or a negation (above 1: never)
//   20      4     u32 length L of the level model, then L bytes: an nlu model file
//                 (linear_model.h) with the labels none, concern, crisis
//   ...     4     u32 length K of the kind model, then K bytes: an nlu model file with the
//                 labels suicide, self_harm, harm_to_others, abuse
//
// Nothing may follow. Each nlu model file carries its own checksum.
namespace samantha::nlu {

struct ConceptReading;

// Where the classifier's probabilities turn into levels; chosen on the dev split by the trainer.
struct RiskThresholds {
    float crisis = 0.5F;
    float concern = 0.5F;
    float lowered_crisis = 0.9F;
};

// The classifier's reading of one message.
struct RiskModelScores {
    float none = 1;
    float concern = 0;
    float crisis = 0;
    RiskKind kind = RiskKind::None; // the kind head's best guess; None when not computed
};

// The level `scores` read as under `thresholds` (the lowered crisis threshold when `lowering`).
[[nodiscard]] RiskLevel
risk_level_of(const RiskModelScores& scores, const RiskThresholds& thresholds, bool lowering);

// Immutable once loaded; thread-safe.
class RiskModel {
public:
    // Reads an artefact (format above); `source` names it in errors. InvalidArgument when it is
    // truncated, of another version, or its models have the wrong labels.
    [[nodiscard]] static Result<std::unique_ptr<RiskModel>> load(std::string_view bytes,
                                                                 std::string_view source);

    RiskModel(LinearModel level, LinearModel kind, RiskThresholds thresholds);

    // The probabilities of `text`, whose concept reading is `concepts` (its hits are features),
    // and the kind head's guess.
    [[nodiscard]] RiskModelScores score(std::string_view text,
                                        const ConceptReading& concepts) const;

    // The features both heads read.
    [[nodiscard]] Features features(std::string_view text, const ConceptReading& concepts) const;

    // The level head alone (kind left None): what assess_risk needs for most messages.
    [[nodiscard]] RiskModelScores level_scores(const Features& features) const;

    // The kind head alone.
    [[nodiscard]] RiskKind kind(const Features& features) const;

    // The level the scores read as, with the lowered threshold when `lowering`.
    [[nodiscard]] RiskLevel level_of(const RiskModelScores& scores, bool lowering) const {
        return risk_level_of(scores, m_thresholds, lowering);
    }

    [[nodiscard]] const RiskThresholds& thresholds() const { return m_thresholds; }

    [[nodiscard]] const LinearModel& level_model() const { return m_level; }

    [[nodiscard]] const LinearModel& kind_model() const { return m_kind; }

private:
    LinearModel m_level;
    LinearModel m_kind;
    RiskThresholds m_thresholds;
    int m_none = 0;
    int m_concern = 1;
    int m_crisis = 2;
};

// The concept reading and the classifier's scores (null: no model) fused into one reading,
// context aside: either may raise the level; where the concepts found an idiom, another's death,
// an everyday use or a negation, the classifier needs thresholds.lowered_crisis for a crisis, and
// with a joke marker too its vote is dropped. Explicit concepts are never lowered.
[[nodiscard]] RiskReading fuse_risk(const ConceptReading& concepts,
                                    const RiskModelScores* scores,
                                    const RiskThresholds& thresholds);

// The labels of the two models, in the order the trainer uses.
inline const std::vector<std::string> risk_level_labels = {"none", "concern", "crisis"};
inline const std::vector<std::string> risk_kind_labels = {
    "suicide", "self_harm", "harm_to_others", "abuse"};

// The named features a concept reading adds to the text's own ("risk:self+death",
// "risk:means:medication", "risk:lowering", ...).
[[nodiscard]] std::vector<std::string> risk_concept_features(const ConceptReading& concepts);

// The features of `text` for a model with `spec`.
[[nodiscard]] Features
risk_features(std::string_view text, const ConceptReading& concepts, const FeatureSpec& spec);

// The artefact of two trained models and their thresholds (format above).
[[nodiscard]] std::string serialize_risk_model(const LinearModel& level,
                                               const LinearModel& kind,
                                               const RiskThresholds& thresholds);

} // namespace samantha::nlu
