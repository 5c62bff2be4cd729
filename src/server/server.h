#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include <samantha/clock.h>
#include <samantha/config.h>
#include <samantha/log.h>
#include <samantha/result.h>

// `samantha serve`: HTTP + WebSocket on loopback (docs/protocol.md).
namespace samantha::server {

// How the server listens and what it allows.
struct ServerConfig {
    std::string host = "127.0.0.1";
    int port = 8080;                        // 0: any free port (see Server::port())
    int io_threads = 1;                     // network threads: parse, validate, enqueue
    int workers = 0;                        // turn workers, each with its own Engine; 0: cores
    std::string admin_token;                // SAMANTHA_ADMIN_TOKEN: may create people
    std::size_t max_body_bytes = 64 * 1024; // larger bodies: 413
    std::size_t max_ws_message_bytes = 64 * 1024;
    double requests_per_second = 20.0; // per person; beyond the burst: 429
    double burst = 40.0;
    std::size_t queue_depth = 512;  // jobs waiting per worker; beyond: 503 busy
    int header_timeout_ms = 10000;  // a client that sends nothing in time is dropped
    std::filesystem::path web_root; // static files served at / (the web companion)
    std::string local_user;         // a fresh token for this person at start (make serve)
    std::string mqtt;               // "host:port" of an MQTT broker to bridge to; empty: none
};

class Server {
public:
    // Opens the engines (one per worker, all on config.data_dir) and binds the port. Errors: Io
    // (the address is taken or the data directory cannot be opened), InvalidArgument.
    static Result<std::unique_ptr<Server>> open(const Config& config,
                                                const ServerConfig& server,
                                                std::shared_ptr<const Clock> clock,
                                                Logger log);

    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The port bound (useful with port 0).
    int port() const;

    // The token issued to ServerConfig::local_user at start, or empty.
    const std::string& local_token() const;

    // Serves until stop() is called (from any thread, or a signal handler's thread).
    void run();

    // Stops accepting, closes connections, lets the workers finish their current job and returns
    // run(). Safe to call more than once.
    void stop();

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace samantha::server
