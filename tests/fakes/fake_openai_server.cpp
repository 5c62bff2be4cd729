#include "fakes/fake_openai_server.h"

#include <cstring>
#include <string_view>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace samantha::testing {

namespace {

void send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string json_escape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string event(std::string_view piece) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + json_escape(piece) +
           "\"},\"finish_reason\":null}]}\n\n";
}

} // namespace

FakeOpenAiServer::FakeOpenAiServer() {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(m_listener, 8);
    socklen_t length = sizeof address;
    ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_thread = std::jthread([this](std::stop_token stop) { serve(stop); });
}

FakeOpenAiServer::~FakeOpenAiServer() {
    m_thread.request_stop();
    m_thread.join();
    ::close(m_listener);
}

std::string FakeOpenAiServer::url() const {
    return "http://127.0.0.1:" + std::to_string(m_port);
}

void FakeOpenAiServer::script(std::vector<Behaviour> behaviours) {
    const std::lock_guard lock(m_mutex);
    m_script.assign(behaviours.begin(), behaviours.end());
}

std::vector<Received> FakeOpenAiServer::received() const {
    const std::lock_guard lock(m_mutex);
    return m_received;
}

void FakeOpenAiServer::serve(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        pollfd pfd{.fd = m_listener, .events = POLLIN, .revents = 0};
        if (::poll(&pfd, 1, 50) <= 0) {
            continue;
        }
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0) {
            continue;
        }
        // Read the headers, then Content-Length bytes of body.
        std::string data;
        char buffer[4096];
        std::size_t header_end = std::string::npos;
        std::size_t content_length = 0;
        while (true) {
            const auto n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0) {
                break;
            }
            data.append(buffer, static_cast<std::size_t>(n));
            if (header_end == std::string::npos) {
                header_end = data.find("\r\n\r\n");
                if (header_end != std::string::npos) {
                    const auto at = data.find("Content-Length:");
                    if (at != std::string::npos && at < header_end) {
                        content_length = std::stoul(data.substr(at + 15));
                    }
                }
            }
            if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) {
                break;
            }
        }
        Received request;
        const auto line_end = data.find("\r\n");
        request.request_line = data.substr(0, line_end);
        request.headers = header_end == std::string::npos ? data : data.substr(0, header_end);
        request.body = header_end == std::string::npos ? "" : data.substr(header_end + 4);
        Behaviour behaviour{
            .kind = Behaviour::Kind::Stream, .pieces = {"Hello", "!"}, .status = 200, .body = {}};
        {
            const std::lock_guard lock(m_mutex);
            m_received.push_back(request);
            if (!m_script.empty()) {
                behaviour = m_script.front();
                m_script.pop_front();
            }
        }
        if (const int delay = m_delay_ms.load(); delay > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        }
        answer(client, behaviour);
        ::close(client);
    }
}

void FakeOpenAiServer::hold() {
    const std::lock_guard lock(m_mutex);
    m_held = true;
}

void FakeOpenAiServer::release() {
    {
        const std::lock_guard lock(m_mutex);
        m_held = false;
    }
    m_released.notify_all();
}

void FakeOpenAiServer::answer(int client, const Behaviour& b) {
    switch (b.kind) {
    case Behaviour::Kind::File: {
        // Honour "Range: bytes=N-" as a resuming client sends it.
        std::size_t from = 0;
        std::string headers;
        {
            const std::lock_guard lock(m_mutex);
            headers = m_received.back().headers;
        }
        const auto range = headers.find("Range: bytes=");
        if (range != std::string::npos) {
            from = std::stoul(headers.substr(range + 13));
        }
        const std::string part = b.body.substr(std::min(from, b.body.size()));
        const std::string status = from > 0 ? "206 Partial Content" : "200 OK";
        // A 206 names the range it carries, as real servers do (curl relies on it).
        const std::string content_range = from > 0
                                              ? "Content-Range: bytes " + std::to_string(from) +
                                                    "-" + std::to_string(b.body.size() - 1) + "/" +
                                                    std::to_string(b.body.size()) + "\r\n"
                                              : "";
        send_all(client,
                 "HTTP/1.1 " + status + "\r\n" + content_range + "Content-Length: " +
                     std::to_string(part.size()) + "\r\nConnection: close\r\n\r\n" + part);
        return;
    }
    case Behaviour::Kind::Truncated:
        send_all(client,
                 "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(b.body.size()) +
                     "\r\nConnection: close\r\n\r\n" + b.body.substr(0, b.body.size() / 2));
        return;
    case Behaviour::Kind::Status: {
        const std::string response =
            "HTTP/1.1 " + std::to_string(b.status) +
            " Error\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(b.body.size()) + "\r\nConnection: close\r\n\r\n" + b.body;
        send_all(client, response);
        return;
    }
    case Behaviour::Kind::Garbage:
        send_all(client,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                 "data: {this is not json\n\n");
        return;
    case Behaviour::Kind::Stream:
    case Behaviour::Kind::Cut: {
        send_all(client,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
        for (std::size_t i = 0; i < b.pieces.size(); ++i) {
            send_all(client, event(b.pieces[i]));
            if (i == 0) {
                std::unique_lock lock(m_mutex);
                m_released.wait_for(lock, std::chrono::seconds(30), [this] { return !m_held; });
            }
        }
        if (b.kind == Behaviour::Kind::Stream) {
            send_all(
                client,
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n");
        }
        return;
    }
    }
}

} // namespace samantha::testing
