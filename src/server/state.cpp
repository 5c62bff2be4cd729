#include "server/state.h"

#include <algorithm>

#include <fmt/format.h>
#include <samantha/engine.h>

namespace samantha::server {

std::optional<std::string> AccessList::person(const std::string& token) const {
    const std::string digest = Engine::token_digest(token);
    const std::lock_guard lock(m_mutex);
    if (auto found = m_people.find(digest); found != m_people.end()) {
        return found->second;
    }
    return std::nullopt;
}

void AccessList::add(const std::string& digest, const std::string& person) {
    const std::lock_guard lock(m_mutex);
    if (auto old = m_digests.find(person); old != m_digests.end()) {
        m_people.erase(old->second);
    }
    m_people[digest] = person;
    m_digests[person] = digest;
}

bool AccessList::knows(const std::string& person) const {
    const std::lock_guard lock(m_mutex);
    return m_digests.contains(person);
}

void AccessList::remove(const std::string& person) {
    const std::lock_guard lock(m_mutex);
    if (auto found = m_digests.find(person); found != m_digests.end()) {
        m_people.erase(found->second);
        m_digests.erase(found);
    }
}

bool RateLimiter::allow(const std::string& person) {
    const auto now = std::chrono::steady_clock::now();
    const std::lock_guard lock(m_mutex);
    auto [it, fresh] = m_buckets.try_emplace(person, Bucket{m_burst, now});
    Bucket& b = it->second;
    if (!fresh) {
        const double seconds = std::chrono::duration<double>(now - b.at).count();
        b.tokens = std::min(m_burst, b.tokens + seconds * m_rate);
        b.at = now;
    }
    if (b.tokens < 1.0) {
        return false;
    }
    b.tokens -= 1.0;
    return true;
}

void Metrics::observe_turn(double ms) {
    turns.fetch_add(1, std::memory_order_relaxed);
    turn_ms_sum.fetch_add(static_cast<std::uint64_t>(ms * 1000.0), std::memory_order_relaxed);
    std::size_t i = 0;
    while (i < bounds_ms.size() && ms > bounds_ms[i]) {
        ++i;
    }
    turn_buckets[i].fetch_add(1, std::memory_order_relaxed);
}

namespace {

constexpr std::array<std::string_view, 3> risk_level_names{"none", "concern", "crisis"};

} // namespace

void Metrics::observe_risk(std::string_view level) {
    for (std::size_t i = 0; i < risk_level_names.size(); ++i) {
        if (level == risk_level_names[i]) {
            risk_levels[i].fetch_add(1, std::memory_order_relaxed);
        }
    }
}

std::string Metrics::text() const {
    std::string out;
    out += "# HELP samantha_http_requests_total HTTP requests and WebSocket messages received.\n"
           "# TYPE samantha_http_requests_total counter\n";
    out += fmt::format("samantha_http_requests_total {}\n", requests.load());
    out += "# HELP samantha_errors_total Answers with an error (4xx, 5xx, WebSocket errors).\n"
           "# TYPE samantha_errors_total counter\n";
    out += fmt::format("samantha_errors_total {}\n", errors.load());
    out += "# HELP samantha_busy_total Requests refused because a worker's queue was full.\n"
           "# TYPE samantha_busy_total counter\n";
    out += fmt::format("samantha_busy_total {}\n", busy.load());
    out += "# HELP samantha_turn_errors_total Turns that failed.\n"
           "# TYPE samantha_turn_errors_total counter\n";
    out += fmt::format("samantha_turn_errors_total {}\n", turn_errors.load());
    out += "# HELP samantha_active_sessions Open WebSocket sessions.\n"
           "# TYPE samantha_active_sessions gauge\n";
    out += fmt::format("samantha_active_sessions {}\n", ws_sessions.load());
    out += "# HELP samantha_turn_duration_seconds Time to run a turn on a worker.\n"
           "# TYPE samantha_turn_duration_seconds histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds_ms.size(); ++i) {
        cumulative += turn_buckets[i].load();
        out += fmt::format("samantha_turn_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                           bounds_ms[i] / 1000.0,
                           cumulative);
    }
    cumulative += turn_buckets[bounds_ms.size()].load();
    out += fmt::format("samantha_turn_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    out += fmt::format("samantha_turn_duration_seconds_sum {}\n", turn_ms_sum.load() / 1e6);
    out += fmt::format("samantha_turn_duration_seconds_count {}\n", turns.load());
    out += "# HELP samantha_risk_messages_total Messages by the risk reading's level.\n"
           "# TYPE samantha_risk_messages_total counter\n";
    for (std::size_t i = 0; i < risk_level_names.size(); ++i) {
        out += fmt::format("samantha_risk_messages_total{{level=\"{}\"}} {}\n",
                           risk_level_names[i],
                           risk_levels[i].load());
    }
    return out;
}

} // namespace samantha::server
