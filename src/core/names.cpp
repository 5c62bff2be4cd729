// Wire names of the public enums in <samantha/types.h> and <samantha/result.h>.
#include <samantha/result.h>
#include <samantha/types.h>

#include "core/random.h"

namespace samantha {

const char* error_code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidArgument:
        return "invalid_argument";
    case ErrorCode::NotFound:
        return "not_found";
    case ErrorCode::TooLarge:
        return "too_large";
    case ErrorCode::Conflict:
        return "conflict";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::Unavailable:
        return "unavailable";
    case ErrorCode::Busy:
        return "busy";
    case ErrorCode::Timeout:
        return "timeout";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::Storage:
        return "storage";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Internal:
        return "internal";
    }
    return "internal";
}

const char* language_code(Language language) {
    return language == Language::Korean ? "ko" : "en";
}

const char* speech_level_name(SpeechLevel level) {
    return level == SpeechLevel::Casual ? "casual" : "polite";
}

const char* emotion_label_name(EmotionLabel label) {
    switch (label) {
    case EmotionLabel::Neutral:
        return "neutral";
    case EmotionLabel::Joy:
        return "joy";
    case EmotionLabel::Excitement:
        return "excitement";
    case EmotionLabel::Gratitude:
        return "gratitude";
    case EmotionLabel::Affection:
        return "affection";
    case EmotionLabel::Sadness:
        return "sadness";
    case EmotionLabel::Loneliness:
        return "loneliness";
    case EmotionLabel::Anger:
        return "anger";
    case EmotionLabel::Anxiety:
        return "anxiety";
    case EmotionLabel::Tiredness:
        return "tiredness";
    case EmotionLabel::Surprise:
        return "surprise";
    case EmotionLabel::Disgust:
        return "disgust";
    }
    return "neutral";
}

const char* memory_kind_name(MemoryKind kind) {
    switch (kind) {
    case MemoryKind::Fact:
        return "fact";
    case MemoryKind::Event:
        return "event";
    case MemoryKind::Episode:
        return "episode";
    }
    return "episode";
}

namespace core {

std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b) {
    Rng rng(a * 0x100000001B3ULL ^ (b + 0xCBF29CE484222325ULL));
    return rng.next();
}

} // namespace core

} // namespace samantha
