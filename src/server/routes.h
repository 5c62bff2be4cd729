#pragma once

#include <functional>
#include <optional>
#include <string>

#include <samantha/engine.h>

#include "server/state.h"

// The REST API (docs/protocol.md, openapi.json): plain requests in, answers out; no sockets here.
namespace samantha::server {

// An HTTP request, as the routes see it.
struct Request {
    std::string method; // "GET", "POST", …
    std::string target; // path and query
    std::string authorization;
    std::string body;
};

// An HTTP answer, or one piece of a streamed one.
struct Answer {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
    // A piece of an answer sent as it is written (server-sent events, chunked): the first piece's
    // status and type start it, each piece's body follows, and a piece without `more` ends it.
    bool more = false;
};

// Delivers an answer computed on a worker; callable from any thread, once (or, for a streamed
// answer, once per piece, in order).
using Reply = std::function<void(Answer)>;

// The HTTP status of an error code (the one place that maps them, STYLE.md §4).
unsigned http_status(ErrorCode code);

// {"error": {"code", "message"}} with the status for `code`.
Answer error_answer(ErrorCode code, const std::string& message);

// The same with an explicit status and wire code (413 too_large, 429 rate_limited, …).
Answer error_answer(unsigned status, const std::string& code, const std::string& message);

// A message to Samantha, validated: {"text": string, "at"?: ISO-8601, "voice"?: bool}, or why not
// (a wire code: invalid_utf8, invalid_json, invalid_field, unknown_field; and a message).
struct MessageRequest {
    TurnInput input;
    bool voice = false;     // WebSocket: stream speech too
    std::string error_code; // empty when the message is valid
    std::string error;
};

// Parses a message body; `allow_type` admits the WebSocket's "type" field.
MessageRequest parse_message(const std::string& body, bool allow_type);

// The person a bearer header names, or an answer to send instead (401 or 429).
std::variant<std::string, Answer> authenticate(Shared& shared, const std::string& authorization);

// Routes one request: returns the answer at once, or queues a job that will call `reply` and
// returns nothing.
std::optional<Answer> route(Shared& shared, const Request& request, const Reply& reply);

} // namespace samantha::server
