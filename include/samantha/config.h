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
    InputLimits limits;
    LogLevel log_level = LogLevel::Warn;
};

// The default data directory from the environment (see Config::data_dir).
std::filesystem::path default_data_dir();

// A Config filled from defaults and SAMANTHA_* environment variables (SAMANTHA_DATA_DIR,
// SAMANTHA_USER, SAMANTHA_PERSONA, SAMANTHA_LOG_LEVEL). Fails with InvalidArgument naming the
// variable when a value is malformed.
Result<Config> config_from_environment();

} // namespace samantha
