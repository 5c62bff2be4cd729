#include "relationship/relationship.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/assert.h"
#include "core/time.h"

namespace samantha::relationship {

namespace {

constexpr std::array<const char*, 7> stage_names = {"initiating",
                                                    "experimenting",
                                                    "intensifying",
                                                    "integrating",
                                                    "bonding",
                                                    "differentiating",
                                                    "circumscribing"};

// Gates to enter each ladder stage (docs/relationship.md justifies each number).
struct Gate {
    int days;
    double minutes;
    float closeness;
    float trust;
    int depth;
    float reciprocity;
    std::int64_t turns;
};

constexpr std::array<Gate, 5> gates = {{
    {0, 0.0, 0.0f, 0.0f, 0, 0.0f, 0},         // initiating
    {1, 0.0, 0.0f, 0.0f, 0, 0.0f, 3},         // experimenting: a few exchanges
    {5, 60.0, 0.25f, 0.40f, 2, 0.0f, 30},     // intensifying
    {21, 300.0, 0.60f, 0.55f, 3, 0.35f, 150}, // integrating
    {60, 900.0, 0.85f, 0.75f, 3, 0.50f, 400}, // bonding (partner only)
}};

// Below these, a stage cannot hold (cooling steps it back).
constexpr std::array<float, 5> floors = {0.0f, 0.0f, 0.18f, 0.42f, 0.65f};

constexpr float closeness_per_day = 0.05f; // the share of the remaining distance one day can close
constexpr float trust_per_day = 0.025f; // the share of the distance to full trust one day can close

float clamp01(float v) {
    return std::clamp(v, 0.0f, 1.0f);
}

double days_between(std::chrono::sys_seconds from, std::chrono::sys_seconds to) {
    return std::max(0.0, std::chrono::duration<double, std::ratio<86400>>(to - from).count());
}

// The entry of a table indexed by an enum; the tables are written to cover every enumerator.
template <typename Table, typename Enum>
auto& entry(Table& table, Enum value) {
    const auto index = static_cast<std::size_t>(value);
    SAMANTHA_ASSERT(index < table.size(), "a table indexed by an enum is missing an entry");
    return table[index];
}

bool gate_open(const Relationship& r, Stage target) {
    const Gate& g = entry(gates, target);
    return r.days_together >= g.days && r.minutes >= g.minutes && r.closeness >= g.closeness &&
           r.trust >= g.trust && person_depth(r.disclosure) >= g.depth &&
           reciprocity(r.disclosure) >= g.reciprocity && r.turns >= g.turns;
}

} // namespace

const char* stage_name(Stage stage) {
    return entry(stage_names, stage);
}

const char* role_name(Role role) {
    switch (role) {
    case Role::Friend:
        return "friend";
    case Role::Family:
        return "family";
    case Role::Partner:
        return "partner";
    }
    return "friend";
}

bool parse_role(std::string_view name, Role& out) {
    for (const Role role : {Role::Friend, Role::Family, Role::Partner}) {
        if (name == role_name(role)) {
            out = role;
            return true;
        }
    }
    return false;
}

Stage ceiling(Role role) {
    return role == Role::Partner ? Stage::Bonding : Stage::Integrating;
}

void change_role(Relationship& state, Role role) {
    state.role = role;
    const Stage top = ceiling(role);
    state.ladder = std::min(state.ladder, top);
    if (is_ladder(state.stage) && state.stage > top) {
        state.stage = top;
    }
}

float reciprocity(const Disclosure& d) {
    // Depth answered with depth: Samantha cannot match every topic (she has no family or job),
    // so reciprocity compares how deep each side has gone, not where.
    const int person = *std::max_element(d.person.begin(), d.person.end());
    const int companion = *std::max_element(d.companion.begin(), d.companion.end());
    if (person == 0) {
        return 0.0f;
    }
    return std::min(1.0f, static_cast<float>(companion) / static_cast<float>(person));
}

int person_depth(const Disclosure& d) {
    return *std::max_element(d.person.begin(), d.person.end());
}

Relationship cool(const Relationship& state, std::chrono::sys_seconds now) {
    Relationship r = state;
    if (!r.last_turn_at) {
        return r;
    }
    const double apart = days_between(*r.last_turn_at, now) - 3.0; // three days apart are nothing
    if (apart <= 0.0) {
        return r;
    }
    // Cooling is computed from the last turn, so calling cool() twice for the same moment is
    // harmless: the stored closeness is the value at the last turn.
    r.closeness = clamp01(static_cast<float>(state.closeness * std::pow(0.5, apart / 21.0)));
    r.trust = clamp01(static_cast<float>(0.3 + (state.trust - 0.3) * std::pow(0.5, apart / 120.0)));
    if (is_ladder(r.stage) && r.stage > Stage::Experimenting &&
        r.closeness < entry(floors, r.stage)) {
        r.stage = Stage::Circumscribing; // coming apart; one step down at the next conversation
    }
    return r;
}

Relationship update(const Relationship& state, const TurnSignals& s) {
    Relationship r = state;
    const bool new_day = !r.last_day || *r.last_day != s.today;
    if (new_day) {
        r.days_together += 1;
        r.last_day = s.today;
    }
    if (!r.gain_day || *r.gain_day != s.today) {
        r.gain_day = s.today;
        r.closeness_gained_today = 0.0f;
        r.trust_gained_today = 0.0f;
    }
    r.turns += 1;
    r.minutes += std::max(0.0, s.minutes);
    r.last_turn_at = s.now;
    r.familiarity =
        clamp01(static_cast<float>(1.0 - std::exp(-static_cast<double>(r.turns) / 250.0)));

    if (s.depth > 0) {
        auto& d = entry(r.disclosure.person, s.topic);
        d = std::max(d, std::min(s.depth, 4));
    }
    if (s.companion_depth > 0) {
        auto& d = entry(r.disclosure.companion, s.companion_topic);
        d = std::max(d, std::min(s.companion_depth, 4));
    }

    // Rupture: hurtful words cost trust and closeness at once; repair takes days.
    if (s.insulted) {
        if (!r.rupture) {
            r.ruptures += 1;
            if (r.stage != Stage::Differentiating) {
                r.ladder = is_ladder(r.stage) ? r.stage : r.ladder;
            }
        }
        r.rupture = true;
        r.apologised = false;
        r.repair = 0.0f;
        r.trust = clamp01(r.trust - 0.2f);
        r.closeness = clamp01(r.closeness - 0.08f);
        if (r.ladder > Stage::Initiating) {
            r.stage = Stage::Differentiating;
        }
        r.casual_proposal_pending = false;
        return r;
    }
    if (r.rupture) {
        if (s.apologised) {
            r.apologised = true;
        }
        // After an apology, each later calendar day of warm conversation repairs a third.
        if (r.apologised && s.warmth > 0.3f &&
            (!r.last_repair_day || *r.last_repair_day != s.today)) {
            if (r.last_repair_day || !s.apologised) {
                r.repair = clamp01(r.repair + 0.34f);
            }
            r.last_repair_day = s.today;
        }
        if (r.repair >= 1.0f) {
            r.rupture = false;
            r.apologised = false;
            r.repair = 0.0f;
            r.repairs += 1;
            r.trust = clamp01(r.trust + 0.1f);
            r.stage = r.ladder;
        }
        return r; // no closeness grows while a rupture is open
    }

    // Coming back from cooling: one ladder stage down from where the relationship stood.
    if (r.stage == Stage::Circumscribing) {
        r.ladder = r.ladder > Stage::Experimenting
                       ? static_cast<Stage>(static_cast<int>(r.ladder) - 1)
                       : r.ladder;
        r.stage = r.ladder;
    }

    // Closeness: warmth and depth move it, slower as it grows, within the day's allowance.
    const float warmth = std::clamp(s.warmth, 0.0f, 1.0f);
    const float depth_factor = 1.0f + 0.5f * static_cast<float>(std::min(s.depth, 4));
    float gain = 0.012f * warmth * depth_factor * (1.0f - r.closeness);
    // The day's allowance shrinks as closeness grows: each day can close at most 5% of the
    // distance still left, so closeness approaches 1 at a human tempo however long the talks.
    const float allowance = closeness_per_day * (1.0f - (r.closeness - r.closeness_gained_today));
    gain = std::min(gain, allowance - r.closeness_gained_today);
    if (gain > 0.0f) {
        r.closeness = clamp01(r.closeness + gain);
        r.closeness_gained_today += gain;
    }
    float trust_gain = (warmth > 0.3f ? 0.004f : 0.0f) + (s.detail_remembered ? 0.01f : 0.0f) +
                       (s.follow_up_kept ? 0.02f : 0.0f);
    // As with closeness, a day can close only a share of the distance left to full trust.
    const float trust_allowance = (trust_per_day + (s.follow_up_kept ? 0.02f : 0.0f)) *
                                  (1.0f - (r.trust - r.trust_gained_today));
    trust_gain = std::min(trust_gain, trust_allowance - r.trust_gained_today);
    if (trust_gain > 0.0f) {
        r.trust = clamp01(r.trust + trust_gain);
        r.trust_gained_today += trust_gain;
    }
    r.details_remembered += s.detail_remembered ? 1 : 0;
    r.follow_ups_kept += s.follow_up_kept ? 1 : 0;

    // One step up the ladder at most, within the role's ceiling.
    if (is_ladder(r.stage) && r.stage < ceiling(r.role)) {
        const auto next = static_cast<Stage>(static_cast<int>(r.stage) + 1);
        if (gate_open(r, next)) {
            r.stage = next;
            r.ladder = next;
        }
    }
    return r;
}

bool may_propose_casual(const Relationship& r, std::chrono::sys_seconds now) {
    if (r.speech_level == SpeechLevel::Casual || r.casual_proposal_pending || r.rupture ||
        r.ladder < Stage::Intensifying || !is_ladder(r.stage)) {
        return false;
    }
    return !r.casual_refused_at || now - *r.casual_refused_at >= std::chrono::days(14);
}

} // namespace samantha::relationship
