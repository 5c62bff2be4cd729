#include "dialogue/remember.h"

#include <algorithm>

namespace samantha::dialogue {

memory::Extraction remember(const Perception& perception, CivilDate today) {
    return memory::extract(perception.text, perception.language, today);
}

bool is_episode(const Perception& perception) {
    switch (perception.intent) {
    case Intent::Statement:
    case Intent::Question:
        return true;
    default:
        return false;
    }
}

float episode_importance(const UserEmotion& emotion, const memory::Extraction& extraction) {
    constexpr float base = 0.2f;
    constexpr float per_intensity = 0.5f;
    constexpr float carried_memories = 0.1f;
    const bool carried = !extraction.facts.empty() || !extraction.events.empty();
    return std::min(1.0f,
                    base + per_intensity * emotion.intensity + (carried ? carried_memories : 0.0f));
}

} // namespace samantha::dialogue
