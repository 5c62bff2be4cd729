#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <samantha/types.h>

// Finding and resolving date expressions against the person's local calendar
// (docs/memory.md, "Dates"). Weeks start on Monday, as in ISO 8601 and in Korean usage.
namespace samantha::memory {

// A date expression found in a text, with the byte range it occupies.
struct DateMention {
    CivilDate date;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// The first date expression in `text`, resolved relative to `today`:
//   Korean: 오늘, 내일, 모레, 글피, 어제, 그저께, 이번 주 X요일, 다음 주 X요일, 다다음 주 X요일,
//           X요일 (the next one after today), M월 D일 (this year, or next if already past),
//           D일 (this month, or next if already past), 다음 달 D일;
//   English: today, tonight, tomorrow, the day after tomorrow, yesterday, this Friday (this
//           week's), next Tuesday (next week's), on Friday / Friday (the next one after today),
//           on the 3rd (this month, or next if past), December 3 / Dec 3rd / 3 December / the 3rd
//           of December (this year, or next if past).
std::optional<DateMention> find_date(std::string_view text, CivilDate today);

} // namespace samantha::memory
