// The HTTP client (src/http/) against the loopback fake server: requests as sent, bodies whole or
// streamed, error statuses, resume, limits, cancelling, and errors that name what failed.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/fake_openai_server.h"
#include "http/client.h"

namespace samantha::http {
namespace {

using testing::Behaviour;
using testing::FakeOpenAiServer;

std::string payload() {
    std::string data;
    for (int i = 0; i < 100000; ++i) {
        data += static_cast<char>('a' + i % 26);
    }
    return data;
}

TEST(HttpClient, SendsTheRequestAsGivenAndReturnsTheAnswer) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = "the answer"}});
    auto response = fetch(Request{.method = Method::Post,
                                  .url = server.url() + "/v1/things",
                                  .headers = {"Content-Type: application/json", "X-Test: 1"},
                                  .body = R"({"q": "안녕"})"},
                          {});
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "the answer");
    const auto received = server.received();
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].request_line, "POST /v1/things HTTP/1.1");
    EXPECT_NE(received[0].headers.find("X-Test: 1"), std::string::npos) << received[0].headers;
    EXPECT_NE(received[0].headers.find("Content-Type: application/json"), std::string::npos);
    EXPECT_EQ(received[0].body, R"({"q": "안녕"})");
}

TEST(HttpClient, StreamsTheBodyAsItArrivesWithProgress) {
    FakeOpenAiServer server;
    const std::string file = payload();
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = file}});
    std::string got;
    std::uint64_t last = 0;
    std::uint64_t expected = 0;
    auto response = stream(
        Request{.url = server.url() + "/f"},
        [&](std::string_view bytes) {
            got += bytes;
            return true;
        },
        {},
        [&](std::uint64_t received, std::uint64_t whole) {
            last = received;
            expected = whole;
            return true;
        });
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(response->body.empty());
    EXPECT_TRUE(got == file);
    EXPECT_EQ(last, file.size());
    EXPECT_EQ(expected, file.size());
    EXPECT_EQ(server.received()[0].request_line, "GET /f HTTP/1.1");
}

TEST(HttpClient, AnErrorStatusIsAnAnswerOrDroppedOnRequest) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Status, .status = 503, .body = "busy"},
                   Behaviour{.kind = Behaviour::Kind::Status, .status = 404, .body = "gone"}});
    auto delivered = fetch(Request{.url = server.url() + "/a"}, {});
    ASSERT_TRUE(delivered) << delivered.error().message;
    EXPECT_EQ(delivered->status, 503);
    EXPECT_EQ(delivered->body, "busy");
    bool called = false;
    auto dropped = stream(Request{.url = server.url() + "/b", .error_body = ErrorBody::Drop},
                          [&](std::string_view) {
                              called = true;
                              return true;
                          },
                          {});
    ASSERT_TRUE(dropped) << dropped.error().message;
    EXPECT_EQ(dropped->status, 404);
    EXPECT_FALSE(called) << "the body of a dropped error status reaches nobody";
}

TEST(HttpClient, ResumesFromAByte) {
    FakeOpenAiServer server;
    const std::string file = payload();
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = file}});
    auto response = fetch(Request{.url = server.url() + "/f", .resume_from = 1000}, {});
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 206);
    EXPECT_TRUE(response->body == file.substr(1000));
    EXPECT_NE(server.received()[0].headers.find("Range: bytes=1000-"), std::string::npos);
}

TEST(HttpClient, AReceiverOrALimitEndsTheTransfer) {
    FakeOpenAiServer server;
    const std::string file = payload();
    server.script({Behaviour{.kind = Behaviour::Kind::File, .body = file},
                   Behaviour{.kind = Behaviour::Kind::File, .body = file}});
    auto declined =
        stream(Request{.url = server.url() + "/f"}, [](std::string_view) { return false; }, {});
    ASSERT_FALSE(declined);
    EXPECT_EQ(declined.error().code, ErrorCode::Cancelled);
    auto large = fetch(Request{.url = server.url() + "/f", .max_body_bytes = 1000}, {});
    ASSERT_FALSE(large);
    EXPECT_EQ(large.error().code, ErrorCode::TooLarge);
    EXPECT_NE(large.error().message.find("larger than 1000 bytes"), std::string::npos)
        << large.error().message;
}

TEST(HttpClient, ARefusedConnectionNamesTheRequest) {
    std::string url;
    {
        FakeOpenAiServer closed;
        url = closed.url() + "/v1/chat/completions";
    }
    auto response = fetch(Request{.method = Method::Post, .url = url, .body = "{}"}, {});
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(response.error().message, "http: POST " + url + ": connection refused");
}

TEST(HttpClient, ACutOrForeignAnswerIsNotUsable) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Truncated, .body = payload()}});
    auto cut = fetch(Request{.url = server.url() + "/f"}, {});
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().code, ErrorCode::InvalidArgument) << cut.error().message;
    auto ftp = fetch(Request{.url = "ftp://127.0.0.1/f"}, {});
    ASSERT_FALSE(ftp);
    EXPECT_EQ(ftp.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(server.received().size(), 1U);
}

TEST(HttpClient, ASlowServerTimesOut) {
    FakeOpenAiServer server;
    server.set_delay(std::chrono::milliseconds(1500));
    auto response =
        fetch(Request{.url = server.url() + "/f", .timeout = std::chrono::milliseconds(200)}, {});
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::Timeout) << response.error().message;
}

TEST(HttpClient, AStopRequestCancelsBeforeAndDuring) {
    FakeOpenAiServer server;
    std::stop_source stopped;
    stopped.request_stop();
    auto before = fetch(Request{.url = server.url() + "/f"}, stopped.get_token());
    ASSERT_FALSE(before);
    EXPECT_EQ(before.error().code, ErrorCode::Cancelled);
    EXPECT_TRUE(server.received().empty()) << "nothing is sent after a stop";
    // While the server is silent, the stop is seen within about a second.
    server.set_delay(std::chrono::milliseconds(3000));
    std::stop_source source;
    const auto started = std::chrono::steady_clock::now();
    std::jthread stopper([source]() mutable {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        source.request_stop();
    });
    auto during = fetch(Request{.url = server.url() + "/f"}, source.get_token());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(during);
    EXPECT_EQ(during.error().code, ErrorCode::Cancelled);
    EXPECT_LT(elapsed, std::chrono::milliseconds(2500));
}

} // namespace
} // namespace samantha::http
