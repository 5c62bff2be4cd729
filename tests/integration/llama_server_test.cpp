// The OpenAI-compatible backend against a real peer: llama.cpp's own llama-server, built from the
// same tree, serving the tiny test model on 127.0.0.1.
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <samantha/language_model.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/fake_clock.h"
#include "tools/tiny_model.h"

namespace samantha {
namespace {

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// GET /health until it answers 200 or the deadline passes.
bool healthy(int port, std::chrono::seconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<uint16_t>(port));
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
            const std::string request =
                "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
            char buffer[64] = {};
            const auto n = ::recv(fd, buffer, sizeof buffer - 1, 0);
            ::close(fd);
            if (n > 0 && std::string(buffer).find(" 200 ") != std::string::npos) {
                return true;
            }
        } else {
            ::close(fd);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

TEST(LlamaServer, TheOpenAiBackendTalksToARealLlamaServer) {
    const std::string server = std::string(SAMANTHA_LLAMA_VOCAB_DIR) + "/bin/llama-server";
    if (!std::filesystem::exists(server)) {
        GTEST_SKIP() << "llama-server is not built (tools/build_llama.sh builds it)";
    }
    testing::TempDir dir;
    const std::string model = dir.path() + "/tiny.gguf";
    ASSERT_EQ(testing::write_tiny_model(
                  model, std::string(SAMANTHA_LLAMA_VOCAB_DIR) + "/ggml-vocab-qwen2.gguf", {}, 3),
              "");
    const int port = free_port();
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        const std::string port_text = std::to_string(port);
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        execl(server.c_str(),
              "llama-server",
              "-m",
              model.c_str(),
              "--host",
              "127.0.0.1",
              "--port",
              port_text.c_str(),
              "-t",
              "2",
              "-c",
              "1024",
              "--no-webui",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    const bool up = healthy(port, std::chrono::seconds(60));
    if (up) {
        auto client = make_openai_language_model(
            OpenAiConfig{.url = "http://127.0.0.1:" + std::to_string(port), .model = "tiny"});
        ASSERT_TRUE(client);
        GenerationRequest request{
            .messages = {ChatMessage{.role = ChatMessage::Role::System,
                                     .content = "You are Samantha."},
                         ChatMessage{.role = ChatMessage::Role::User, .content = "안녕하세요!"}},
            .sampling = {},
            .json_schema = {},
            .session = {}};
        request.sampling.max_tokens = 16;
        int pieces = 0;
        auto result = (*client)->generate(request,
                                          [&](std::string_view) {
                                              ++pieces;
                                              return true;
                                          },
                                          {});
        EXPECT_TRUE(result) << result.error().message;
        if (result) {
            EXPECT_GT(pieces, 0);
            EXPECT_FALSE(result->text.empty());
        }
    }
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(up) << "llama-server did not become healthy on port " << port;
}

} // namespace
} // namespace samantha
