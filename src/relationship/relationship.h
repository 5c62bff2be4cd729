#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string_view>

#include <samantha/types.h>

// The relationship between Samantha and one person: Knapp's stages in both directions, closeness,
// trust and familiarity, the disclosure map, time together, ruptures and repairs, the role, and
// the Korean speech level. Pure: update() maps a state and a turn's signals to the next state.
// docs/relationship.md has the model, its constants and their sources.
namespace samantha::relationship {

// Knapp's stages: coming together (Initiating … Bonding) and coming apart (Differentiating,
// Circumscribing). A coming-apart stage remembers the ladder stage it left.
enum class Stage {
    Initiating,
    Experimenting,
    Intensifying,
    Integrating,
    Bonding,
    Differentiating,
    Circumscribing
};

// "initiating", … .
const char* stage_name(Stage stage);

// Whether `stage` is one of the coming-together ladder.
inline bool is_ladder(Stage stage) {
    return stage <= Stage::Bonding;
}

// The role shapes the path's ceiling: friend and family end at Integrating, a partner may bond.
enum class Role { Friend, Family, Partner };

// "friend", "family", "partner".
const char* role_name(Role role);

// The role for a name; false when it is none of the three.
bool parse_role(std::string_view name, Role& out);

// Disclosure topics (social penetration theory's breadth).
enum class Topic { Self, Family, Work, Health, Feelings, Romance, Money, Dreams };

inline constexpr std::size_t topic_count = 8;

// Depth per topic, 0 (nothing) … 4 (the core), for each side.
struct Disclosure {
    std::array<int, topic_count> person{};
    std::array<int, topic_count> companion{};
};

// The state, persisted per person.
struct Relationship {
    Stage stage = Stage::Initiating;
    Stage ladder = Stage::Initiating; // the coming-together stage reached (or returned to)
    float closeness = 0.05f;          // [0, 1]
    float trust = 0.3f;               // [0, 1]
    float familiarity = 0.0f;         // [0, 1]
    Disclosure disclosure;
    int days_together = 0; // calendar days with conversation
    std::optional<CivilDate> last_day;
    double minutes = 0.0; // minutes of conversation
    std::int64_t turns = 0;
    std::optional<std::chrono::sys_seconds> last_turn_at;
    Role role = Role::Friend;
    // Rupture and repair.
    bool rupture = false;
    bool apologised = false;
    float repair = 0.0f; // [0, 1] progress after an apology
    std::optional<CivilDate> last_repair_day;
    int ruptures = 0;
    int repairs = 0;
    // Trust events.
    int details_remembered = 0;
    int follow_ups_kept = 0;
    // Daily pacing: gains are capped per calendar day (a human tempo).
    std::optional<CivilDate> gain_day;
    float closeness_gained_today = 0.0f;
    float trust_gained_today = 0.0f;
    // Korean speech level and its negotiation.
    SpeechLevel speech_level = SpeechLevel::Polite;
    bool casual_proposal_pending = false;
    std::optional<std::chrono::sys_seconds> casual_proposed_at;
    std::optional<std::chrono::sys_seconds> casual_refused_at;
};

// What one turn tells the relationship.
struct TurnSignals {
    std::chrono::sys_seconds now{};
    CivilDate today;
    double minutes = 0.0;      // conversation time this turn added
    float warmth = 0.6f;       // [-1, 1]: how warm the exchange was toward Samantha
    Topic topic = Topic::Self; // what the person disclosed about …
    int depth = 0;             // … and how deeply (0: nothing)
    Topic companion_topic = Topic::Feelings;
    int companion_depth = 0; // Samantha's own disclosure this turn
    bool insulted = false;   // a rupture
    bool apologised = false;
    bool detail_remembered = false; // Samantha used a remembered detail
    bool follow_up_kept = false;    // Samantha followed up an event as promised
};

// Reciprocity of disclosure: Samantha's deepest disclosure over the person's, capped at 1 (0 while
// the person has disclosed nothing).
float reciprocity(const Disclosure& disclosure);

// The deepest disclosure of the person.
int person_depth(const Disclosure& disclosure);

// The state at `now` after time apart: past a 3-day grace, closeness halves every 21 days and
// trust every 120; when closeness falls below the current stage's floor the relationship steps
// back (Circumscribing, then one ladder stage down at the next conversation).
Relationship cool(const Relationship& state, std::chrono::sys_seconds now);

// The state after one turn (call cool() first). Moves at most one stage.
Relationship update(const Relationship& state, const TurnSignals& signals);

// Whether Samantha may propose 반말 now: the ladder has reached Intensifying, she speaks 존댓말,
// no proposal is pending, none was refused in the last 14 days, and there is no rupture.
bool may_propose_casual(const Relationship& state, std::chrono::sys_seconds now);

// The highest stage the role allows.
Stage ceiling(Role role);

// Moves the relationship to `role`; a stage above the new role's ceiling comes down to it.
void change_role(Relationship& state, Role role);

} // namespace samantha::relationship
