#pragma once

#include <chrono>
#include <memory>

namespace samantha {

// A point in time together with the UTC offset of the person's local calendar, so that "tomorrow"
// and "Friday" resolve against the day the person is living in.
struct Moment {
    std::chrono::sys_seconds utc{};
    std::chrono::minutes utc_offset{0};

    // The same instant seen as local wall-clock time (seconds since the epoch, shifted).
    std::chrono::sys_seconds local() const { return utc + utc_offset; }

    friend bool operator==(const Moment&, const Moment&) = default;
};

// Where the pipeline gets the time. Injected everywhere, so tests never read the wall clock.
class Clock {
public:
    virtual ~Clock() = default;

    // The current moment. Implementations are thread-safe.
    virtual Moment now() const = 0;
};

// The real clock, with the machine's local UTC offset.
std::unique_ptr<Clock> make_system_clock();

} // namespace samantha
