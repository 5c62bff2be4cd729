#include "dialogue/reflect.h"

#include <algorithm>

#include "dialogue/llm_perception.h"
#include "dialogue/pipeline.h"

namespace samantha::dialogue {

Reflection reflect(const Perception& perception,
                   const memory::Extraction& extraction,
                   const std::vector<Memory>& current_facts,
                   CivilDate today,
                   const Resources& resources,
                   const Logger& log) {
    Reflection reflection{.extraction = extraction};
    const bool readable =
        perception.intent == Intent::Statement || perception.intent == Intent::Question;
    if (!resources.brain || !resources.model_perception || !readable || extraction.forget) {
        return reflection;
    }
    auto reading = read_with_model(
        *resources.brain, perception.text, perception.language, today, reading_session);
    if (!reading) {
        log.debug("the model could not read the message: {}", reading.error().message);
        return reflection;
    }
    merge_reading(reflection.extraction, *reading, current_facts);
    // The model may raise the risk level, never lower it (docs/care.md).
    if (reading->risk && *reading->risk > perception.risk.level) {
        reflection.risk = *reading->risk;
    }
    // The model may name a feeling the lexicon missed; it never replaces one the lexicon read.
    if (reading->emotion && perception.emotion.label == EmotionLabel::Neutral &&
        *reading->emotion != EmotionLabel::Neutral) {
        UserEmotion emotion = perception.emotion;
        emotion.label = *reading->emotion;
        constexpr float model_intensity = 0.3f; // a named feeling, of unknown strength
        emotion.intensity = std::max(emotion.intensity, model_intensity);
        reflection.emotion = emotion;
    }
    return reflection;
}

} // namespace samantha::dialogue
