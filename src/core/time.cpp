#include "core/time.h"

#include <charconv>

#include <fmt/format.h>

namespace samantha::core {

std::int64_t days_from_civil(CivilDate date) {
    const std::int64_t y = date.month <= 2 ? date.year - 1 : date.year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t m = date.month;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return CivilDate{
        .year = static_cast<int>(y), .month = static_cast<int>(m), .day = static_cast<int>(d)};
}

CivilDate add_days(CivilDate date, int days) {
    return civil_from_days(days_from_civil(date) + days);
}

int days_between(CivilDate from, CivilDate to) {
    return static_cast<int>(days_from_civil(to) - days_from_civil(from));
}

int weekday(CivilDate date) {
    // 1970-01-01 was a Thursday (ISO index 3).
    const std::int64_t days = days_from_civil(date);
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

int days_in_month(int year, int month) {
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return lengths[month - 1];
}

bool is_valid_date(int year, int month, int day) {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

CivilDate local_date(const Moment& moment) {
    const auto days = std::chrono::floor<std::chrono::days>(moment.local());
    return civil_from_days(days.time_since_epoch().count());
}

int local_hour(const Moment& moment) {
    const auto local = moment.local();
    const auto day_start = std::chrono::floor<std::chrono::days>(local);
    return static_cast<int>(
        std::chrono::duration_cast<std::chrono::hours>(local - day_start).count());
}

std::string format_date(CivilDate date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

namespace {

// Reads exactly `width` digits at `pos`; advances pos.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
    if (pos + width > text.size()) {
        return false;
    }
    int value = 0;
    const auto* first = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + width, value);
    if (ec != std::errc{} || ptr != first + width) {
        return false;
    }
    out = value;
    pos += width;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

Error bad_time(std::string_view text, std::size_t pos, std::string_view what) {
    return make_error(ErrorCode::InvalidArgument,
                      fmt::format("time '{}': expected {} at character {} (ISO-8601, e.g. "
                                  "2026-12-01T20:00:00+09:00)",
                                  text.substr(0, 64),
                                  what,
                                  pos + 1));
}

} // namespace

Result<CivilDate> parse_date(std::string_view text) {
    std::size_t pos = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, day) || pos != text.size()) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("date '{}': expected YYYY-MM-DD", text.substr(0, 64)));
    }
    if (!is_valid_date(year, month, day)) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("date '{}': no such day in the calendar", text));
    }
    return CivilDate{.year = year, .month = month, .day = day};
}

Result<Moment> parse_iso8601(std::string_view text, std::chrono::minutes default_offset) {
    std::size_t pos = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!read_digits(text, pos, 4, year)) {
        return bad_time(text, pos, "a four-digit year");
    }
    if (!expect(text, pos, '-') || !read_digits(text, pos, 2, month)) {
        return bad_time(text, pos, "'-' and a two-digit month");
    }
    if (!expect(text, pos, '-') || !read_digits(text, pos, 2, day)) {
        return bad_time(text, pos, "'-' and a two-digit day");
    }
    if (!is_valid_date(year, month, day)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("time '{}': no such day in the calendar", text.substr(0, 64)));
    }
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
            return bad_time(text, pos, "'T' before the time of day");
        }
        ++pos;
        if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
            !read_digits(text, pos, 2, minute)) {
            return bad_time(text, pos, "a time of day HH:MM");
        }
        if (expect(text, pos, ':') && !read_digits(text, pos, 2, second)) {
            return bad_time(text, pos, "two-digit seconds");
        }
        if (expect(text, pos, '.') || expect(text, pos, ',')) {
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                ++pos;
            }
            if (pos == start) {
                return bad_time(text, pos, "fraction digits");
            }
        }
        if (hour > 23 || minute > 59 || second > 60) {
            return bad_time(text, pos, "a valid time of day");
        }
    }
    std::chrono::minutes offset = default_offset;
    if (pos < text.size()) {
        if (text[pos] == 'Z' || text[pos] == 'z') {
            offset = std::chrono::minutes{0};
            ++pos;
        } else if (text[pos] == '+' || text[pos] == '-') {
            const int sign = text[pos] == '-' ? -1 : 1;
            ++pos;
            int oh = 0;
            int om = 0;
            if (!read_digits(text, pos, 2, oh)) {
                return bad_time(text, pos, "a UTC offset +HH:MM");
            }
            expect(text, pos, ':');
            if (pos < text.size() && !read_digits(text, pos, 2, om)) {
                return bad_time(text, pos, "offset minutes");
            }
            if (oh > 14 || om > 59) {
                return bad_time(text, pos, "a UTC offset within ±14:00");
            }
            offset = std::chrono::minutes{sign * (oh * 60 + om)};
        }
    }
    if (pos != text.size()) {
        return bad_time(text, pos, "the end of the time");
    }
    const std::int64_t days = days_from_civil({.year = year, .month = month, .day = day});
    const std::chrono::sys_seconds local{
        std::chrono::seconds{days * 86400 + hour * 3600 + minute * 60 + std::min(second, 59)}};
    return Moment{.utc = local - offset, .utc_offset = offset};
}

std::string format_iso8601(const Moment& moment) {
    const auto local = moment.local();
    const auto day_start = std::chrono::floor<std::chrono::days>(local);
    const CivilDate date = civil_from_days(day_start.time_since_epoch().count());
    const auto secs = (local - day_start).count();
    const auto offset = moment.utc_offset.count();
    const char sign = offset < 0 ? '-' : '+';
    const auto abs_offset = offset < 0 ? -offset : offset;
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}",
                       format_date(date),
                       secs / 3600,
                       secs / 60 % 60,
                       secs % 60,
                       sign,
                       abs_offset / 60,
                       abs_offset % 60);
}

} // namespace samantha::core
