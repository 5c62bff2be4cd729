#pragma once

// One small HTTP client for every request Samantha sends: the OpenAI-compatible language model
// (server-sent events), the speech server, and model downloads (progress, resume). It adapts
// libcurl, whose header no other folder includes (STYLE.md §1).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

namespace samantha::http {

// The request methods Samantha sends.
enum class Method { Get, Post };

// Whether a redirect (3xx) is followed or returned as the answer.
enum class Redirects { Return, Follow };

// What becomes of the body of an error status (400 and above).
enum class ErrorBody {
    Deliver, // an error status is an answer like any other: its body is received as usual
    Drop,    // the transfer ends at the status line: the Response carries the status alone
};

// One request. The url is http:// or https:// (redirects too); headers are "Name: value" lines.
struct Request {
    Method method = Method::Get;
    std::string url;
    std::vector<std::string> headers;
    std::string body;                                 // sent with Post
    std::chrono::milliseconds connect_timeout{10000}; // 0 is libcurl's own, 300 s
    std::chrono::milliseconds timeout{0};             // the whole exchange; 0 is no limit
    // > 0 asks for the body from this byte on ("Range: bytes=N-"). A server that answers 200
    // without a Content-Range cannot resume: ErrorCode::Conflict.
    std::uint64_t resume_from = 0;
    Redirects redirects = Redirects::Return;
    ErrorBody error_body = ErrorBody::Deliver;
    std::size_t max_body_bytes = 0; // fetch() only: a larger body is TooLarge; 0 is no limit
};

// The answer to a request: its status (after redirects) and, from fetch(), its body.
struct Response {
    int status = 0;
    std::string body;
};

// Receives the body piece by piece as it arrives; the bytes are valid only during the call.
// Returning false cancels the transfer.
using BodySink = std::function<bool(std::string_view bytes)>;

// Told how far the body has come: bytes received in this response so far, and the number
// expected (its Content-Length, 0 when unknown). Returning false cancels the transfer.
using ProgressSink = std::function<bool(std::uint64_t received, std::uint64_t expected)>;

// Whether `url` starts with http:// or https://.
bool is_http_url(std::string_view url);

// "GET" or "POST".
const char* method_name(Method method);

// Sends `request` on the calling thread and returns the whole answer, whatever its status (see
// ErrorBody). Any number of threads may send at once; each call has its own connection. Errors name
// the request and why it failed ("http: POST http://…/v1/chat/completions: connection refused"):
// - InvalidArgument: the url is not http(s), or the server's answer could not be used (cut
//   short, malformed, failed TLS verification, too many redirects);
// - Unavailable: the server could not be reached, or it dropped the connection (refused,
//   unknown host, reset, an empty reply): sending it again later may succeed;
// - Timeout: connect_timeout or timeout ran out;
// - Cancelled: `stop` was requested, or a sink returned false;
// - TooLarge: the body exceeds max_body_bytes;
// - Conflict: resume_from was asked for and the server cannot resume;
// - Internal: libcurl could not start.
Result<Response> fetch(const Request& request, std::stop_token stop);

// Like fetch(), but hands the body to `on_body` as it arrives (Response::body stays empty; an
// empty on_body collects it as fetch() does, without a limit) and, when given, reports progress
// to `on_progress`. Both are called on the calling thread.
Result<Response> stream(const Request& request,
                        const BodySink& on_body,
                        std::stop_token stop,
                        const ProgressSink& on_progress = {});

} // namespace samantha::http
