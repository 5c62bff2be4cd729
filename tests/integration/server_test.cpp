// samantha serve on a loopback ephemeral port, driven over HTTP (libcurl) and WebSocket (Beast):
// people and tokens, isolation between people, bad input, limits, slow clients, streamed turns.

#include "server/server.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/fake_clock.h"
#include "fakes/fake_openai_server.h"

namespace samantha {
namespace {

using Json = nlohmann::json;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

struct Http {
    long status = 0;
    std::string body;

    Json json() const { return Json::parse(body, nullptr, false); }

    std::string code() const {
        const Json j = json();
        return j.is_object() && j.contains("error") ? j["error"]["code"].get<std::string>() : "";
    }
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

class Serve : public ::testing::Test {
protected:
    void start(server::ServerConfig options = {}, Config config = {}) {
        config.data_dir = m_dir.path();
        options.port = 0;
        options.admin_token = "admin-secret";
        options.workers = options.workers > 0 ? options.workers : 2;
        auto opened = server::Server::open(config, options, m_clock, Logger{});
        ASSERT_TRUE(opened) << opened.error().message;
        m_server = std::move(*opened);
        m_port = m_server->port();
        m_thread = std::jthread([this] { m_server->run(); });
    }

    void TearDown() override {
        if (m_server) {
            m_server->stop();
        }
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }

    Http request(const std::string& method,
                 const std::string& path,
                 const std::string& token = {},
                 const std::string& body = {}) {
        Http out;
        CURL* curl = curl_easy_init();
        const std::string url = "http://127.0.0.1:" + std::to_string(m_port) + path;
        curl_slist* headers = nullptr;
        const std::string auth = "Authorization: Bearer " + token;
        if (!token.empty()) {
            headers = curl_slist_append(headers, auth.c_str());
        }
        headers = curl_slist_append(headers, "Content-Type: application/json");
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        if (!body.empty() || method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        }
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);
        if (curl_easy_perform(curl) == CURLE_OK) {
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
        }
        curl_slist_free_all(headers);
        curl_easy_cleanup(curl);
        return out;
    }

    // A new person's token.
    std::string person() {
        const Http created = request("POST", "/v1/people", "admin-secret");
        EXPECT_EQ(created.status, 201) << created.body;
        return created.json()["token"].get<std::string>();
    }

    Http say(const std::string& token, const std::string& text) {
        return request("POST", "/v1/messages", token, Json{{"text", text}}.dump());
    }

