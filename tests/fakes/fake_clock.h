#pragma once

#include <mutex>
#include <string_view>

#include <samantha/clock.h>

#include "core/time.h"

namespace samantha::testing {

// A clock that stands still until a test moves it.
class FakeClock final : public Clock {
public:
    explicit FakeClock(Moment start)
        : m_now(start) {}

    // The moment of an ISO-8601 literal; aborts the test program on a malformed one.
    static Moment moment(std::string_view iso) {
        return core::parse_iso8601(iso, std::chrono::minutes{0}).value();
    }

    Moment now() const override {
        const std::lock_guard lock(m_mutex);
        return m_now;
    }

    void set(Moment moment) {
        const std::lock_guard lock(m_mutex);
        m_now = moment;
    }

    void advance(std::chrono::seconds by) {
        const std::lock_guard lock(m_mutex);
        m_now.utc += by;
    }

private:
    mutable std::mutex m_mutex;
    Moment m_now; // guarded by m_mutex
};

// A fresh temporary directory, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }

private:
    std::string m_path;
};

} // namespace samantha::testing
