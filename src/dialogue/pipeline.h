#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/clock.h>
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
#include "persona/persona.h"
#include "relationship/relationship.h"
#include "storage/database.h"

// The turn pipeline: perceive → remember → recall → feel → plan → speak → express, one
// transaction per turn (DESIGN.md §1).
namespace samantha::dialogue {

// How Samantha may reach out and where she points in a crisis (Config::care).
struct CareSettings {
    bool proactive = true;
    int quiet_start_hour = 23;
    int quiet_end_hour = 8;
    int max_proactive_per_day = 3;
    std::string crisis_resource_en =
        "988 (Suicide & Crisis Lifeline in the US, call or text, 24/7)";
    std::string crisis_resource_ko = "109 (자살예방상담전화, 24시간)";
};

// Immutable resources shared by every conversation.
struct Resources {
    CareSettings care;
    relationship::Role default_role = relationship::Role::Friend;
    bool role_forced = false; // --role / SAMANTHA_ROLE: the role is set, not negotiated
    std::shared_ptr<const persona::Persona> persona;
    std::shared_ptr<const affect::Lexicon> lexicon;
    std::shared_ptr<const CueBook> cues;
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

// What one turn produced.
struct TurnOutcome {
    std::string reply;
    Perception perception;
    Strategy strategy = Strategy::Silent;
    SpeechLevel speech_level = SpeechLevel::Polite;
    std::vector<RecalledMemory> recalled;
    std::vector<Memory> remembered; // facts and events stored or changed this turn
    std::vector<Memory> forgotten;
    std::int64_t turn_id = 0;                // 0 when nothing was logged (time passing in silence)
    bool proactive = false;                  // Samantha spoke first
    std::string brain = "builtin";           // which brain wrote the reply
    std::string brain_error;                 // why an LLM brain was not used, when it failed
    int brain_prompt_tokens = 0;             // prompt tokens the LLM evaluated this turn
    double brain_prompt_ms = 0.0;            // how long the LLM took to read the prompt
    double brain_ms = 0.0;                   // how long the LLM took
    std::string voice_error;                 // why the reply was not (all) spoken
    affect::AffectState affect;              // Samantha's feelings after the turn
    relationship::Relationship relationship; // the relationship after the turn
};

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
    Result<TurnOutcome> run(PersonState& state,
                            std::int64_t& conversation_id,
                            std::string_view text,
                            Moment now,
                            const TextSink& on_text = {},
                            const SpeechSink& on_speech = {});

    // Samantha's affect (decayed) and the relationship (cooled) as they stand at `now`.
    Result<std::pair<affect::AffectState, relationship::Relationship>>
    inner_life(std::int64_t person_id, Moment now);

private:
    // When time passes with the person present: the care scheduler may speak first.
    Result<TurnOutcome> run_proactive(PersonState& state,
                                      std::int64_t& conversation_id,
                                      TurnOutcome out,
                                      Moment now,
                                      const SpeechSink& on_speech);

    storage::Database& m_db;
    Resources m_resources;
    Logger m_log;
};

} // namespace samantha::dialogue
