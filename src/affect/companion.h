#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/types.h>

// Samantha's own feelings, in three layers after ALMA (Gebhard 2005): emotions appraised from what
// happens (OCC), a mood that the emotions pull and that drifts back to the temperament's baseline,
// and a temperament from the persona's Big Five. Pure and deterministic; docs/affect.md has the
// formulas and constants.
namespace samantha::affect {

// A point in pleasure–arousal–dominance space, each axis in [-1, 1].
struct Pad {
    float pleasure = 0.0f;
    float arousal = 0.0f;
    float dominance = 0.0f;
};

// The companion's emotions (OCC types relevant to a companion).
enum class CompanionEmotion {
    Joy,       // a pleasant exchange
    HappyFor,  // the person's good fortune
    Concern,   // the person's distress (OCC "sorry-for")
    Gratitude, // praise and thanks
    Hurt,      // an insult
    Missing,   // a long absence
    Relief,    // a worry resolved
    Affection, // warmth received
};

// The snake_case name ("happy_for").
const char* companion_emotion_name(CompanionEmotion emotion);

// The emotion for a snake_case name, if it is one.
bool parse_companion_emotion(std::string_view name, CompanionEmotion& out);

// Where an emotion sits in PAD space (Gebhard 2005, Table 1, after Mehrabian).
Pad emotion_pad(CompanionEmotion emotion);

// How long an emotion takes to halve in real time.
std::chrono::seconds emotion_half_life(CompanionEmotion emotion);

// One felt emotion.
struct ActiveEmotion {
    CompanionEmotion kind = CompanionEmotion::Joy;
    float intensity = 0.0f; // [0, 1] when felt; decays
    std::chrono::sys_seconds felt_at{};
};

// Big Five traits in [0, 1] (persona/BigFive mirrors these).
struct Traits {
    float openness = 0.5f;
    float conscientiousness = 0.5f;
    float extraversion = 0.5f;
    float agreeableness = 0.5f;
    float neuroticism = 0.5f;
};

// What the traits imply for affect.
struct Temperament {
    Pad baseline;            // the default mood (Mehrabian 1996)
    float reactivity = 1.0f; // how strongly events move emotion and mood
};

// Mehrabian's mapping of the Big Five to a PAD baseline; reactivity 0.7 + 0.6·neuroticism.
Temperament temperament_from(const Traits& traits);

// The whole affective state, persisted per person.
struct AffectState {
    std::vector<ActiveEmotion> emotions; // strongest first after update()
    Pad mood;
    std::chrono::sys_seconds updated_at{};
    bool initialised = false;
};

// What happened in a turn, as the appraisal sees it.
struct Appraisal {
    UserEmotion user;      // how the person feels
    bool thanked = false;  // thanks or praise
    bool insulted = false; // hurtful words aimed at Samantha
    bool apologised = false;
    bool affectionate = false;          // warmth aimed at Samantha
    double hours_since_last_turn = 0.0; // 0 on the first turn
    bool worry_resolved = false;        // an earlier worry turned out well
};

// The emotions an appraisal elicits, intensities scaled by reactivity (OCC rules in docs).
std::vector<ActiveEmotion>
appraise(const Appraisal& appraisal, const Temperament& temperament, std::chrono::sys_seconds now);

// The state at `now`: emotions decayed by their half-lives (those under 0.05 dropped), the mood
// drifted toward the baseline (half-life 4 h) since updated_at. A fresh state starts at baseline.
AffectState
decay(const AffectState& state, const Temperament& temperament, std::chrono::sys_seconds now);

// Adds new emotions and pulls the mood toward each one's PAD point by 0.35·intensity·reactivity
// (ALMA's pull phase), clamped to [-1, 1].
AffectState feel(const AffectState& decayed,
                 const std::vector<ActiveEmotion>& elicited,
                 const Temperament& temperament);

// The strongest active emotion, if any is above 0.1.
const ActiveEmotion* dominant_emotion(const AffectState& state);

// Serialises the emotions as "kind:intensity:felt_at;…" and back (for storage).
std::string encode_emotions(const std::vector<ActiveEmotion>& emotions);
std::vector<ActiveEmotion> decode_emotions(std::string_view text);

} // namespace samantha::affect
