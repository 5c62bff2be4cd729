#pragma once

#include <functional>
#include <string>

#include <samantha/engine.h>

#include "server/state.h"
#include "server/workers.h"

// One turn as a stream of protocol messages (docs/protocol.md): text deltas, expression, audio and
// visemes, then reply, proactive or quiet (or error). Shared by the WebSocket and the MQTT bridge.
namespace samantha::server {

// How a turn is streamed.
struct TurnOptions {
    bool voice = false;     // speak the reply: audio, visemes and timed expressions
    bool proactive = false; // time passing with the person present: Samantha may speak first
};

// Receives each message (JSON text), on the worker's thread, in order.
using Emit = std::function<void(std::string message)>;

// Runs one turn and records its duration (and a failure) in `metrics`.
Result<TurnOutput> timed_turn(Conversation& conversation, const TurnInput& input, Metrics& metrics);

// Runs `person`'s turn on the calling worker and emits its messages; records it in `metrics`.
void stream_turn(Conversations& conversations,
                 const std::string& person,
                 TurnInput input,
                 const TurnOptions& options,
                 Metrics& metrics,
                 const Emit& emit);

// {"type": "error", "error": {"code", "message"}}.
std::string error_message(const std::string& code, const std::string& message);

// An expression message for `emotion` at `intensity`; `start_ms` < 0 leaves the time out.
std::string expression_message(const std::string& emotion, float intensity, double start_ms);

} // namespace samantha::server
