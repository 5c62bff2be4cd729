#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <samantha/clock.h>

// Plain values exchanged between modules. Sibling modules (affect, memory, relationship, persona)
// never include each other; they speak in these types and dialogue/ composes them.
namespace samantha {

// The two first-class languages. A reply follows the language of the person's message.
enum class Language { Korean, English };

// "ko" or "en".
const char* language_code(Language language);

// Korean speech level of Samantha's replies: 해요체 (polite, the default) or 반말 (casual, only
// when both agree; see docs/relationship.md).
enum class SpeechLevel { Polite, Casual };

// "polite" or "casual".
const char* speech_level_name(SpeechLevel level);

// The fixed user-emotion taxonomy (docs/affect.md): twelve labels, each with a place on Russell's
// valence/arousal circumplex. New labels go at the end: the index is a stable order (the LLM
// reading's schema lists the names in it).
enum class EmotionLabel {
    Neutral,
    Joy,
    Excitement,
    Gratitude,
    Affection,
    Sadness,
    Loneliness,
    Anger,
    Anxiety,
    Tiredness,
    Surprise,
    Disgust,
};

// The snake_case name of `label` ("joy").
const char* emotion_label_name(EmotionLabel label);

// One fine emotion label of a trained reading and its score: a GoEmotions label ("admiration")
// for English, a KOTE label ("안타까움/실망") for Korean (docs/affect.md).
struct EmotionScore {
    std::string label;
    float score = 0.0f; // the model's probability of the label, in [0, 1]
};

// How the person seems to feel in one message. valence and arousal lie in [-1, 1]; intensity in
// [0, 1] says how much evidence there was (0 for a message with no emotional cue).
struct UserEmotion {
    EmotionLabel label = EmotionLabel::Neutral;
    float valence = 0.0f;
    float arousal = 0.0f;
    float intensity = 0.0f;
    // The three best fine labels of the trained reading, best first; empty when no model read
    // the message (the lexicon alone).
    std::vector<EmotionScore> top;
};

// A calendar date in the proleptic Gregorian calendar.
struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;

    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// What a stored memory is: a fact about the person (with validity times), a dated event, or an
// episode (something the person said, kept as it was said).
enum class MemoryKind { Fact, Event, Episode };

// "fact", "event" or "episode".
const char* memory_kind_name(MemoryKind kind);

// One memory in the ledger. Facts carry a slot ("name", "city", "person:sister:emma",
// "pref:coffee", …) and a value; a fact whose valid_to is set has been superseded and is history.
struct Memory {
    std::int64_t id = 0;
    MemoryKind kind = MemoryKind::Episode;
    std::string slot;
    std::string value;
    std::string text;
    Language language = Language::English;
    float importance = 0.0f;
    float valence = 0.0f;
    std::chrono::sys_seconds created_at{};
    std::optional<std::chrono::sys_seconds> valid_to;
    std::optional<CivilDate> date;
    std::int64_t source_turn_id = 0;
    std::optional<std::chrono::sys_seconds> last_recalled_at;
};

// A memory chosen for this turn, with the score that chose it (docs/memory.md).
struct RecalledMemory {
    Memory memory;
    float score = 0.0f;
    float relevance = 0.0f;
};

// One logged exchange, as the history shows it.
struct Exchange {
    std::int64_t id = 0;
    std::int64_t conversation_id = 0;
    Moment at;
    std::string text; // the person's message: empty when Samantha spoke first, "[forgotten]"
                      // when the person had it erased
    std::string reply;
    Language language = Language::English;
    std::string emotion; // the person's, as Samantha perceived it
};

// A conversation: turns from one opening of the app (or one connection) to the next.
struct ConversationInfo {
    std::int64_t id = 0;
    std::chrono::sys_seconds started_at{};
    std::chrono::sys_seconds last_turn_at{};
    std::int64_t turns = 0;
};

} // namespace samantha
