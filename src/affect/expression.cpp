// Emotion → facial action units, gaze and gesture. The action units follow the prototypes of the
// Facial Action Coding System (Ekman, Friesen & Hager 2002; EMFACS): happiness 6+12, sadness
// 1+4+15, surprise 1+2+5+26, fear 1+2+4+5+20, anger 4+5+7+23; tenderness is a softened smile.

#include <algorithm>
#include <array>

#include <samantha/expression.h>

namespace samantha {
namespace {

struct Shape {
    const char* emotion;
    std::array<std::pair<int, float>, 4> units; // unit 0: unused
    const char* gaze;
    const char* gesture;
    const char* ros4hri;
};

constexpr std::array<Shape, 9> shapes{{
    {"joy", {{{6, 0.8f}, {12, 1.0f}, {25, 0.4f}, {0, 0}}}, "person", "", "HAPPY"},
    {"happy_for", {{{6, 0.9f}, {12, 1.0f}, {25, 0.5f}, {0, 0}}}, "person", "lean_in", "HAPPY"},
    {"gratitude", {{{6, 0.5f}, {12, 0.7f}, {0, 0}, {0, 0}}}, "person", "nod", "HAPPY"},
    {"affection", {{{6, 0.4f}, {12, 0.6f}, {0, 0}, {0, 0}}}, "person", "tilt", "HAPPY"},
    {"relief", {{{12, 0.5f}, {43, 0.3f}, {0, 0}, {0, 0}}}, "person", "nod", "HAPPY"},
    {"concern", {{{1, 0.8f}, {4, 0.5f}, {15, 0.3f}, {0, 0}}}, "person", "lean_in", "WORRIED"},
    {"hurt", {{{1, 0.9f}, {4, 0.6f}, {15, 0.7f}, {17, 0.4f}}}, "down", "", "SAD"},
    {"missing", {{{1, 0.6f}, {15, 0.4f}, {12, 0.2f}, {0, 0}}}, "away", "tilt", "SAD"},
    {"fear", {{{1, 0.8f}, {2, 0.6f}, {5, 0.7f}, {20, 0.6f}}}, "away", "", "SCARED"},
}};

} // namespace

Expression expression_of(const std::string& emotion, float intensity) {
    Expression out;
    out.intensity = std::clamp(intensity, 0.0f, 1.0f);
    for (const Shape& shape : shapes) {
        if (emotion != shape.emotion) {
            continue;
        }
        out.emotion = emotion;
        for (const auto& [unit, weight] : shape.units) {
            if (unit != 0) {
                out.action_units.push_back({unit, weight * out.intensity});
            }
        }
        out.gaze = shape.gaze;
        out.gesture = out.intensity >= 0.3f ? shape.gesture : "";
        out.ros4hri = shape.ros4hri;
        return out;
    }
    out.intensity = 0.0f;
    return out;
}

} // namespace samantha
