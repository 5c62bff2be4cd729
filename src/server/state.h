#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <samantha/log.h>

#include "server/server.h"
#include "server/workers.h"

// What the server's connections share: who is who, rate limits, metrics.
namespace samantha::server {

// Bearer token digests → person ids, in memory, so that network threads never touch the disk.
class AccessList {
public:
    // The person the token belongs to.
    std::optional<std::string> person(const std::string& token) const;

    // Adds a person's token digest; an earlier token of theirs stops working.
    void add(const std::string& digest, const std::string& person);

    // Whether the person still has a token (false once they are erased).
    bool knows(const std::string& person) const;

    // Forgets the person's token.
    void remove(const std::string& person);

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::string> m_people;  // digest → person; guarded by m_mutex
    std::unordered_map<std::string, std::string> m_digests; // person → digest; guarded by m_mutex
};

// A token bucket per person: `rate` requests a second, bursts of `burst`.
class RateLimiter {
public:
    RateLimiter(double rate, double burst)
        : m_rate(rate)
        , m_burst(burst) {}

    // Whether one more request from `person` is allowed now.
    bool allow(const std::string& person);

private:
    struct Bucket {
        double tokens = 0.0;
        std::chrono::steady_clock::time_point at;
    };

    double m_rate;
    double m_burst;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets; // guarded by m_mutex
};

// Prometheus counters, a gauge and a turn-latency histogram.
struct Metrics {
    static constexpr std::array<double, 10> bounds_ms{1, 2, 5, 10, 25, 50, 100, 250, 1000, 5000};

    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> errors{0}; // 4xx and 5xx answers
    std::atomic<std::uint64_t> busy{0};   // 503 busy
    std::atomic<std::uint64_t> turns{0};
    std::atomic<std::uint64_t> turn_errors{0};
    std::atomic<std::int64_t> ws_sessions{0};
    std::array<std::atomic<std::uint64_t>, bounds_ms.size() + 1> turn_buckets{};
    std::atomic<std::uint64_t> turn_ms_sum{0}; // microseconds, despite the name's unit of output
    // Messages per risk level (docs/care.md): none, concern, crisis. Counts only, never content.
    std::array<std::atomic<std::uint64_t>, 3> risk_levels{};

    // Records one turn's latency.
    void observe_turn(double ms);

    // Counts a message's risk level ("none", "concern" or "crisis"; anything else is ignored).
    void observe_risk(std::string_view level);

    // The Prometheus text exposition.
    std::string text() const;
};

// Everything connections share. Lives as long as the server.
struct Shared {
    ServerConfig config;
    Workers* workers = nullptr;
    AccessList access;
    std::unique_ptr<RateLimiter> limiter;
    Metrics metrics;
    Logger log;
    std::string openapi;
};

} // namespace samantha::server
