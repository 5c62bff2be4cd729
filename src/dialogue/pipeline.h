#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/clock.h>
#include <samantha/log.h>
#include <samantha/result.h>
#include <samantha/types.h>

#include "affect/user_emotion.h"
#include "dialogue/perception.h"
#include "dialogue/phrasebook.h"
#include "dialogue/plan.h"
#include "dialogue/turn_store.h"
#include "persona/persona.h"
#include "storage/database.h"

// The turn pipeline: perceive → remember → recall → feel → plan → speak → express, one
// transaction per turn (DESIGN.md §1).
namespace samantha::dialogue {

// Immutable resources shared by every conversation.
struct Resources {
    std::shared_ptr<const persona::Persona> persona;
    std::shared_ptr<const affect::Lexicon> lexicon;
    std::shared_ptr<const CueBook> cues;
    std::shared_ptr<const PhraseBook> english;
    std::shared_ptr<const PhraseBook> korean;
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
    std::int64_t turn_id = 0; // 0 when nothing was logged (time passing)
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
    Result<TurnOutcome>
    run(PersonState& state, std::int64_t& conversation_id, std::string_view text, Moment now);

private:
    storage::Database& m_db;
    Resources m_resources;
    Logger m_log;
};

} // namespace samantha::dialogue