    testing::TempDir m_dir;
    std::shared_ptr<testing::FakeClock> m_clock = std::make_shared<testing::FakeClock>(
        testing::FakeClock::moment("2026-11-30T20:00:00+09:00"));
    std::unique_ptr<server::Server> m_server;
    std::jthread m_thread;
    int m_port = 0;
};

TEST_F(Serve, OnlyTheAdminCreatesPeopleAndTokensAreUnguessable) {
    start();
    EXPECT_EQ(request("GET", "/healthz").status, 200);
    EXPECT_EQ(request("POST", "/v1/people").status, 401);
    EXPECT_EQ(request("POST", "/v1/people", "wrong").code(), "forbidden");
    const Http a = request("POST", "/v1/people", "admin-secret");
    const Http b = request("POST", "/v1/people", "admin-secret");
    ASSERT_EQ(a.status, 201);
    const std::string token = a.json()["token"];
    EXPECT_EQ(token.size(), 64U); // 256 bits, hex
    EXPECT_NE(token, b.json()["token"].get<std::string>());
    EXPECT_NE(a.json()["id"], b.json()["id"]);
    // A person's token is not an admin token.
    EXPECT_EQ(request("POST", "/v1/people", token).status, 403);
    // Tokens are stored hashed: the database never holds the token itself.
    std::ifstream db(m_dir.path() + "/samantha.db", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(db)), {});
    EXPECT_EQ(bytes.find(token), std::string::npos);
    EXPECT_EQ(request("GET", "/v1/memories").status, 401);
    EXPECT_EQ(request("GET", "/v1/memories", "forged-token").code(), "unauthorized");
}

TEST_F(Serve, APersonNeverReachesAnotherPersonsData) {
    start();
    const std::string mina = person();
    const std::string jun = person();
    ASSERT_EQ(say(mina, "My name is Mina and my sister Emma lives in Busan.").status, 200);
    ASSERT_EQ(say(jun, "저는 준이에요. 우리 강아지 이름은 콩이에요.").status, 200);
    const Json minas = request("GET", "/v1/memories", mina).json()["memories"];
    const Json juns = request("GET", "/v1/memories", jun).json()["memories"];
    ASSERT_FALSE(minas.empty());
    ASSERT_FALSE(juns.empty());
    for (const auto& m : juns) {
        EXPECT_EQ(m["text"].get<std::string>().find("Emma"), std::string::npos);
        for (const auto& other : minas) {
            EXPECT_NE(m["id"], other["id"]);
        }
    }
    // Jun tries every one of Mina's memory ids: not found, and Mina keeps them all.
    for (const auto& m : minas) {
        const Http attempt =
            request("DELETE", "/v1/memories/" + std::to_string(m["id"].get<long long>()), jun);
        EXPECT_EQ(attempt.status, 404) << attempt.body;
    }
    EXPECT_EQ(request("GET", "/v1/memories", mina).json()["memories"].size(), minas.size());
    // Searching finds only one's own memories, best first.
    const Http mine = request("GET", "/v1/memories/search?q=sister%20in+Busan&limit=2", mina);
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_FALSE(mine.json()["results"].empty());
    EXPECT_LE(mine.json()["results"].size(), 2U);
    EXPECT_EQ(mine.json()["query"], "sister in Busan");
    EXPECT_NE(mine.json()["results"][0]["text"].get<std::string>().find("Emma"), std::string::npos);
    const Http theirs = request("GET", "/v1/memories/search?q=Emma%20Busan", jun);
    ASSERT_EQ(theirs.status, 200) << theirs.body;
    EXPECT_TRUE(theirs.json()["results"].empty());
    const Http korean =
        request("GET", "/v1/memories/search?q=%EA%B0%95%EC%95%84%EC%A7%80", jun); // 강아지
    ASSERT_EQ(korean.status, 200);
    ASSERT_FALSE(korean.json()["results"].empty());
    EXPECT_EQ(request("GET", "/v1/memories/search?q=", mina).code(), "invalid_field");
    EXPECT_EQ(request("GET", "/v1/memories/search?q=x&limit=0", mina).code(), "invalid_field");
    EXPECT_EQ(request("GET", "/v1/memories/search?q=x&limit=101", mina).code(), "invalid_field");
    EXPECT_EQ(request("GET", "/v1/memories/search?q=x").status, 401);
    // What Samantha says to Jun knows nothing of Mina.
    const Http asked = say(jun, "What do you remember about me?");
    ASSERT_EQ(asked.status, 200);
    EXPECT_EQ(asked.body.find("Emma"), std::string::npos);
    EXPECT_EQ(asked.body.find("Mina"), std::string::npos);
    // Mina can forget her own.
    const long long first = minas[0]["id"];
    EXPECT_EQ(request("DELETE", "/v1/memories/" + std::to_string(first), mina).status, 200);
    EXPECT_EQ(request("DELETE", "/v1/memories/" + std::to_string(first), mina).status, 404);
    EXPECT_EQ(request("GET", "/v1/me", mina).json()["id"].get<std::string>().substr(0, 2), "p_");
}

TEST_F(Serve, BadInputGetsAPreciseErrorAndTheRightStatus) {
    start();
    const std::string t = person();
    const Http malformed = request("POST", "/v1/messages", t, "{\"text\": ");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(malformed.code(), "invalid_json");
    EXPECT_EQ(request("POST", "/v1/messages", t, R"({"text": "hi", "mood": 1})").code(),
              "unknown_field");
    EXPECT_EQ(request("POST", "/v1/messages", t, R"({"text": 5})").code(), "invalid_field");
    EXPECT_EQ(request("POST", "/v1/messages", t, R"({})").code(), "invalid_field");
    EXPECT_EQ(request("POST", "/v1/messages", t, "[1, 2]").code(), "invalid_json");
    EXPECT_EQ(request("POST", "/v1/messages", t, "{\"text\": \"\xff\"}").code(), "invalid_utf8");
    const Http huge_text =
        request("POST", "/v1/messages", t, Json{{"text", std::string(20000, 'a')}}.dump());
    EXPECT_EQ(huge_text.status, 413);
    const Http huge_body = request("POST", "/v1/messages", t, std::string(100000, ' '));
    EXPECT_EQ(huge_body.status, 413);
    EXPECT_EQ(huge_body.code(), "too_large");
    ASSERT_EQ(
        request(
            "POST", "/v1/messages", t, R"({"text": "hello", "at": "2026-12-01T10:00:00+09:00"})")
            .status,
        200);
    const Http backwards = request(
        "POST", "/v1/messages", t, R"({"text": "hello", "at": "2026-11-01T10:00:00+09:00"})");
    EXPECT_EQ(backwards.status, 409);
    EXPECT_EQ(backwards.code(), "time_went_backwards");
    EXPECT_EQ(request("DELETE", "/v1/memories/abc", t).code(), "invalid_field");
    EXPECT_EQ(request("PUT", "/v1/messages", t).status, 405);
    EXPECT_EQ(request("GET", "/v1/nothing", t).status, 404);
    // The server still serves, and nothing was stored by the refused requests.
    EXPECT_EQ(request("GET", "/v1/me", t).json()["turns"], 1);
}

TEST_F(Serve, ARateLimitAnswers429) {
    server::ServerConfig options;
    options.requests_per_second = 1.0;
    options.burst = 5.0;
    start(options);
    const std::string t = person();
    int limited = 0;
    for (int i = 0; i < 12; ++i) {
        const Http h = request("GET", "/v1/me", t);
        limited += h.status == 429 ? 1 : 0;
        if (h.status == 429) {
            EXPECT_EQ(h.code(), "rate_limited");
        }
    }
    EXPECT_GE(limited, 5);
    // Another person is not limited by the first.
    EXPECT_EQ(request("GET", "/v1/me", person()).status, 200);
}

TEST_F(Serve, SlowAndHalfOpenClientsAreDropped) {
    server::ServerConfig options;
    options.header_timeout_ms = 300;
    start(options);
    // Ten clients connect and send half a request line, then nothing.
    std::vector<int> idle;
    for (int i = 0; i < 10; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(m_port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        ASSERT_GT(::send(fd, "GET /heal", 9, 0), 0);
        idle.push_back(fd);
    }
    // Others are served meanwhile.
    EXPECT_EQ(request("GET", "/healthz").status, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    for (const int fd : idle) {
        char c = 0;
        timeval tv{.tv_sec = 2, .tv_usec = 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        EXPECT_EQ(::recv(fd, &c, 1, 0), 0) << "the server kept a silent client";
        ::close(fd);
    }
}

class WsClient {
public:
    WsClient(int port, const std::string& token)
        : m_ws(m_io) {
        asio::ip::tcp::resolver resolver(m_io);
        asio::connect(m_ws.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)));
        m_ws.set_option(websocket::stream_base::decorator([token](websocket::request_type& r) {
            r.set(beast::http::field::authorization, "Bearer " + token);
        }));
        m_ws.handshake("127.0.0.1", "/v1/ws");
    }

    void send(const std::string& text) { m_ws.write(asio::buffer(text)); }

    Json receive() {
        beast::flat_buffer buffer;
        m_ws.read(buffer);
        return Json::parse(beast::buffers_to_string(buffer.data()));
    }

    // Messages until one of `type` (included).
    std::vector<Json> until(const std::string& type) {
        std::vector<Json> out;
        while (true) {
            out.push_back(receive());
            if (out.back()["type"] == type || out.back()["type"] == "error") {
                return out;
            }
        }
    }

private:
    asio::io_context m_io;
    websocket::stream<asio::ip::tcp::socket> m_ws;
};

TEST_F(Serve, AWebSocketTurnStreamsTextThenTheReply) {
    start();
    const std::string t = person();
    WsClient ws(m_port, t);
    ws.send(R"({"type": "message", "text": "Hi! My name is Mina."})");
    const auto messages = ws.until("reply");
    ASSERT_GE(messages.size(), 2U);
    EXPECT_EQ(messages.front()["type"], "text");
    const Json& reply = messages.back();
    ASSERT_EQ(reply["type"], "reply") << reply.dump();
    EXPECT_FALSE(reply["reply"].get<std::string>().empty());
    EXPECT_EQ(reply["brain"], "builtin");
    EXPECT_TRUE(reply.contains("companion"));
    EXPECT_TRUE(reply.contains("relationship"));
    // Bad messages get an error and the session goes on.
    ws.send("{not json");
    EXPECT_EQ(ws.receive()["error"]["code"], "invalid_json");
    ws.send(R"({"type": "message", "text": "hi", "extra": 1})");
    EXPECT_EQ(ws.receive()["error"]["code"], "unknown_field");
    ws.send(R"({"type": "ping"})");
    EXPECT_EQ(ws.receive()["type"], "pong");
    ws.send(R"({"type": "message", "text": "What do you remember about me?"})");
    EXPECT_NE(ws.until("reply").back()["reply"].get<std::string>().find("Mina"), std::string::npos);
}

TEST_F(Serve, ADeviceSaysHelloAndReceivesSpeechAndExpressions) {
    Config voiced;
    voiced.voice.enabled = true;
    start({}, voiced);
    const std::string t = person();
    WsClient robot(m_port, t);
    robot.send(R"({"type": "hello", "protocol": 1, "device": {"name": "desk robot"},
                   "capabilities": {"speaker": true, "microphone": false, "screen_face": true,
                                    "motors": ["head_pan", "head_tilt"]}})");
    const Json welcome = robot.receive();
    ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
    EXPECT_EQ(welcome["protocol"], 1);
    EXPECT_EQ(welcome["speech"], true);
    EXPECT_EQ(welcome["audio"]["encoding"], "pcm_s16le");
    robot.send(R"({"type": "message", "text": "I failed my exam today. I feel awful."})");
    const auto messages = robot.until("reply");
    int audio = 0;
    int visemes = 0;
    std::vector<Json> expressions;
    for (const auto& m : messages) {
        audio += m["type"] == "audio" ? 1 : 0;
        visemes += m["type"] == "visemes" ? 1 : 0;
        if (m["type"] == "expression") {
            expressions.push_back(m);
        }
        if (m["type"] == "audio") {
            EXPECT_EQ(m["sample_rate_hz"], 22050);
            EXPECT_GT(m["data"].get<std::string>().size(), 1000U);
        }
    }
    EXPECT_GE(audio, 1);
    EXPECT_EQ(audio, visemes);
    ASSERT_FALSE(expressions.empty());
    const Json& last = expressions.back();
    EXPECT_EQ(last["emotion"], "concern");
    EXPECT_EQ(last["ros4hri"], "WORRIED");
    ASSERT_FALSE(last["action_units"].empty());
    EXPECT_EQ(last["action_units"][0]["au"], 1); // inner brow raiser
    // Four days later the person walks in: Samantha may speak first.
    m_clock->advance(std::chrono::hours(24 * 4 - 8)); // 12:00 local, outside quiet hours
    robot.send(R"({"type": "presence", "present": true})");
    const auto greeting = robot.until("proactive");
    ASSERT_EQ(greeting.back()["type"], "proactive") << greeting.back().dump();
    EXPECT_FALSE(greeting.back()["reply"].get<std::string>().empty());
    EXPECT_EQ(greeting.back()["proactive"], true);
    robot.send(R"({"type": "presence"})");
    EXPECT_EQ(robot.receive()["error"]["code"], "invalid_field");
    robot.send(R"({"type": "audio", "data": ""})");
    EXPECT_EQ(robot.receive()["error"]["code"], "unsupported");
}

TEST_F(Serve, TheReferenceDevicePrintsExpressionsAndSavesTheAudio) {
    Config voiced;
    voiced.voice.enabled = true;
    start({}, voiced);
    const std::string t = person();
    const std::string out = m_dir.path() + "/device";
    std::filesystem::create_directories(out);
    const std::string input = m_dir.path() + "/device-input.txt";
    std::ofstream(input) << "Hi, I'm Mina!\nI failed my exam today.\n";
    const std::string command = std::string(SAMANTHA_BINARY) +
                                " device --url ws://127.0.0.1:" + std::to_string(m_port) +
                                "/v1/ws --token " + t + " --out " + out + " < " + input + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string printed;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        printed.append(buffer, n);
    }
    EXPECT_EQ(pclose(pipe), 0) << printed;
    EXPECT_NE(printed.find("[welcome]"), std::string::npos) << printed;
    EXPECT_NE(printed.find("[expression] concern"), std::string::npos) << printed;
    EXPECT_NE(printed.find("AU1:"), std::string::npos) << printed;
    EXPECT_NE(printed.find("[reply]"), std::string::npos) << printed;
    int wavs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        wavs += entry.path().extension() == ".wav" ? 1 : 0;
    }
    EXPECT_EQ(wavs, 2);
}

