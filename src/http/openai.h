#pragma once

// Where an OpenAI-compatible server's endpoints are, and the headers it expects: one place for
// the language model (/chat/completions) and the speech server (/audio/speech).

#include <string>
#include <string_view>
#include <vector>

namespace samantha::http {

// The URL of `path` ("chat/completions", "audio/speech") on the OpenAI-compatible server at
// `base_url`, which may be the server ("http://127.0.0.1:8080"), its API root (".../v1", or
// Gemini's ".../v1beta/openai"), or the endpoint itself. Trailing slashes are ignored:
//   http://h:8080          → http://h:8080/v1/chat/completions
//   http://h:8080/v1/      → http://h:8080/v1/chat/completions
//   https://g/v1beta/openai → https://g/v1beta/openai/chat/completions
//   http://h/v1/chat/completions → unchanged
std::string openai_endpoint(std::string base_url, std::string_view path);

// The headers of a JSON request to such a server: Content-Type, and Authorization with a bearer
// token when `api_key` is not empty.
std::vector<std::string> openai_json_headers(const std::string& api_key);

} // namespace samantha::http
