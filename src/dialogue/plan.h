#pragma once

#include <string>
#include <vector>

#include <samantha/clock.h>
#include <samantha/types.h>

#include "dialogue/perception.h"
#include "dialogue/phrasebook.h"
#include "memory/extraction.h"
#include "persona/persona.h"

// Plan: choose what to do this turn (the strategy) and the moves that carry it out, as phrase-book
// sections with slot values. Pure: the same inputs give the same plan.
namespace samantha::dialogue {

// What the reply sets out to do (docs/persona.md lists them with examples).
enum class Strategy {
    Silent,
    Greet,
    Empathise,
    Celebrate,
    FollowUp,
    RecallMemory,
    AcknowledgeFact,
    AnswerSelf,
    AnswerMemory,
    Forget,
    Goodbye,
};

// The snake_case name of a strategy ("acknowledge_fact").
const char* strategy_name(Strategy strategy);

// One move: a phrase-book section and the slot values it may use.
struct Move {
    std::string section;
    Slots slots;
    bool optional = false; // dropped silently when every line of the section was said recently
    // Sub-moves rendered with their section's first line and joined into the {list} slot
    // (the memory summary).
    std::vector<Move> items;
};

// The plan for one reply.
struct Plan {
    Strategy strategy = Strategy::Silent;
    std::vector<Move> moves;
};

// A fact the message told, compared with what was known.
struct FactChange {
    memory::ExtractedFact fact;
    std::optional<Memory> previous; // the current fact in that slot, when its value differs
};

// Everything the planner looks at.
struct PlanInput {
    const Perception& perception;
    const persona::Persona& persona;
    Moment now;
    std::int64_t turn_count = 0;       // turns before this one
    std::string name;                  // the person's name, when known
    std::vector<FactChange> new_facts; // facts that are new or changed
    std::vector<memory::ExtractedEvent> new_events;
    std::vector<Memory> current_facts;    // what is known, for the memory summary and profile gaps
    std::vector<RecalledMemory> recalled; // memories relevant to this message
    std::vector<Memory> nearby_events;    // events from yesterday to a week ahead
    bool forget_requested = false;
    std::vector<Memory> forgotten; // what a forget request matched
    SpeechLevel speech_level = SpeechLevel::Polite;
};

// Chooses the strategy and moves (docs/persona.md, "How the builtin composer decides").
Plan plan_reply(const PlanInput& input);

// "tomorrow", "next Tuesday", "on December 3" / "내일", "다음 주 화요일", "12월 3일".
std::string describe_date(CivilDate date, CivilDate today, Language language);

} // namespace samantha::dialogue