TEST_F(Serve, AnyOpenAiClientTalksToSamanthaAndGetsHerMemory) {
    start();
    const std::string t = person();
    EXPECT_EQ(request("GET", "/v1/models", t).json()["data"][0]["id"], "samantha");
    // A client resends the whole history; Samantha takes the last user message and remembers.
    const Http first = request("POST", "/v1/chat/completions", t, R"({"model": "samantha",
        "messages": [{"role": "system", "content": "You are helpful."},
                     {"role": "user", "content": "My name is Mina and I love jazz."}]})");
    ASSERT_EQ(first.status, 200) << first.body;
    const Json completion = first.json();
    EXPECT_EQ(completion["object"], "chat.completion");
    EXPECT_EQ(completion["choices"][0]["message"]["role"], "assistant");
    EXPECT_FALSE(completion["choices"][0]["message"]["content"].get<std::string>().empty());
    EXPECT_TRUE(completion["samantha"].contains("relationship"));
    const Http streamed = request("POST", "/v1/chat/completions", t, R"({"stream": true,
        "messages": [{"role": "user", "content": [{"type": "text", "text": "What do you remember about me?"}]}]})");
    ASSERT_EQ(streamed.status, 200) << streamed.body;
    EXPECT_EQ(streamed.body.rfind("data: [DONE]\n\n"), streamed.body.size() - 14);
    EXPECT_NE(streamed.body.find("chat.completion.chunk"), std::string::npos);
    EXPECT_NE(streamed.body.find("Mina"), std::string::npos) << streamed.body;
    EXPECT_EQ(request("POST", "/v1/chat/completions", t, R"({"messages": []})").code(),
              "invalid_field");
    EXPECT_EQ(request("POST", "/v1/chat/completions", t, "nope").code(), "invalid_json");
    EXPECT_EQ(request("POST", "/v1/chat/completions", "", "{}").status, 401);
}

