#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <samantha/result.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "dialogue/perception.h"
#include "dialogue/plan.h"
#include "memory/extraction.h"
#include "relationship/relationship.h"
#include "storage/database.h"

// Feel: Samantha's own response to the message and the relationship's, before she speaks
// (DESIGN.md §1; docs/affect.md, docs/relationship.md).
namespace samantha::dialogue {

struct Resources;

// Samantha's affect and the relationship as they stand at `now`, before this turn: decayed and
// cooled from what was stored.
struct InnerLife {
    affect::Temperament temperament;
    affect::AffectState affect;
    relationship::Relationship relationship;
};

// Loads the inner life of `person_id` at `now`. A forced role (--role) overrides the stored one.
[[nodiscard]] Result<InnerLife> load_inner_life(storage::Database& db,
                                                const Resources& resources,
                                                std::int64_t person_id,
                                                Moment now);

// What the feel stage decided.
struct Feeling {
    affect::AffectState affect;              // after this message's appraisal
    relationship::Relationship relationship; // after the speech-level and role agreements
    SpeechChange speech_change = SpeechChange::None;
    bool role_changed = false; // the person and Samantha just agreed on a new role
    bool may_propose_casual = false;
    double hours_apart = 0.0; // since the person's previous message
};

// What the feel stage reads besides the message.
struct FeelContext {
    const InnerLife& inner;
    std::optional<std::chrono::sys_seconds> last_turn_at; // the person's previous message
    std::string last_emotion; // the label of the person's previous feeling ("" when none)
    bool role_forced = false; // --role: the role is set, not negotiated
    Moment now;
};

// Appraises the message (OCC, docs/affect.md), moves Samantha's emotion and mood, and settles
// the 존댓말/반말 and role agreements the message makes. Pure.
[[nodiscard]] Feeling feel(const Perception& perception, const FeelContext& context);

// What the finished turn did to the relationship, for `relationship_after`.
struct TurnDeeds {
    bool proposed_casual = false;   // Samantha proposed 반말 in her reply
    bool shared_feeling = false;    // she told her own feeling
    bool followed_up = false;       // she asked about a remembered event
    bool detail_remembered = false; // her reply used something the person told her
};

// The relationship after the turn (docs/relationship.md): time together, warmth, disclosure
// (breadth and depth), reciprocity and trust events. `perception` and `extraction` are the
// final reading of the message (after reflection). Pure.
[[nodiscard]] relationship::Relationship
relationship_after(const Feeling& feeling,
                   const Perception& perception,
                   const memory::Extraction& extraction,
                   const TurnDeeds& deeds,
                   std::optional<std::chrono::sys_seconds> last_turn_at,
                   Moment now);

} // namespace samantha::dialogue
