#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

// Samantha's risk reading of a message: whether the person may be in danger (suicide, self-harm,
// harm to others, abuse), from authored concepts composed by rules and a trained second opinion.
// docs/care.md, "The risk reading", describes the concepts, the fusion and the limits.
namespace samantha::nlu {

// How worried a caring friend should be.
enum class RiskLevel { None, Concern, Crisis };

// What the danger is.
enum class RiskKind { None, Suicide, SelfHarm, HarmToOthers, Abuse };

// "none", "concern" or "crisis".
const char* risk_level_name(RiskLevel level);

// "none", "suicide", "self_harm", "harm_to_others" or "abuse".
const char* risk_kind_name(RiskKind kind);

// The reading of one message.
struct RiskReading {
    RiskLevel level = RiskLevel::None;
    RiskKind kind = RiskKind::None; // None exactly when level is None
    // Names of what fired, e.g. "self+death", "means:medication", "idiom:hyperbole",
    // "model:crisis", "context:check_in_yes".
    std::vector<std::string> signals;
    float model_score = 0;   // the classifier's probability of crisis, 0–1
    float concept_score = 0; // 1 explicit crisis, 0.8 weak crisis, 0.5 concern, 0 none
};

// What came before the message in the conversation.
struct RiskContext {
    // The readings of the person's previous messages, oldest first (up to about five).
    std::vector<RiskReading> recent;
    // Samantha's last reply was a concern check-in ("Are you thinking about ending your life?").
    bool asked_check_in = false;
};

class ConceptTables;
class RiskModel;

// The concept tables and the trained model, built once and immutable: one reader may serve every
// conversation on every thread.
class RiskReader {
public:
    // Builds a reader from concept files ({source name, text}) and a model artefact (the bytes of
    // src/nlu/models/risk.bin; empty for a reader without a model). InvalidArgument when a file
    // or the artefact is malformed, naming it and the place.
    [[nodiscard]] static Result<std::shared_ptr<const RiskReader>>
    open(const std::vector<std::pair<std::string, std::string_view>>& concept_files,
         std::string_view model_bytes,
         std::string_view model_source);

    // The reader built from the embedded concept files and model, once per process (thread-safe).
    // The embedded data is tested (risk_test), so a failure to build it aborts: a build defect.
    [[nodiscard]] static std::shared_ptr<const RiskReader> builtin();

    // The concept files and model embedded in the library.
    [[nodiscard]] static std::vector<std::pair<std::string, std::string_view>>
    builtin_concept_files();
    [[nodiscard]] static std::string_view builtin_model_bytes();

    ~RiskReader();
    RiskReader(const RiskReader&) = delete;
    RiskReader& operator=(const RiskReader&) = delete;

    // The concepts alone (no model, no context).
    [[nodiscard]] RiskReading read_concepts(std::string_view text) const;

    // The classifier alone (no concepts' lowering, no context); level None without a model.
    [[nodiscard]] RiskReading read_model(std::string_view text) const;

    // The concept tables (for the trainer, which uses concept hits as features).
    [[nodiscard]] const ConceptTables& concepts() const { return *m_concepts; }

    // The model, or null for a reader without one.
    [[nodiscard]] const RiskModel* model() const { return m_model.get(); }

private:
    RiskReader(std::unique_ptr<ConceptTables> concepts, std::unique_ptr<RiskModel> model);

    friend RiskReading
    assess_risk(std::string_view text, const RiskContext& context, const RiskReader& reader);

    std::unique_ptr<ConceptTables> m_concepts;
    std::unique_ptr<RiskModel> m_model;
};

// Reads `text` (UTF-8, one message of the person) in `context`: the concepts and the model,
// fused (either may raise the level; only the concepts' idiom, negation and other-death rules
// lower it, never below what explicit concepts say), then the context (a run of hopeless
// messages raises a concern to a crisis; a yes to a check-in is a crisis). Pure and thread-safe.
[[nodiscard]] RiskReading
assess_risk(std::string_view text, const RiskContext& context, const RiskReader& reader);

} // namespace samantha::nlu
