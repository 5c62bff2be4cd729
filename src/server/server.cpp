// The network side of `samantha serve`: Boost.Beast HTTP and WebSocket sessions on Asio. Network
// threads parse, validate and enqueue; turns run on the workers (server/workers.h).

#include "server/server.h"

#include <chrono>
#include <deque>
#include <future>
#include <thread>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/mqtt_bridge.h"
#include "server/openapi_data.h"
#include "server/routes.h"
#include "server/state.h"
#include "server/turn_stream.h"

namespace samantha::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;

// One WebSocket connection of one person: one turn at a time, writes queued in order.
class WsSession : public std::enable_shared_from_this<WsSession> {
public:
    WsSession(tcp::socket&& socket, Shared& shared, std::string person)
        : m_ws(std::move(socket))
        , m_shared(shared)
        , m_person(std::move(person)) {}

    ~WsSession() { m_shared.metrics.ws_sessions.fetch_sub(1, std::memory_order_relaxed); }

    void accept(http::request<http::string_body> request) {
        m_shared.metrics.ws_sessions.fetch_add(1, std::memory_order_relaxed);
        m_ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        if (request[http::field::sec_websocket_protocol].find("samantha.v1") !=
            beast::string_view::npos) {
            // A browser offered its token as a subprotocol; answer with ours (docs/protocol.md).
            m_ws.set_option(websocket::stream_base::decorator([](websocket::response_type& r) {
                r.set(http::field::sec_websocket_protocol, "samantha.v1");
            }));
        }
        m_ws.read_message_max(m_shared.config.max_ws_message_bytes);
        m_ws.async_accept(request,
                          beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
    }

    // Queues a message; callable from any thread.
    void push(std::string message) {
        asio::post(m_ws.get_executor(),
                   [self = shared_from_this(), message = std::move(message)]() mutable {
                       self->m_outbox.push_back(std::move(message));
                       if (self->m_outbox.size() == 1) {
                           self->write_next();
                       }
                   });
    }

    void turn_done() {
        asio::post(m_ws.get_executor(), [self = shared_from_this()] { self->m_in_turn = false; });
    }

private:
    void on_accept(beast::error_code ec) {
        if (ec) {
            return;
        }
        read();
    }

    void read() {
        m_ws.async_read(m_buffer,
                        beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            if (ec == websocket::error::message_too_big) {
                m_shared.metrics.errors.fetch_add(1, std::memory_order_relaxed);
            }
            return; // closed, timed out or broken: the session ends
        }
        m_shared.metrics.requests.fetch_add(1, std::memory_order_relaxed);
        std::string text = beast::buffers_to_string(m_buffer.data());
        m_buffer.consume(m_buffer.size());
        handle(text);
        read();
    }

    void fail(const std::string& code, const std::string& message) {
        m_shared.metrics.errors.fetch_add(1, std::memory_order_relaxed);
        push(error_message(code, message));
    }

    void handle(const std::string& text) {
        if (!m_ws.got_text()) {
            fail("invalid_json", "send JSON text messages");
            return;
        }
        std::string type;
        Json json;
        try {
            json = Json::parse(text);
            if (json.is_object() && json.contains("type") && json["type"].is_string()) {
                type = json["type"].get<std::string>();
            }
        } catch (const Json::exception&) {
            fail("invalid_json", "malformed JSON");
            return;
        }
        if (type == "ping") {
            push(Json{{"type", "pong"}}.dump());
            return;
        }
        if (type == "hello") {
            hello(json);
            return;
        }
        if (type == "presence" || type == "touch") {
            // Someone is there: time passes with them present, and Samantha may speak first.
            if (type == "presence" && !(json.contains("present") && json["present"].is_boolean())) {
                fail("invalid_field", "presence needs \"present\": true or false");
                return;
            }
            if (type == "touch" || json["present"].get<bool>()) {
                start_turn(TurnInput{}, m_speaker, true);
            }
            return;
        }
        if (type == "audio") {
            fail("unsupported",
                 "speech input needs a speech recognizer, which this server does not have yet; "
                 "send text");
            return;
        }
        if (type != "message") {
            fail("invalid_field", "\"type\" must be one of message, hello, presence, touch, ping");
            return;
        }
        MessageRequest message = parse_message(text, true);
        if (!message.error_code.empty()) {
            fail(message.error_code, message.error);
            return;
        }
        start_turn(std::move(message.input), message.voice || m_speaker, false);
    }

    // A device introduces itself; its capabilities decide what it is sent.
    void hello(const Json& json) {
        const Json caps = json.contains("capabilities") && json["capabilities"].is_object()
                              ? json["capabilities"]
                              : Json::object();
        if (caps.contains("speaker") && caps["speaker"].is_boolean()) {
            m_speaker = caps["speaker"].get<bool>();
        }
        if (json.contains("device") && json["device"].is_object() &&
            json["device"].contains("name") && json["device"]["name"].is_string()) {
            m_device = core_truncate(json["device"]["name"].get<std::string>());
        }
        push(
            Json{{"type", "welcome"},
                 {"protocol", 1},
                 {"person", m_person},
                 {"device", m_device},
                 {"speech", m_speaker},
                 {"audio", {{"encoding", "pcm_s16le"}, {"sample_rate_hz", 22050}, {"channels", 1}}}}
                .dump(-1, ' ', false, Json::error_handler_t::replace));
    }

    static std::string core_truncate(std::string text) {
        if (text.size() > 64) {
            text.resize(64);
        }
        return text;
    }

    // Runs a turn on the person's worker; `proactive`: time passing, Samantha may speak first.
    void start_turn(TurnInput input, bool voice, bool proactive) {
        if (!m_shared.limiter->allow(m_person)) {
            fail("rate_limited", "too many messages; slow down");
            return;
        }
        if (m_in_turn) {
            fail("busy", "one message at a time: wait for the reply");
            return;
        }
        m_in_turn = true;
        auto self = shared_from_this();
        Metrics* metrics = &m_shared.metrics;
        const bool queued = m_shared.workers->submit(
            m_person,
            [self, metrics, input = std::move(input), voice, proactive](
                Engine&, Conversations& conversations) mutable {
                stream_turn(conversations,
                            self->m_person,
                            std::move(input),
                            TurnOptions{.voice = voice, .proactive = proactive},
                            *metrics,
                            [self](std::string message) { self->push(std::move(message)); });
                self->turn_done();
            });
        if (!queued) {
            m_in_turn = false;
            m_shared.metrics.busy.fetch_add(1, std::memory_order_relaxed);
            fail("busy", "Samantha is busy with many people; try again shortly");
        }
    }

    void write_next() {
        m_ws.text(true);
        m_ws.async_write(asio::buffer(m_outbox.front()),
                         beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec) {
            m_outbox.clear();
            return;
        }
        m_outbox.pop_front();
        if (!m_outbox.empty()) {
            write_next();
        }
    }

    websocket::stream<beast::tcp_stream> m_ws;
    beast::flat_buffer m_buffer;
    Shared& m_shared;
    std::string m_person;
    std::deque<std::string> m_outbox; // on the session's strand
    bool m_in_turn = false;           // on the session's strand
    bool m_speaker = false;           // the device said it has a speaker (hello)
    std::string m_device = "client";
};

// One HTTP connection: requests in order, keep-alive, limits and timeouts.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(tcp::socket&& socket, Shared& shared)
        : m_stream(std::move(socket))
        , m_shared(shared) {}

