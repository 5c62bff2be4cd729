#pragma once

// A small OpenAI-compatible server on 127.0.0.1 for tests: it answers POSTs to
// /v1/chat/completions from a script of behaviours (stream these pieces, fail with a status, cut
// the stream, send garbage) and records what it was asked. Loopback only; one connection at a time.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace samantha::testing {

// What the server does with one request.
struct Behaviour {
    enum class Kind { Stream, Status, Cut, Garbage, File, Truncated };
    Kind kind = Kind::Stream;
    std::vector<std::string> pieces; // Stream and Cut: the delta contents sent as SSE events
    int status = 200;                // Status: the HTTP status
    std::string body; // Status: the body; File and Truncated: the file (File honours Range)
};

// A request the server received.
struct Received {
    std::string request_line;
    std::string headers;
    std::string body;
};

class FakeOpenAiServer {
public:
    FakeOpenAiServer();
    ~FakeOpenAiServer();
    FakeOpenAiServer(const FakeOpenAiServer&) = delete;
    FakeOpenAiServer& operator=(const FakeOpenAiServer&) = delete;

    // The base URL, e.g. "http://127.0.0.1:41234".
    std::string url() const;

    // Queues what the next requests get; with an empty queue the server streams "Hello!".
    void script(std::vector<Behaviour> behaviours);

    // Every answer waits this long first (a slow model).
    void set_delay(std::chrono::milliseconds delay) {
        m_delay_ms = static_cast<int>(delay.count());
    }

    // While held, a streamed answer stops after its first piece until release(): a test can see
    // what a client receives while the model is still writing.
    void hold();
    void release();

    // Everything received so far.
    std::vector<Received> received() const;

private:
    void serve(const std::stop_token& stop);
    void answer(int client, const Behaviour& behaviour);

    std::atomic<int> m_delay_ms{0};
    std::condition_variable m_released;
    bool m_held = false; // guarded by m_mutex
    int m_listener = -1;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::deque<Behaviour> m_script;   // guarded by m_mutex
    std::vector<Received> m_received; // guarded by m_mutex
    std::jthread m_thread;            // last: starts after the members it uses
};

} // namespace samantha::testing
