#include <ctime>

#include <samantha/clock.h>

namespace samantha {

namespace {

class SystemClock final : public Clock {
public:
    Moment now() const override {
        const auto utc = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        const std::time_t t = std::chrono::system_clock::to_time_t(utc);
        std::tm local{};
        localtime_r(&t, &local);
        return Moment{.utc = utc,
                      .utc_offset = std::chrono::duration_cast<std::chrono::minutes>(
                          std::chrono::seconds{local.tm_gmtoff})};
    }
};

} // namespace

std::unique_ptr<Clock> make_system_clock() {
    return std::make_unique<SystemClock>();
}

} // namespace samantha
