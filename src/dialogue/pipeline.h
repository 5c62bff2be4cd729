#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/clock.h>
#include <samantha/config.h>
#include <samantha/engine.h>
#include <samantha/language_model.h>
#include <samantha/log.h>
#include <samantha/result.h>
#include <samantha/speech.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "affect/user_emotion.h"
#include "dialogue/perception.h"
#include "dialogue/phrasebook.h"
#include "dialogue/plan.h"
#include "dialogue/turn_store.h"
#include "nlu/risk.h"
#include "persona/persona.h"
#include "relationship/relationship.h"
#include "storage/database.h"

// The turn pipeline: perceive → remember → recall → feel → plan → speak → express, one
// transaction per turn (DESIGN.md §1).
namespace samantha::dialogue {

// Immutable resources shared by every conversation.
struct Resources {
    CareConfig care;
    relationship::Role default_role = relationship::Role::Friend;
    bool role_forced = false; // --role / SAMANTHA_ROLE: the role is set, not negotiated
    std::shared_ptr<const persona::Persona> persona;
    std::shared_ptr<const affect::Lexicon> lexicon;
    std::shared_ptr<const CueBook> cues;
    std::shared_ptr<const nlu::RiskReader> risk; // the risk reading's concepts and model (#12)
    std::shared_ptr<const PhraseBook> english;
    std::shared_ptr<const PhraseBook> korean;
    // The LLM brain, when one is configured (#4); null means the builtin composer alone.
    // Mutable and shared: one engine's conversations take turns with it (one turn at a time).
    std::shared_ptr<LanguageModel> brain;
    bool model_perception = true; // the brain also reads each message (constrained JSON)
    // The voice, when speech is on (#5); null means text only. Shared like the brain.
    std::shared_ptr<SpeechSynthesizer> voice;
    bool voice_humanised = true; // false: the --plain voice
    int voice_sample_rate_hz = 22050;
};

// The built-in resources with `persona`.
Resources builtin_resources(std::shared_ptr<const persona::Persona> persona);

// The person's settings as they stand: what they chose, else the server's defaults (`care`), with
// the relationship's role (`role`, already resolved against a forced role).
[[nodiscard]] PersonSettings
effective_settings(const Preferences& chosen, const CareConfig& care, relationship::Role role);

// Samantha's feeling and mood in the public form (the dominant emotion, the PAD mood).
[[nodiscard]] CompanionState companion_state(const affect::AffectState& affect);

// The relationship in the public form.
[[nodiscard]] RelationshipState relationship_state(const relationship::Relationship& bond);

// Runs turns against one database. Not thread-safe: one turn at a time.
class TurnPipeline {
public:
    TurnPipeline(storage::Database& db, Resources resources, Logger log)
        : m_db(db)
        , m_resources(std::move(resources))
        , m_log(std::move(log)) {}

    // Runs one turn of the person in `state` at `now` with `text` (already validated UTF-8 without
    // control characters). Everything the turn learns is written in one transaction; on failure
    // nothing is, and `state` is unchanged. `conversation_id` is 0 until the first logged turn.
    // `on_text`, when set, receives the reply as it is written (once for the builtin composer,
    // sentence by sentence from an LLM), on this thread; `on_speech`, when set and a voice is
    // configured, receives it as speech, each sentence as soon as it is written.
    Result<TurnOutput> run(PersonState& state,
                           std::int64_t& conversation_id,
                           std::string_view text,
                           Moment now,
                           const TextSink& on_text = {},
                           const SpeechSink& on_speech = {});

    // Samantha's affect (decayed) and the relationship (cooled) as they stand at `now`.
    Result<std::pair<CompanionState, RelationshipState>> inner_life(std::int64_t person_id,
                                                                    Moment now);

private:
    // When time passes with the person present: the care scheduler may speak first
    // (proactive.cpp). `out` holds the message's perception.
    Result<TurnOutput> run_proactive(PersonState& state,
                                     std::int64_t& conversation_id,
                                     TurnOutput out,
                                     Moment now,
                                     const SpeechSink& on_speech);

    storage::Database& m_db;
    Resources m_resources;
    Logger m_log;
};

} // namespace samantha::dialogue
