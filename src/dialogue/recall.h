#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "dialogue/perception.h"
#include "dialogue/plan.h"
#include "dialogue/turn_store.h"
#include "memory/extraction.h"
#include "memory/memory_store.h"

// Recall: what Samantha already knows that bears on the message (DESIGN.md §1).
namespace samantha::dialogue {

// What the recall stage found, read once and used by every later stage.
struct Recall {
    std::vector<Memory> facts;            // the person's current facts
    std::vector<Memory> nearby_events;    // events from yesterday to a week ahead
    std::vector<RecalledMemory> recalled; // memories relevant to the message, best first
    std::string name;                     // the person's name, as known after this message
    std::vector<FactChange> new_facts;    // extracted facts that are new or changed
    std::vector<memory::ExtractedEvent> new_events; // extracted events not yet known
    std::vector<std::int64_t> forget_ids;           // what a forget request points at
    std::vector<Memory> forget_matches;             // those memories, for the reply
};

// How many memories a turn recalls (docs/memory.md, "How many memories a turn recalls").
inline constexpr std::size_t recall_limit = 5;

// How many memories the index may score for the turn's recall (RetrievalWeights::matched): less
// than a `memory search`, so that a turn stays within its time at 100k memories (docs/memory.md,
// "Cost").
inline constexpr std::int64_t recall_matched = 300;

// Reads what the message needs: current facts, nearby events, the ranked memories and, for a
// forget request, its targets (then nothing else is recalled). Errors are the store's.
[[nodiscard]] Result<Recall> recall(const Perception& perception,
                                    const memory::Extraction& extraction,
                                    std::int64_t person_id,
                                    Moment now,
                                    memory::MemoryStore& memories,
                                    TurnStore& turns);

// The events of `events` that `reply` mentions by title: they count as recalled.
[[nodiscard]] std::vector<std::int64_t> mentioned_events(const std::vector<Memory>& events,
                                                         const std::string& reply);

// The person's name among their current facts (the "name" slot), or "" when unknown.
[[nodiscard]] std::string person_name(const std::vector<Memory>& facts);

} // namespace samantha::dialogue
