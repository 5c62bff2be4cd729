#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/speech.h>
#include <samantha/types.h>

// Who Samantha is: names, self-description, temperament and voice (docs/persona.md).
namespace samantha::persona {

// Big Five traits (OCEAN), each in [0, 1].
struct BigFive {
    float openness = 0.5f;
    float conscientiousness = 0.5f;
    float extraversion = 0.5f;
    float agreeableness = 0.5f;
    float neuroticism = 0.5f;
};

// The voice the prosody planner starts from (<samantha/speech.h>).
using VoiceProfile = samantha::VoiceProfile;

// Text in both languages; `ko_casual` is the 반말 form, empty when it equals nothing special.
struct Bilingual {
    std::string en;
    std::string ko;
    std::string ko_casual;

    // The text for a language and speech level (falls back to the polite form).
    const std::string& get(Language language, SpeechLevel level) const {
        if (language == Language::English) {
            return en;
        }
        return level == SpeechLevel::Casual && !ko_casual.empty() ? ko_casual : ko;
    }
};

// A persona definition, immutable once loaded.
struct Persona {
    std::string id;
    std::string role = "friend";
    Bilingual name;
    Bilingual about;
    Bilingual nature;
    std::vector<std::string> traits_en;
    std::vector<std::string> traits_ko;
    std::vector<std::string> likes_en;
    std::vector<std::string> likes_ko;
    BigFive big_five;
    VoiceProfile voice;
};

// Parses a persona TOML document. InvalidArgument names the source, the key path and the
// problem (syntax errors with line and column; unknown keys; values out of range).
Result<Persona> parse_persona(std::string_view toml, std::string_view source);

// Reads and parses a persona file (Io when it cannot be read).
Result<Persona> load_persona(const std::filesystem::path& path);

// The built-in Samantha (personas/samantha.toml, embedded at build time).
std::shared_ptr<const Persona> builtin_persona();

} // namespace samantha::persona
