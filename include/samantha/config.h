#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <samantha/log.h>
#include <samantha/result.h>

namespace samantha {

// Limits on what one message may be. Anything larger is refused with ErrorCode::TooLarge.
struct InputLimits {
    std::size_t max_text_bytes = 16 * 1024;
    std::size_t max_line_bytes = 64 * 1024;
};

// The default quiet hours: no proactive messages from 23:00 to 08:00 local time (docs/care.md).
inline constexpr int default_quiet_start_hour = 23;
inline constexpr int default_quiet_end_hour = 8;

// How Samantha may reach out first, and where she points in a crisis (docs/care.md).
struct CareConfig {
    bool proactive = true; // speak first when time passes (chat); --no-proactive turns it off
    int quiet_start_hour = default_quiet_start_hour; // no proactive messages from this hour …
    int quiet_end_hour = default_quiet_end_hour;     // … until this one (may wrap midnight)
    int max_proactive_per_day = 3;
    // The crisis line Samantha gives, per language; other locales set their own.
    std::string crisis_resource_en =
        "988 (Suicide & Crisis Lifeline in the US, call or text, 24/7)";
    std::string crisis_resource_ko = "109 (자살예방상담전화, 24시간)";
    // For someone who is being hurt (abuse) or who may hurt someone else, per language.
    std::string abuse_resource_en = "911 if you are in danger now, or 1-800-799-7233 (National "
                                    "Domestic Violence Hotline, 24/7)";
    std::string abuse_resource_ko = "112 (위험할 때) 또는 1366 (여성긴급전화, 24시간)";
    std::string emergency_resource_en = "911 (emergency), or 988 to talk it through first";
    std::string emergency_resource_ko = "112 (긴급), 또는 먼저 이야기하려면 109";
};

// Which brain writes Samantha's words (docs/persona.md; #4).
struct LlmConfig {
    std::string brain = "builtin"; // builtin | openai | llama
    std::string url;               // --llm-url: an OpenAI-compatible server
    std::string model;             // --llm-model
    std::string api_key;           // SAMANTHA_LLM_API_KEY, else OPENAI_API_KEY; never logged
    std::string model_path;        // --model: a GGUF file for the embedded llama.cpp brain
    int threads = 0;               // llama.cpp threads; 0: the machine's cores (at most 8)
    bool perception = true;        // the model also reads each message for facts, events, emotion
    int timeout_ms = 60000;
};

// Samantha's voice (docs/prosody.md): off unless asked for (chat --voice-dir, say).
struct VoiceConfig {
    bool enabled = false;
    bool humanised = true; // false: --plain (one rate, uniform pauses)
    std::string tts_url;   // an OpenAI-compatible /v1/audio/speech server; empty: espeak-ng
    std::string tts_model = "tts-1";
    std::string tts_voice = "alloy";
    int sample_rate_hz = 22050;
};

// Everything Samantha is configured with. Every field has a working default, so an empty Config
// starts Samantha on SQLite under the default data directory with the built-in persona.
// Sources, later wins: defaults < SAMANTHA_* environment < command-line flags.
struct Config {
    // Where the database lives. Default: $SAMANTHA_DATA_DIR, else $XDG_DATA_HOME/samantha,
    // else ~/.local/share/samantha.
    std::filesystem::path data_dir;
    // A persona TOML file (docs/persona.md); empty means the built-in Samantha.
    std::filesystem::path persona_file;
    // The person talking when none is named (--user).
    std::string user = "me";
    // The relationship's role (friend, family, partner); empty means the persona's.
    std::string role;
    CareConfig care;
    LlmConfig llm;
    VoiceConfig voice;
    InputLimits limits;
    LogLevel log_level = LogLevel::Warn;
    // The key that encrypts the database at rest (SQLCipher; SAMANTHA_DB_KEY). Empty: unencrypted.
    // Never logged. A database is created with or without a key and must always be opened the same
    // way (docs/memory.md, "Encryption at rest").
    std::string db_key;
};

// The default data directory from the environment (see Config::data_dir).
std::filesystem::path default_data_dir();

// A Config filled from defaults and SAMANTHA_* environment variables (SAMANTHA_DATA_DIR,
// SAMANTHA_USER, SAMANTHA_PERSONA, SAMANTHA_LOG_LEVEL, SAMANTHA_ROLE, SAMANTHA_PROACTIVE (on|off),
// SAMANTHA_CRISIS_LINE_EN, SAMANTHA_CRISIS_LINE_KO, SAMANTHA_LLM_URL, SAMANTHA_LLM_MODEL,
// SAMANTHA_LLM_API_KEY or OPENAI_API_KEY, SAMANTHA_TTS_URL, SAMANTHA_TTS_VOICE, SAMANTHA_DB_KEY).
// Fails with InvalidArgument naming the variable when a value is malformed.
Result<Config> config_from_environment();

} // namespace samantha
