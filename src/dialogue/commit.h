#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "dialogue/turn_store.h"
#include "memory/memory_store.h"
#include "relationship/relationship.h"
#include "storage/database.h"

// Commit: everything one turn learned, written in one transaction (DESIGN.md §1). A turn that
// fails anywhere before this writes nothing, and one that fails inside it writes nothing either.
namespace samantha::dialogue {

// What a turn writes. Built by the pipeline (or the proactive path) from the stages' results.
struct TurnWrite {
    std::int64_t person_id = 0;
    std::int64_t conversation_id = 0; // the conversation so far; 0 or a stale one opens a new one
    TurnRecord record;                // the exchange; its conversation_id is filled in here
    std::vector<std::int64_t> forget_ids;      // memories the person asked to forget
    std::vector<memory::NewMemory> memories;   // the episode, facts and events, in that order
    std::vector<std::int64_t> touched;         // memories the turn recalled or mentioned
    std::optional<PersonState> person;         // the person's state after the turn
    std::optional<affect::AffectState> affect; // Samantha's affect after the turn
    std::optional<relationship::Relationship> relationship; // the relationship after the turn
    std::optional<CareState> care;                     // the care scheduler's state after the turn
    std::optional<std::chrono::sys_seconds> crisis_at; // the message was read as a crisis
};

// What the commit wrote.
struct Committed {
    std::int64_t turn_id = 0;
    std::int64_t conversation_id = 0;
    std::vector<Memory> remembered; // facts and events that are new
    std::vector<Memory> forgotten;  // what the forget request erased
};

// Writes `write` in one transaction, at `write.record.at`. The memories' source turn is the new
// turn. Errors are the database's; on error nothing is written.
[[nodiscard]] Result<Committed> commit_turn(storage::Database& db, const TurnWrite& write);

} // namespace samantha::dialogue
