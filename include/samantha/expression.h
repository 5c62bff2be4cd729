#pragma once

#include <string>
#include <vector>

// How Samantha's feeling shows on a body: facial action units, gaze and gesture, for a screen face,
// an avatar or a robot (docs/protocol.md; ROS4HRI's hri_msgs/Expression and FacialActionUnits).
namespace samantha {

// A FACS action unit (Ekman & Friesen) and how strongly it shows, in [0, 1].
struct ActionUnit {
    int unit = 0; // 1 inner brow raiser, 4 brow lowerer, 6 cheek raiser, 12 lip corner puller, …
    float intensity = 0.0f;
};

// One expression: what a body shows for an emotion.
struct Expression {
    std::string emotion = "neutral"; // Samantha's emotion (docs/affect.md) or "neutral"
    float intensity = 0.0f;          // [0, 1]
    std::vector<ActionUnit> action_units;
    std::string gaze = "person"; // "person", "down", "away"
    std::string gesture;         // "", "nod", "tilt", "lean_in"
    // ROS4HRI's Expression constant that fits best (hri_msgs/Expression: NEUTRAL, HAPPY, SAD, …).
    std::string ros4hri = "NEUTRAL";
};

// The expression of `emotion` at `intensity` (unknown names show as neutral).
Expression expression_of(const std::string& emotion, float intensity);

} // namespace samantha
