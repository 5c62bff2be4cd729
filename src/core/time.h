#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <samantha/clock.h>
#include <samantha/result.h>
#include <samantha/types.h>

// Calendar arithmetic and ISO-8601 parsing. Civil-date algorithms after Howard Hinnant,
// "chrono-Compatible Low-Level Date Algorithms" (public domain).
namespace samantha::core {

// Days since 1970-01-01 of `date`.
std::int64_t days_from_civil(CivilDate date);

// The date `days` days after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);

// The date `days` after `date` (negative goes back).
CivilDate add_days(CivilDate date, int days);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(CivilDate from, CivilDate to);

// 0 = Monday … 6 = Sunday (ISO order).
int weekday(CivilDate date);

// Number of days in `month` of `year`.
int days_in_month(int year, int month);

// Whether year/month/day names a real date.
bool is_valid_date(int year, int month, int day);

// The local calendar date of `moment`.
CivilDate local_date(const Moment& moment);

// The local hour of day (0–23) of `moment`.
int local_hour(const Moment& moment);

// "YYYY-MM-DD".
std::string format_date(CivilDate date);

// Parses "YYYY-MM-DD"; InvalidArgument says which part is wrong.
Result<CivilDate> parse_date(std::string_view text);

// Parses an ISO-8601 date-time: "2026-12-01T20:00:00+09:00", "2026-12-01T11:00:00Z",
// "2026-12-01 20:00" (no offset means `default_offset`), with optional fractional seconds.
// InvalidArgument says what was expected and where.
Result<Moment> parse_iso8601(std::string_view text, std::chrono::minutes default_offset);

// "2026-12-01T20:00:00+09:00" for `moment` in its own offset.
std::string format_iso8601(const Moment& moment);

} // namespace samantha::core