    void start() {
        asio::dispatch(m_stream.get_executor(),
                       beast::bind_front_handler(&HttpSession::read, shared_from_this()));
    }

private:
    void read() {
        m_parser.emplace();
        m_parser->header_limit(16 * 1024);
        m_parser->body_limit(m_shared.config.max_body_bytes);
        m_stream.expires_after(std::chrono::milliseconds(m_shared.config.header_timeout_ms));
        http::async_read(m_stream,
                         m_buffer,
                         *m_parser,
                         beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::body_limit) {
            m_keep_alive = false;
            send(error_answer(413,
                              "too_large",
                              fmt::format("the body is over the limit of {} bytes",
                                          m_shared.config.max_body_bytes)));
            return;
        }
        if (ec == http::error::header_limit) {
            m_keep_alive = false;
            send(error_answer(431, "too_large", "the headers are too large"));
            return;
        }
        if (ec) {
            close(); // end of stream, timeout, or garbage
            return;
        }
        m_shared.metrics.requests.fetch_add(1, std::memory_order_relaxed);
        http::request<http::string_body> request = m_parser->release();
        m_keep_alive = request.keep_alive();
        std::string authorization(request[http::field::authorization]);
        if (authorization.empty()) {
            // Browsers cannot set headers on a WebSocket: "bearer.<token>" as a subprotocol.
            const std::string offered(request[http::field::sec_websocket_protocol]);
            const auto at = offered.find("bearer.");
            if (at != std::string::npos) {
                const auto end = offered.find_first_of(", ", at);
                authorization =
                    "Bearer " +
                    offered.substr(at + 7,
                                   end == std::string::npos ? std::string::npos : end - at - 7);
            }
        }
        if (websocket::is_upgrade(request)) {
            if (request.target() != "/v1/ws") {
                send(error_answer(404, "not_found", "WebSocket connections go to /v1/ws"));
                return;
            }
            auto who = authenticate(m_shared, authorization);
            if (auto* refused = std::get_if<Answer>(&who)) {
                m_keep_alive = false;
                send(std::move(*refused));
                return;
            }
            m_stream.expires_never();
            std::make_shared<WsSession>(
                m_stream.release_socket(), m_shared, std::get<std::string>(who))
                ->accept(std::move(request));
            return;
        }
        Request r{.method = std::string(request.method_string()),
                  .target = std::string(request.target()),
                  .authorization = authorization,
                  .body = std::move(request.body())};
        auto self = shared_from_this();
        const Reply reply = [self](Answer answer) {
            asio::post(self->m_stream.get_executor(), [self, answer = std::move(answer)]() mutable {
                self->deliver(std::move(answer));
            });
        };
        if (auto answer = route(m_shared, r, reply)) {
            send(std::move(*answer));
        }
    }