// A real mosquitto broker on a free loopback port, for the MQTT bridge.
class Broker {
public:
    Broker() {
        const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        ::bind(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::getsockname(probe, reinterpret_cast<sockaddr*>(&addr), &length);
        port = ntohs(addr.sin_port);
        ::close(probe);
        m_pid = fork();
        if (m_pid == 0) {
            execlp("mosquitto", "mosquitto", "-p", std::to_string(port).c_str(), nullptr);
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }

    ~Broker() {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }

    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    int port = 0;

private:
    pid_t m_pid = -1;
};

// A small robot on MQTT: publishes to samantha/<id>/in, collects samantha/<id>/out.
class MqttDevice {
public:
    MqttDevice(int port, std::string id)
        : m_id(std::move(id)) {
        mosquitto_lib_init();
        m_client = mosquitto_new(nullptr, true, this);
        mosquitto_message_callback_set(
            m_client, [](mosquitto*, void* self, const mosquitto_message* m) {
                auto* d = static_cast<MqttDevice*>(self);
                const std::lock_guard lock(d->m_mutex);
                d->m_inbox.push_back(
                    Json::parse(std::string(static_cast<const char*>(m->payload),
                                            static_cast<std::size_t>(m->payloadlen))));
                d->m_ready.notify_all();
            });
        EXPECT_EQ(mosquitto_connect(m_client, "127.0.0.1", port, 30), MOSQ_ERR_SUCCESS);
        const std::string out = "samantha/" + m_id + "/out";
        mosquitto_subscribe(m_client, nullptr, out.c_str(), 1);
        mosquitto_loop_start(m_client);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }

    ~MqttDevice() {
        mosquitto_disconnect(m_client);
        mosquitto_loop_stop(m_client, true);
        mosquitto_destroy(m_client);
    }

    void send(const std::string& text) {
        const std::string in = "samantha/" + m_id + "/in";
        mosquitto_publish(
            m_client, nullptr, in.c_str(), static_cast<int>(text.size()), text.data(), 1, false);
    }

    // Messages until one of `type` or an error (at most 20 s).
    std::vector<Json> until(const std::string& type) {
        std::vector<Json> out;
        std::unique_lock lock(m_mutex);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (true) {
            if (!m_ready.wait_until(lock, deadline, [&] { return !m_inbox.empty(); })) {
                return out;
            }
            out.push_back(m_inbox.front());
            m_inbox.pop_front();
            if (out.back()["type"] == type || out.back()["type"] == "error") {
                return out;
            }
        }
    }

private:
    std::string m_id;
    mosquitto* m_client = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Json> m_inbox; // guarded by m_mutex
};

TEST_F(Serve, ARobotTalksThroughAnMqttBroker) {
    Broker broker;
    server::ServerConfig options;
    options.mqtt = "127.0.0.1:" + std::to_string(broker.port);
    Config voiced;
    voiced.voice.enabled = true;
    start(options, voiced);
    const std::string t = person();
    MqttDevice robot(broker.port, "robot1");
    robot.send(R"({"type": "message", "text": "hello"})");
    EXPECT_EQ(robot.until("welcome").back()["error"]["code"], "unauthorized");
    robot.send(R"({"type": "hello", "token": "forged"})");
    EXPECT_EQ(robot.until("welcome").back()["error"]["code"], "unauthorized");
    robot.send(Json{{"type", "hello"}, {"token", t}, {"capabilities", {{"speaker", true}}}}.dump());
    const Json welcome = robot.until("welcome").back();
    ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
    robot.send(R"({"type": "message", "text": "My dog Kong is sick and I'm worried."})");
    const auto turn = robot.until("reply");
    ASSERT_EQ(turn.back()["type"], "reply") << turn.back().dump();
    bool audio = false;
    bool expression = false;
    for (const auto& m : turn) {
        audio = audio || m["type"] == "audio";
        expression = expression || m["type"] == "expression";
    }
    EXPECT_TRUE(audio);
    EXPECT_TRUE(expression);
    // What the robot said was remembered for its person.
    const std::string ledger = request("GET", "/v1/memories", t).body;
    EXPECT_NE(ledger.find("Kong"), std::string::npos) << ledger;
    robot.send("{broken");
    EXPECT_EQ(robot.until("reply").back()["error"]["code"], "invalid_json");
}

TEST_F(Serve, ASlowBrainBacksUpIntoABoundedQueueThatAnswersBusy) {
    testing::FakeOpenAiServer slow_model;
    slow_model.set_delay(std::chrono::milliseconds(400));
    Config config;
    config.llm.brain = "openai";
    config.llm.url = slow_model.url();
    config.llm.perception = false;
    server::ServerConfig options;
    options.workers = 1;
    options.queue_depth = 2;
    start(options, config);
    std::vector<std::string> people;
    for (int i = 0; i < 8; ++i) {
        people.push_back(person());
    }
    std::vector<long> statuses(people.size());
    std::vector<std::string> codes(people.size());
    {
        std::vector<std::jthread> senders;
        for (std::size_t i = 0; i < people.size(); ++i) {
            senders.emplace_back([&, i] {
                const Http h = say(people[i], "Tell me something nice.");
                statuses[i] = h.status;
                codes[i] = h.code();
            });
        }
    }
    const auto count = [&](long status) {
        return std::count(statuses.begin(), statuses.end(), status);
    };
    EXPECT_GE(count(200), 1);
    EXPECT_GE(count(503), 4); // one running, two waiting: the rest are refused at once
    EXPECT_EQ(count(200) + count(503), static_cast<long>(people.size()));
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (statuses[i] == 503) {
            EXPECT_EQ(codes[i], "busy");
        }
    }
    EXPECT_NE(request("GET", "/metrics").body.find("samantha_busy_total"), std::string::npos);
    // Once the queue drains, the server answers again.
    EXPECT_EQ(say(people[0], "Are you there?").status, 200);
}

TEST_F(Serve, AWebSocketWithoutAValidTokenIsRefused) {
    start();
    EXPECT_THROW(WsClient(m_port, "forged"), beast::system_error);
}

TEST_F(Serve, TheLedgerCanBeCorrectedOnlyByItsOwner) {
    start();
    const std::string mina = person();
    const std::string jun = person();
    ASSERT_EQ(say(mina, "My name is Mina.").status, 200);
    ASSERT_EQ(say(mina, "I live in Busan.").status, 200);
    long long city = 0;
    const Json ledger = request("GET", "/v1/memories", mina).json();
    for (const auto& m : ledger["memories"]) {
        if (m.value("slot", "") == "city") {
            city = m["id"];
        }
    }
    ASSERT_NE(city, 0);
    const std::string path = "/v1/memories/" + std::to_string(city);
    // Jun cannot correct it, and learns nothing from trying.
    const Http theirs = request("PATCH", path, jun, R"({"text": "Seoul"})");
    EXPECT_EQ(theirs.status, 404);
    EXPECT_EQ(theirs.body.find("Busan"), std::string::npos);
    // Bad corrections: precise errors, nothing changed.
    EXPECT_EQ(request("PATCH", path, mina, R"({"text": 5})").code(), "invalid_field");
    EXPECT_EQ(request("PATCH", path, mina, R"({"txt": "Daegu"})").code(), "unknown_field");
    EXPECT_EQ(request("PATCH", path, mina, R"({})").code(), "invalid_field");
    EXPECT_EQ(request("PATCH", path, mina, R"({"date": "2026-13-01"})").code(), "invalid_field");
    EXPECT_EQ(request("PATCH", path, mina, R"({"date": "2026-12-01"})").code(), "invalid_field");
    EXPECT_EQ(request("PATCH", path, mina, R"({"text": "  "})").code(), "invalid_field");
    EXPECT_EQ(request("PATCH", path, mina, "{\"text\": ").code(), "invalid_json");
    EXPECT_EQ(request("PATCH", "/v1/memories/x1", mina, R"({"text": "a"})").code(),
              "invalid_field");
    const Http fixed = request("PATCH", path, mina, R"({"text": "Daegu"})");
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(fixed.json()["memory"]["value"], "Daegu");
    const Http recall = say(mina, "What do you remember about me?");
    EXPECT_NE(recall.body.find("Daegu"), std::string::npos) << recall.body;
}

TEST_F(Serve, SettingsAreThePersonsOwnAndValidated) {
    start();
    const std::string t = person();
    const Http defaults = request("GET", "/v1/settings", t);
    ASSERT_EQ(defaults.status, 200);
    EXPECT_EQ(defaults.json(),
              Json::parse(R"({"language": "auto", "role": "friend", "proactive": true,
                              "quiet_start_hour": 23, "quiet_end_hour": 8})"));
    for (const char* bad : {R"({"language": "fr"})",
                            R"({"role": "boss"})",
                            R"({"proactive": "yes"})",
                            R"({"quiet_start_hour": 24})",
                            R"({"quiet_end_hour": 7.5})",
                            R"({"volume": 3})",
                            "[]"}) {
        const Http refused = request("PATCH", "/v1/settings", t, bad);
        EXPECT_EQ(refused.status, 400) << bad << " → " << refused.body;
        EXPECT_FALSE(refused.code().empty()) << bad;
    }
    const Http changed = request("PATCH",
                                 "/v1/settings",
                                 t,
                                 R"({"language": "ko", "role": "family", "proactive": false,
                                     "quiet_start_hour": 22, "quiet_end_hour": 9})");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["language"], "ko");
    EXPECT_EQ(request("GET", "/v1/settings", t).json()["quiet_end_hour"], 9);
    EXPECT_EQ(request("GET", "/v1/me", t).json()["relationship"]["role"], "family");
    // Another person's settings are untouched.
    EXPECT_EQ(request("GET", "/v1/settings", person()).json()["role"], "friend");
    const Http persona = request("GET", "/v1/persona", t);
    ASSERT_EQ(persona.status, 200);
    EXPECT_EQ(persona.json()["name"]["en"], "Samantha");
    EXPECT_FALSE(persona.json()["name"]["ko"].get<std::string>().empty());
}

TEST_F(Serve, HistoryIsThePersonsOwnAndPages) {
    start();
    const std::string mina = person();
    const std::string jun = person();
    for (const char* text : {"Hello!", "I like tea.", "My sister is Emma.", "Good night."}) {
        ASSERT_EQ(say(mina, text).status, 200);
    }
    const Http page = request("GET", "/v1/history?limit=2", mina);
    ASSERT_EQ(page.status, 200) << page.body;
    ASSERT_EQ(page.json()["turns"].size(), 2U);
    EXPECT_EQ(page.json()["turns"][1]["text"], "Good night.");
    EXPECT_EQ(page.json()["more"], true);
    const long long oldest = page.json()["turns"][0]["id"];
    const Http rest = request("GET", "/v1/history?limit=10&before=" + std::to_string(oldest), mina);
    ASSERT_EQ(rest.json()["turns"].size(), 2U);
    EXPECT_EQ(rest.json()["turns"][0]["text"], "Hello!");
    EXPECT_EQ(rest.json()["more"], false);
    const Json conversations = request("GET", "/v1/conversations", mina).json()["conversations"];
    ASSERT_EQ(conversations.size(), 1U);
    EXPECT_EQ(conversations[0]["turns"], 4);
    // Jun sees none of it, even naming Mina's conversation.
    const std::string hers = std::to_string(conversations[0]["id"].get<long long>());
    EXPECT_TRUE(request("GET", "/v1/history?conversation=" + hers, jun).json()["turns"].empty());
    EXPECT_TRUE(request("GET", "/v1/conversations", jun).json()["conversations"].empty());
    EXPECT_EQ(request("GET", "/v1/history?limit=-1", mina).code(), "invalid_field");
    EXPECT_EQ(request("GET", "/v1/history?limit=100000", mina).code(), "invalid_field");
    EXPECT_EQ(request("GET", "/v1/history?before=abc", mina).code(), "invalid_field");
}

TEST_F(Serve, APersonCanEraseEverythingAboutThemselves) {
    start();
    const std::string mina = person();
    const std::string jun = person();
    ASSERT_EQ(say(mina, "My name is Mina and my sister Emma lives in Busan.").status, 200);
    ASSERT_EQ(say(jun, "My name is Jun.").status, 200);
    WsClient open_tab(m_port, mina);
    const Http erased = request("DELETE", "/v1/me", mina);
    ASSERT_EQ(erased.status, 200) << erased.body;
    // Her token no longer works, and a session she left open cannot bring her back.
    EXPECT_EQ(request("GET", "/v1/me", mina).status, 401);
    EXPECT_EQ(request("GET", "/v1/memories", mina).status, 401);
    open_tab.send(R"({"type": "message", "text": "Are you still there?"})");
    const auto answer = open_tab.until("reply");
    EXPECT_EQ(answer.back()["type"], "error");
    EXPECT_EQ(answer.back()["error"]["code"], "not_found");
    // Jun is untouched.
    EXPECT_EQ(request("GET", "/v1/me", jun).json()["name"], "Jun");
}

TEST_F(Serve, TheOpenApiDocumentDescribesEveryRoute) {
    start();
    const Http doc = request("GET", "/openapi.json");
    ASSERT_EQ(doc.status, 200);
    const Json paths = doc.json()["paths"];
    const std::string t = person();
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"get", "/v1/me"},
        {"delete", "/v1/me"},
        {"get", "/v1/settings"},
        {"patch", "/v1/settings"},
        {"post", "/v1/messages"},
        {"get", "/v1/history"},
        {"get", "/v1/conversations"},
        {"get", "/v1/memories"},
        {"get", "/v1/memories/export"},
        {"patch", "/v1/memories/{id}"},
        {"delete", "/v1/memories/{id}"},
        {"get", "/v1/persona"},
        {"post", "/v1/chat/completions"},
        {"get", "/v1/models"},
        {"post", "/v1/people"},
        {"get", "/healthz"},
        {"get", "/metrics"}};
    for (const auto& [method, path] : routes) {
        EXPECT_TRUE(paths.contains(path) && paths[path].contains(method)) << method << " " << path;
        // And the server knows it: no 404 or 405 (the bodies are not valid here, so 400 is fine).
        std::string concrete = path;
        if (auto brace = concrete.find("{id}"); brace != std::string::npos) {
            concrete.replace(brace, 4, "1");
        }
        if (path == "/v1/me" && method == "delete") {
            continue; // tested on its own: it would erase the caller
        }
        std::string upper = method;
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        const Http h = request(upper, concrete, t, method == "get" ? "" : "{}");
        EXPECT_NE(h.status, 405) << method << " " << path;
        EXPECT_TRUE(h.status != 404 || (h.code() == "not_found" && path == "/v1/memories/{id}"))
            << method << " " << path << " " << h.body;
    }
}

