#pragma once

#include <string>

namespace samantha::cli {

// Options of `samantha device`, the reference device (docs/protocol.md).
struct DeviceOptions {
    std::string url = "ws://127.0.0.1:8080/v1/ws";
    std::string token;     // the person's bearer token (or SAMANTHA_TOKEN)
    std::string out_dir;   // where each reply's audio is saved as WAV; empty: no speaker
    bool presence = false; // announce presence first (Samantha may speak first)
};

// Connects, says hello, sends each stdin line as a message and prints what comes back: text,
// expressions (emotion, action units, gaze, gesture), replies; saves audio. Returns the exit code.
int run_device(const DeviceOptions& options);

} // namespace samantha::cli
