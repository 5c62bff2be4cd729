#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include <samantha/types.h>

// Finding and resolving date expressions against the person's local calendar
// (docs/memory.md, "Dates"). Weeks start on Monday, as in ISO 8601 and in Korean usage.
namespace samantha::memory {

// A date expression found in a text, with the byte range it occupies (widened over the time of
// day said with it: "tomorrow at 3pm", "내일 오후 3시에").
struct DateMention {
    CivilDate date;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool month_named = false; // said as a month and day ("March 3rd", "3월 3일")
};

// The first date expression in `text`, resolved relative to `today`:
//   Korean: 오늘, 내일, 모레, 글피, 내일모레, 이따; 이번 주 / 다음 주 / 다다음 주 X요일;
//           이번 / 다음 X요일; X요일 (the next one after today); 이번 주말, 주말에, 다음 주말;
//           M월 D일 (this year, or next if already past); D일 (this month, or next if already
//           past); 다음 달 D일, 이번 달 D일; N일 / 이틀 / 사흘 / 열흘 / 일주일 / N주 뒤·후;
//           크리스마스 (이브), 성탄절, 새해 첫날, 신정, 설날, 추석, 어린이날 and other holidays;
//   English: today, tonight, this evening, later today, tomorrow, the day after tomorrow, this
//           Friday (this week's, or next week's once past), next Tuesday (next week's), on Friday
//           / Friday (the next one after today), this / next weekend, in N days / weeks, a week
//           from today, on the 3rd (this month, or next if past), the 10th of next month,
//           December 3 / Dec 3rd / 3 December / the 3rd of December (this year, or next if past),
//           Christmas (Eve / Day), New Year's (Eve / Day), Valentine's Day, Halloween;
//   and the past, so that a past date is never read as a coming one: 어제, 그저께, 지난주,
//           저번 주 X요일, 지난 X요일, 지난달, 작년, N일 전; yesterday, last night / week /
//           Friday / weekend / month / year, N days ago, the day before yesterday.
// "Every Friday", "토요일마다", "매주 토요일" and "주말마다" are habits, not dates.
std::optional<DateMention> find_date(std::string_view text, CivilDate today);

} // namespace samantha::memory
