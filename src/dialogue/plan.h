#pragma once

#include <optional>
#include <string>
#include <vector>

#include <samantha/clock.h>
#include <samantha/config.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "dialogue/perception.h"
#include "dialogue/phrasebook.h"
#include "memory/extraction.h"
#include "persona/persona.h"
#include "relationship/relationship.h"

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
    Care,        // a crisis, or the conversation right after one: stay present, give real help
    CheckIn,     // a concern: ask directly, warmly, whether they are thinking of ending their life
    Hurt,        // an insult
    Repair,      // an apology after a rupture
    Boundary,    // romance outside the partner role
    SpeechLevel, // the 존댓말/반말 negotiation
    Role,        // the role agreed in conversation
    LookForward, // a plan of the person's: look forward to it with them
    Laugh,       // a joke: be glad at it
    Thank,       // an answer to thanks
};

// How the Korean speech level changes this turn (decided before planning).
enum class SpeechChange { None, PersonAsked, BackToPolite, Accepted, Refused };

// The snake_case name of a strategy ("acknowledge_fact").
const char* strategy_name(Strategy strategy);

// One move: a phrase-book section and the slot values it may use.
struct Move {
    std::string section;
    Slots slots;
    bool optional = false; // dropped silently when every line of the section was said recently
    bool close = false;    // prefer the section's "@close" wording (a closer register)
    // Sub-moves rendered with their section's first line and joined into the {list} slot
    // (the memory summary).
    std::vector<Move> items;
};

// The plan for one reply.
struct Plan {
    Strategy strategy = Strategy::Silent;
    std::vector<Move> moves;
    bool shared_feeling = false;  // Samantha disclosed a feeling of her own
    bool proposed_casual = false; // Samantha asked whether to speak 반말
    bool followed_up = false;     // Samantha followed up a dated event
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
    // The inner life (#3).
    const affect::AffectState* affect = nullptr;              // after this turn's appraisal
    const relationship::Relationship* relationship = nullptr; // after cooling, before this turn
    SpeechChange speech_change = SpeechChange::None;
    bool role_changed = false; // the person and Samantha just agreed on a new role
    bool may_propose_casual = false;
    double hours_since_last_turn = 0.0;
    std::string
        crisis_resource; // the resource for this message's risk: "109 (자살예방상담전화, 24시간)"
    // A crisis was read in the person's last messages (docs/care.md, "Tiers"): the care state
    // holds, and Samantha does not bounce back to small talk.
    bool crisis_held = false;
    nlu::RiskKind crisis_kind = nlu::RiskKind::None; // the held crisis's kind
};

// What the scheduler looks at when time passes with the person present.
struct ProactiveInput {
    const persona::Persona& persona;
    Moment now;
    Language language = Language::English;
    SpeechLevel speech_level = SpeechLevel::Polite;
    std::string name;
    const relationship::Relationship* relationship = nullptr;
    std::vector<Memory> nearby_events;
    std::optional<std::chrono::sys_seconds> last_turn_at; // the person's last message
    std::optional<std::chrono::sys_seconds> last_proactive_at;
    int proactive_today = 0;
    bool enabled = true;
    int quiet_start_hour = default_quiet_start_hour;
    int quiet_end_hour = default_quiet_end_hour;
    int max_per_day = 3;
    std::optional<std::chrono::sys_seconds> last_crisis_at; // the person's last crisis message
};

// Whether Samantha speaks first now, and what (docs/care.md): an event follow-up, a note after
// three days apart, or a greeting that fits the time of day; never in quiet hours, at most
// max_per_day a day, not within three hours of her last note or two of the person's message.
std::optional<Plan> plan_proactive(const ProactiveInput& input);

// Whether the local hour falls in the quiet hours [start, end) (which may wrap midnight).
bool in_quiet_hours(int hour, int start, int end);

// Chooses the strategy and moves (docs/persona.md, "How the builtin composer decides").
Plan plan_reply(const PlanInput& input);

// "tomorrow", "next Tuesday", "on December 3" / "내일", "다음 주 화요일", "12월 3일".
std::string describe_date(CivilDate date, CivilDate today, Language language);

} // namespace samantha::dialogue
