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

namespace samantha::cli {

// Options of `samantha transcribe`.
struct TranscribeOptions {
    std::string file;              // a WAV file
    std::string language = "auto"; // auto, en or ko
    bool json = false;             // {"text", "language", "segments"} instead of the text
    std::string asr = "auto";      // auto, whisper, pocketsphinx or http
    std::string asr_model;         // a whisper model file
    std::string asr_url;           // an OpenAI-compatible transcription server
    std::string data_dir;          // where pulled whisper models are
};

// Runs `samantha transcribe FILE`: 0, or 1 with one line on stderr saying what went wrong.
int run_transcribe(const TranscribeOptions& options);

} // namespace samantha::cli