// What a streaming client saw: everything, and what it held when the first words arrived.
struct StreamSeen {
    std::string body;
    std::string at_first_words;
    testing::FakeOpenAiServer* model = nullptr;
};

std::size_t collect_stream(char* data, std::size_t size, std::size_t count, void* out) {
    auto* seen = static_cast<StreamSeen*>(out);
    seen->body.append(data, size * count);
    if (seen->at_first_words.empty() && seen->body.find("I hear you") != std::string::npos) {
        seen->at_first_words = seen->body;
        seen->model->release(); // only now may the model write its second sentence
    }
    return size * count;
}

TEST_F(Serve, StreamedChatCompletionsArriveWhileTheModelStillWrites) {
    testing::FakeOpenAiServer model;
    model.script({testing::Behaviour{.kind = testing::Behaviour::Kind::Stream,
                                     .pieces = {"I hear you. ", "Tell me more about your day."}}});
    model.hold(); // the model stops after its first sentence until the client has seen it
    Config config;
    config.llm.brain = "openai";
    config.llm.url = model.url();
    config.llm.perception = false;
    start({}, config);
    const std::string t = person();
    StreamSeen seen{.model = &model};
    CURL* curl = curl_easy_init();
    const std::string url = "http://127.0.0.1:" + std::to_string(m_port) + "/v1/chat/completions";
    const std::string auth = "Authorization: Bearer " + t;
    const std::string body =
        R"({"stream": true, "messages": [{"role": "user", "content": "Long day at work."}]})";
    curl_slist* headers = curl_slist_append(nullptr, auth.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_stream);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &seen);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);
    const CURLcode done = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    model.release();
    ASSERT_EQ(done, CURLE_OK) << curl_easy_strerror(done) << "\n" << seen.body;
    EXPECT_EQ(status, 200);
    // The first sentence reached the client before the model wrote the second.
    ASSERT_FALSE(seen.at_first_words.empty()) << seen.body;
    EXPECT_EQ(seen.at_first_words.find("Tell me more"), std::string::npos) << seen.at_first_words;
    EXPECT_NE(seen.body.find("Tell me more"), std::string::npos) << seen.body;
    EXPECT_EQ(seen.body.rfind("data: [DONE]\n\n"), seen.body.size() - 14);
    EXPECT_NE(seen.body.find("\"samantha\""), std::string::npos);
    // The connection serves the next request after a streamed answer.
    EXPECT_EQ(request("GET", "/v1/me", t).status, 200);
}

} // namespace
} // namespace samantha
