#include "http/openai.h"

#include <gtest/gtest.h>

namespace samantha::http {
namespace {

struct Case {
    std::string base_url;
    std::string path;
    std::string endpoint;
};

TEST(OpenAiEndpoint, FollowsFromTheBaseUrl) {
    const std::string gemini = "https://generativelanguage.googleapis.com/v1beta/openai";
    const std::vector<Case> cases = {
        // A server gets the /v1 root.
        {"http://127.0.0.1:8080", "chat/completions", "http://127.0.0.1:8080/v1/chat/completions"},
        {"http://127.0.0.1:8880/", "audio/speech", "http://127.0.0.1:8880/v1/audio/speech"},
        // An API root is kept, with or without its slashes.
        {"https://api.openai.com/v1",
         "chat/completions",
         "https://api.openai.com/v1/chat/completions"},
        {"http://localhost:11434/v1//", "audio/speech", "http://localhost:11434/v1/audio/speech"},
        // Gemini's root serves speech as well as chat.
        {gemini + "/", "chat/completions", gemini + "/chat/completions"},
        {gemini, "audio/speech", gemini + "/audio/speech"},
        // A full endpoint is left as it is.
        {"http://h/v1/chat/completions", "chat/completions", "http://h/v1/chat/completions"},
        {"http://h/custom/audio/speech/", "audio/speech", "http://h/custom/audio/speech"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(openai_endpoint(c.base_url, c.path), c.endpoint) << c.base_url;
    }
}

TEST(OpenAiHeaders, CarryTheKeyOnlyWhenThereIsOne) {
    EXPECT_EQ(openai_json_headers(""), std::vector<std::string>{"Content-Type: application/json"});
    EXPECT_EQ(
        openai_json_headers("k-1"),
        (std::vector<std::string>{"Content-Type: application/json", "Authorization: Bearer k-1"}));
}

} // namespace
} // namespace samantha::http
