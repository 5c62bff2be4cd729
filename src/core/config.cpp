// The only place that reads the environment (STYLE.md §9).
#include <cstdlib>

#include <samantha/config.h>

namespace samantha {

namespace {

const char* env(const char* name) {
    const char* value = std::getenv(name); // NOLINT(concurrency-mt-unsafe): read once at startup
    return value != nullptr && *value != '\0' ? value : nullptr;
}

} // namespace

std::filesystem::path default_data_dir() {
    if (const char* dir = env("SAMANTHA_DATA_DIR")) {
        return dir;
    }
    if (const char* xdg = env("XDG_DATA_HOME")) {
        return std::filesystem::path(xdg) / "samantha";
    }
    if (const char* home = env("HOME")) {
        return std::filesystem::path(home) / ".local" / "share" / "samantha";
    }
    return std::filesystem::path(".samantha");
}

Result<Config> config_from_environment() {
    Config config;
    config.data_dir = default_data_dir();
    if (const char* key = env("SAMANTHA_DB_KEY")) {
        config.db_key = key;
    }
    if (const char* user = env("SAMANTHA_USER")) {
        config.user = user;
    }
    if (const char* persona = env("SAMANTHA_PERSONA")) {
        config.persona_file = persona;
    }
    if (const char* role = env("SAMANTHA_ROLE")) {
        const std::string name = role;
        if (name != "friend" && name != "family" && name != "partner") {
            return make_error(ErrorCode::InvalidArgument,
                              "SAMANTHA_ROLE: '" + name +
                                  "' is not one of friend, family, partner");
        }
        config.role = name;
    }
    if (const char* proactive = env("SAMANTHA_PROACTIVE")) {
        const std::string value = proactive;
        if (value != "on" && value != "off") {
            return make_error(ErrorCode::InvalidArgument,
                              "SAMANTHA_PROACTIVE: '" + value + "' is not on or off");
        }
        config.care.proactive = value == "on";
    }
    if (const char* line = env("SAMANTHA_CRISIS_LINE_EN")) {
        config.care.crisis_resource_en = line;
    }
    if (const char* line = env("SAMANTHA_CRISIS_LINE_KO")) {
        config.care.crisis_resource_ko = line;
    }
    for (const auto& [name, field] :
         {std::pair{"SAMANTHA_ABUSE_LINE_EN", &config.care.abuse_resource_en},
          std::pair{"SAMANTHA_ABUSE_LINE_KO", &config.care.abuse_resource_ko},
          std::pair{"SAMANTHA_EMERGENCY_LINE_EN", &config.care.emergency_resource_en},
          std::pair{"SAMANTHA_EMERGENCY_LINE_KO", &config.care.emergency_resource_ko}}) {
        if (const char* line = env(name)) {
            *field = line;
        }
    }
    if (const char* url = env("SAMANTHA_LLM_URL")) {
        config.llm.url = url;
        config.llm.brain = "openai";
    }
    if (const char* url = env("SAMANTHA_TTS_URL")) {
        config.voice.tts_url = url;
    }
    if (const char* voice = env("SAMANTHA_TTS_VOICE")) {
        config.voice.tts_voice = voice;
    }
    if (const char* model = env("SAMANTHA_LLM_MODEL")) {
        config.llm.model = model;
    }
    if (const char* key = env("SAMANTHA_LLM_API_KEY")) {
        config.llm.api_key = key;
    } else if (const char* openai = env("OPENAI_API_KEY")) {
        config.llm.api_key = openai;
    }
    if (const char* level = env("SAMANTHA_LOG_LEVEL")) {
        const std::string name = level;
        bool known = false;
        for (const LogLevel candidate : {LogLevel::Trace,
                                         LogLevel::Debug,
                                         LogLevel::Info,
                                         LogLevel::Warn,
                                         LogLevel::Error,
                                         LogLevel::Off}) {
            if (name == log_level_name(candidate)) {
                config.log_level = candidate;
                known = true;
            }
        }
        if (!known) {
            return make_error(ErrorCode::InvalidArgument,
                              "SAMANTHA_LOG_LEVEL: '" + name +
                                  "' is not one of trace, debug, info, warn, error, off");
        }
    }
    return config;
}

} // namespace samantha