    void send(Answer answer) {
        if (answer.status >= 400) {
            m_shared.metrics.errors.fetch_add(1, std::memory_order_relaxed);
        }
        auto response = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(answer.status), 11);
        response->set(http::field::server, "samantha");
        response->set(http::field::content_type, answer.content_type);
        response->set(http::field::cache_control, "no-store");
        response->keep_alive(m_keep_alive);
        response->body() = std::move(answer.body);
        response->prepare_payload();
        m_stream.expires_after(std::chrono::seconds(30));
        http::async_write(m_stream,
                          *response,
                          [self = shared_from_this(), response](beast::error_code ec, std::size_t) {
                              if (ec || !self->m_keep_alive) {
                                  self->close();
                                  return;
                              }
                              self->read();
                          });
    }

    // An answer from a worker: whole, or a piece of one streamed with chunked encoding.
    void deliver(Answer answer) {
        if (!m_streaming && m_pieces.empty() && !answer.more) {
            send(std::move(answer));
            return;
        }
        m_pieces.push_back(std::move(answer));
        if (m_pieces.size() == 1) {
            write_piece();
        }
    }

    void write_piece() {
        auto self = shared_from_this();
        m_stream.expires_after(std::chrono::seconds(30));
        if (!m_streaming) {
            m_streaming = true;
            const Answer& first = m_pieces.front();
            auto head = std::make_shared<http::response<http::empty_body>>(
                static_cast<http::status>(first.status), 11);
            head->set(http::field::server, "samantha");
            head->set(http::field::content_type, first.content_type);
            head->set(http::field::cache_control, "no-store");
            head->keep_alive(m_keep_alive);
            head->chunked(true);
            auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*head);
            http::async_write_header(
                m_stream, *serializer, [self, head, serializer](beast::error_code ec, std::size_t) {
                    self->on_piece(ec, false);
                });
            return;
        }
        const Answer& piece = m_pieces.front();
        if (piece.more || !piece.body.empty()) {
            asio::async_write(
                m_stream,
                http::make_chunk(asio::buffer(piece.body)),
                [self](beast::error_code ec, std::size_t) { self->on_piece(ec, true); });
            return;
        }
        asio::async_write(m_stream,
                          http::make_chunk_last(),
                          [self](beast::error_code ec, std::size_t) { self->on_piece(ec, true); });
    }

    // `consumed`: the front piece is fully written (the head alone does not consume it).
    void on_piece(beast::error_code ec, bool consumed) {
        if (ec) {
            m_pieces.clear();
            close();
            return;
        }
        if (!consumed) {
            write_piece();
            return;
        }
        const bool last = !m_pieces.front().more;
        if (last && !m_pieces.front().body.empty()) {
            m_pieces.front().body.clear(); // its body went out; the last chunk follows
            write_piece();
            return;
        }
        m_pieces.pop_front();
        if (last) {
            m_streaming = false;
            if (!m_keep_alive) {
                close();
                return;
            }
            read();
            return;
        }
        if (!m_pieces.empty()) {
            write_piece();
        }
    }

    void close() {
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream m_stream;
    std::deque<Answer> m_pieces; // a streamed answer's pieces waiting to be written
    bool m_streaming = false;    // its head is written
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    Shared& m_shared;
    bool m_keep_alive = true;
};

} // namespace

