#include "memory/dates.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace samantha::memory {
namespace {

// Friday, 27 November 2026.
constexpr CivilDate today{.year = 2026, .month = 11, .day = 27};

std::string resolve(std::string_view text) {
    const auto found = find_date(text, today);
    return found ? core::format_date(found->date) : "none";
}

TEST(Dates, ResolveKoreanExpressions) {
    EXPECT_EQ(resolve("오늘 면접 있어요"), "2026-11-27");
    EXPECT_EQ(resolve("내일 면접이 있어요"), "2026-11-28");
    EXPECT_EQ(resolve("모레 부산 가요"), "2026-11-29");
    EXPECT_EQ(resolve("이번 주 금요일에 시험"), "2026-11-27");
    EXPECT_EQ(resolve("이번주 일요일에 만나"), "2026-11-29");
    EXPECT_EQ(resolve("다음 주 화요일에 시험 봐요"), "2026-12-01");
    EXPECT_EQ(resolve("다음주 월요일"), "2026-11-30");
    EXPECT_EQ(resolve("12월 3일에 결혼식이 있어"), "2026-12-03");
    EXPECT_EQ(resolve("1월 5일에 여행 가요"), "2027-01-05");
    EXPECT_EQ(resolve("3일에 발표해요"), "2026-12-03");
    EXPECT_EQ(resolve("월요일에 회의"), "2026-11-30");
    EXPECT_EQ(resolve("다음 달 10일"), "2026-12-10");
    EXPECT_EQ(resolve("어제 시험 봤어"), "2026-11-26");
}

TEST(Dates, ResolveEnglishExpressions) {
    EXPECT_EQ(resolve("I have an interview tomorrow"), "2026-11-28");
    EXPECT_EQ(resolve("the day after tomorrow"), "2026-11-29");
    EXPECT_EQ(resolve("I have a test on Friday"), "2026-12-04");
    EXPECT_EQ(resolve("dinner this Sunday"), "2026-11-29");
    EXPECT_EQ(resolve("my exam is next Tuesday"), "2026-12-01");
    EXPECT_EQ(resolve("the party is on the 3rd"), "2026-12-03");
    EXPECT_EQ(resolve("the party is on the 28th"), "2026-11-28");
    EXPECT_EQ(resolve("my flight is on December 3"), "2026-12-03");
    EXPECT_EQ(resolve("my flight is on Dec 3rd"), "2026-12-03");
    EXPECT_EQ(resolve("it's on the 3rd of January"), "2027-01-03");
    EXPECT_EQ(resolve("I start on Monday"), "2026-11-30");
    EXPECT_EQ(resolve("tonight I'm cooking"), "2026-11-27");
}

TEST(Dates, ResolveRelativeWeeksWeekendsAndHolidays) {
    EXPECT_EQ(resolve("이번 주말에 캠핑 가요"), "2026-11-28");
    EXPECT_EQ(resolve("다음 주말에 이사해요"), "2026-12-05");
    EXPECT_EQ(resolve("이번 토요일에 만나"), "2026-11-28");
    EXPECT_EQ(resolve("이틀 뒤에 출장 가요"), "2026-11-29");
    EXPECT_EQ(resolve("2주 후에 시험"), "2026-12-11");
    EXPECT_EQ(resolve("일주일 뒤에 봐요"), "2026-12-04");
    EXPECT_EQ(resolve("이번 달 30일"), "2026-11-30");
    EXPECT_EQ(resolve("크리스마스에 뭐 해요"), "2026-12-25");
    EXPECT_EQ(resolve("크리스마스 이브"), "2026-12-24");
    EXPECT_EQ(resolve("설날에 부산 가요"), "2027-02-06");
    EXPECT_EQ(resolve("추석에 할머니 댁"), "2027-09-15");
    EXPECT_EQ(resolve("새해 첫날"), "2027-01-01");
    EXPECT_EQ(resolve("I'm off this weekend"), "2026-11-28");
    EXPECT_EQ(resolve("next weekend"), "2026-12-05");
    EXPECT_EQ(resolve("in two weeks"), "2026-12-11");
    EXPECT_EQ(resolve("in 3 days"), "2026-11-30");
    EXPECT_EQ(resolve("a week from today"), "2026-12-04");
    EXPECT_EQ(resolve("on Christmas Eve"), "2026-12-24");
    EXPECT_EQ(resolve("on New Year's Day"), "2027-01-01");
    EXPECT_EQ(resolve("on New Year's Eve"), "2026-12-31");
    EXPECT_EQ(resolve("on the 10th of next month"), "2026-12-10");
    EXPECT_EQ(resolve("Halloween"), "2027-10-31");
}

TEST(Dates, ResolveThePastAsPast) {
    EXPECT_EQ(resolve("last Friday"), "2026-11-20");
    EXPECT_EQ(resolve("I met her last night"), "2026-11-26");
    EXPECT_EQ(resolve("two weeks ago"), "2026-11-13");
    EXPECT_EQ(resolve("지난주 금요일에 면접 봤어요"), "2026-11-20");
    EXPECT_EQ(resolve("저번 주 화요일에"), "2026-11-17");
    EXPECT_EQ(resolve("지난 토요일에"), "2026-11-21");
}

TEST(Dates, HabitsAreNotDates) {
    EXPECT_EQ(resolve("every Friday I swim"), "none");
    EXPECT_EQ(resolve("토요일마다 요가를 해요"), "none");
    EXPECT_EQ(resolve("매주 토요일에 등산해요"), "none");
    EXPECT_EQ(resolve("주말마다 등산해요"), "none");
}

TEST(Dates, TheTimeOfDayGoesWithTheDate) {
    const std::string en = "I have a meeting tomorrow at 3pm with Sam";
    const auto e = find_date(en, today);
    ASSERT_TRUE(e);
    EXPECT_EQ(en.substr(e->begin, e->end - e->begin), "tomorrow at 3pm");
    const std::string ko = "내일 오후 3시에 면접 있어요";
    const auto k = find_date(ko, today);
    ASSERT_TRUE(k);
    EXPECT_EQ(ko.substr(k->begin, k->end - k->begin), "내일 오후 3시에");
    EXPECT_TRUE(find_date("December 3", today)->month_named);
    EXPECT_FALSE(find_date("tomorrow", today)->month_named);
}

TEST(Dates, IgnoreTextWithoutADate) {
    EXPECT_EQ(resolve("I like coffee"), "none");
    EXPECT_EQ(resolve("3일 동안 아팠어요"), "none");
    EXPECT_EQ(resolve("다음 주에 봐요"), "none");
    EXPECT_EQ(resolve("I go running on Fridays"), "none");
    EXPECT_EQ(resolve("I have 3 cats"), "none");
}

TEST(Dates, ReportWhereTheExpressionIs) {
    const std::string text = "I have a job interview tomorrow, wish me luck";
    const auto found = find_date(text, today);
    ASSERT_TRUE(found);
    EXPECT_EQ(text.substr(found->begin, found->end - found->begin), "tomorrow");
    const std::string ko = "다음 주 화요일에 시험 봐요";
    const auto k = find_date(ko, today);
    ASSERT_TRUE(k);
    EXPECT_EQ(ko.substr(k->begin, k->end - k->begin), "다음 주 화요일에");
}

} // namespace
} // namespace samantha::memory
