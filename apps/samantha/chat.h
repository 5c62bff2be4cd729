#pragma once

#include <optional>
#include <string>

#include <samantha/engine.h>

namespace samantha::cli {

// Options of `samantha chat`.
struct ChatOptions {
    std::string user;
    std::optional<Moment> now; // --now
    bool jsonl = false;
    std::string voice_dir; // --voice-dir: each reply's speech as a WAV here (and played, in a tty)
};

// Runs the JSON-lines machine contract on stdin/stdout: one output line per input line, flushed.
int run_jsonl(Engine& engine, const ChatOptions& options, const Config& config);

// Runs the interactive terminal chat (line editing, /commands), or plain line-by-line replies
// when stdin is not a terminal.
int run_interactive(Engine& engine, const ChatOptions& options, const Config& config);

} // namespace samantha::cli
