#pragma once

#include <cstdint>
#include <string>

namespace samantha::cli {

// Options of `samantha say`.
struct SayOptions {
    std::string text;
    std::string language; // "ko", "en", or empty: detected from the text
    std::string emotion = "neutral";
    float intensity = 1.0f;
    std::uint64_t seed = 1;
    bool plain = false;       // the humaniser off: one rate, uniform pauses
    std::string voice;        // an espeak-ng voice variant (e.g. f3, m2) overriding the persona's
    std::string out;          // the WAV file to write
    bool plan = false;        // print the plan as JSON
    std::string tts_url;      // an OpenAI-compatible /v1/audio/speech server instead of espeak-ng
    std::string tts_voice;    // that server's voice
    std::string persona_file; // the persona whose voice profile to use
};

// Runs `samantha say`. Returns the process exit code.
int run_say(const SayOptions& options);

// Runs `samantha voice analyze FILE`: prints the analysis as JSON. Returns the exit code.
int run_voice_analyze(const std::string& path);

} // namespace samantha::cli