struct Server::Impl {
    // Declared so that sessions (destroyed with the io_context) go before what they use.
    Shared shared;
    std::unique_ptr<Workers> workers;
    std::unique_ptr<MqttBridge> mqtt;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    int io_threads = 1;
    std::string local_token;
    std::atomic<bool> stopped{false};

    void accept() {
        acceptor.async_accept(
            asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
                if (ec) {
                    if (!acceptor.is_open()) {
                        return;
                    }
                } else {
                    std::make_shared<HttpSession>(std::move(socket), shared)->start();
                }
                accept();
            });
    }
};

Server::Server(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

Server::~Server() {
    stop();
}

Result<std::unique_ptr<Server>> Server::open(const Config& config,
                                             const ServerConfig& server,
                                             std::shared_ptr<const Clock> clock,
                                             Logger log) {
    auto impl = std::make_unique<Impl>();
    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    // An embedded model is loaded once per engine: with llama, one worker holds it.
    const int workers =
        config.llm.brain == "llama" ? 1 : (server.workers > 0 ? server.workers : cores);
    auto opened = Workers::open(config, workers, server.queue_depth, std::move(clock), log);
    if (!opened) {
        return opened.error();
    }
    impl->workers = std::move(*opened);
    impl->shared.config = server;
    impl->shared.workers = impl->workers.get();
    impl->shared.log = log;
    impl->shared.openapi = std::string(openapi_data::openapi());
    impl->shared.limiter = std::make_unique<RateLimiter>(server.requests_per_second, server.burst);
    impl->io_threads = std::max(1, server.io_threads);
    // Load who is who into memory, so network threads never wait on the database.
    auto tokens =
        std::make_shared<std::promise<Result<std::vector<std::pair<std::string, std::string>>>>>();
    auto loaded = tokens->get_future();
    if (!impl->workers->submit("", [tokens](Engine& engine, Conversations&) {
            tokens->set_value(engine.access_tokens());
        })) {
        return make_error(ErrorCode::Internal, "serve: the workers did not start");
    }
    auto list = loaded.get();
    if (!list) {
        return list.error();
    }
    for (const auto& [digest, person] : *list) {
        impl->shared.access.add(digest, person);
    }
    if (!server.local_user.empty()) {
        auto issued = std::make_shared<std::promise<Result<PersonAccess>>>();
        auto future = issued->get_future();
        const std::string user = server.local_user;
        if (!impl->workers->submit(user, [issued, user](Engine& engine, Conversations&) {
                issued->set_value(engine.issue_token(user));
            })) {
            return make_error(ErrorCode::Internal, "serve: the workers did not start");
        }
        auto access = future.get();
        if (!access) {
            return access.error();
        }
        impl->shared.access.add(Engine::token_digest(access->token), access->id);
        impl->local_token = access->token;
    }
    if (!server.mqtt.empty()) {
        const auto colon = server.mqtt.rfind(':');
        MqttConfig mqtt{.host = server.mqtt.substr(0, colon)};
        if (colon != std::string::npos) {
            mqtt.port = std::atoi(server.mqtt.c_str() + colon + 1);
        }
        if (mqtt.host.empty() || mqtt.port <= 0 || mqtt.port > 65535) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("serve --mqtt: '{}' is not HOST:PORT", server.mqtt));
        }
        auto bridge = MqttBridge::open(mqtt, impl->shared);
        if (!bridge) {
            return bridge.error();
        }
        impl->mqtt = std::move(*bridge);
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(server.host, ec);
    if (ec) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("serve: '{}' is not an IP address", server.host));
    }
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(server.port));
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        impl->acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return make_error(
            ErrorCode::Io,
            fmt::format(
                "serve: cannot listen on {}:{}: {}", server.host, server.port, ec.message()));
    }
    impl->accept();
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const {
    beast::error_code ec;
    return m_impl->acceptor.local_endpoint(ec).port();
}

const std::string& Server::local_token() const {
    return m_impl->local_token;
}

void Server::run() {
    std::vector<std::jthread> extra;
    for (int i = 1; i < m_impl->io_threads; ++i) {
        extra.emplace_back([this] { m_impl->io.run(); });
    }
    m_impl->io.run();
}

void Server::stop() {
    if (m_impl->stopped.exchange(true)) {
        return;
    }
    asio::post(m_impl->io, [this] {
        beast::error_code ignored;
        m_impl->acceptor.close(ignored);
    });
    m_impl->io.stop();
    m_impl->workers->stop();
    m_impl->mqtt.reset(); // after the workers: their jobs publish through it
}

} // namespace samantha::server
