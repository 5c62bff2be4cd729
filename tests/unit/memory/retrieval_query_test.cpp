#include "memory/retrieval_query.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace samantha::memory {
namespace {

// A Wednesday.
constexpr CivilDate today{2026, 11, 25};

DateRange days(CivilDate from, CivilDate to) {
    return DateRange{.from = from, .to = to};
}

TEST(FindPeriod, EnglishRelativeDaysWeeksMonthsAndYears) {
    EXPECT_EQ(find_period("what did I do yesterday?", today), days({2026, 11, 24}, {2026, 11, 24}));
    EXPECT_EQ(find_period("the movie last week", today), days({2026, 11, 16}, {2026, 11, 22}));
    EXPECT_EQ(find_period("this week", today), days({2026, 11, 23}, {2026, 11, 25}));
    EXPECT_EQ(find_period("last weekend", today), days({2026, 11, 21}, {2026, 11, 22}));
    EXPECT_EQ(find_period("last month", today), days({2026, 10, 1}, {2026, 10, 31}));
    EXPECT_EQ(find_period("last year", today), days({2025, 1, 1}, {2025, 12, 31}));
    EXPECT_EQ(find_period("last Friday", today), days({2026, 11, 20}, {2026, 11, 20}));
    EXPECT_EQ(find_period("two weeks ago", today), days({2026, 11, 8}, {2026, 11, 14}));
    EXPECT_EQ(find_period("3 days ago", today), days({2026, 11, 21}, {2026, 11, 23}));
}

TEST(FindPeriod, EnglishMonthsYearsAndDays) {
    EXPECT_EQ(find_period("when did we go camping in June?", today),
              days({2026, 6, 1}, {2026, 6, 30}));
    EXPECT_EQ(find_period("in December", today), days({2025, 12, 1}, {2025, 12, 31}));
    EXPECT_EQ(find_period("what happened in July 2023", today), days({2023, 7, 1}, {2023, 7, 31}));
    EXPECT_EQ(find_period("in 2024", today), days({2024, 1, 1}, {2024, 12, 31}));
    EXPECT_EQ(find_period("on October 13, 2023", today), days({2023, 10, 13}, {2023, 10, 13}));
    EXPECT_EQ(find_period("on 3 June, 2023", today), days({2023, 6, 3}, {2023, 6, 3}));
    EXPECT_EQ(find_period("the 5th of May", today), days({2026, 5, 5}, {2026, 5, 5}));
    // "may" the verb is not a month.
    EXPECT_FALSE(find_period("I may go in the evening", today));
    EXPECT_FALSE(find_period("tell me about my sister", today));
}

TEST(FindPeriod, Korean) {
    EXPECT_EQ(find_period("어제 뭐 했지?", today), days({2026, 11, 24}, {2026, 11, 24}));
    EXPECT_EQ(find_period("그저께 만난 친구", today), days({2026, 11, 23}, {2026, 11, 23}));
    EXPECT_EQ(find_period("지난주에 본 영화", today), days({2026, 11, 16}, {2026, 11, 22}));
    EXPECT_EQ(find_period("지난 주말에", today), days({2026, 11, 21}, {2026, 11, 22}));
    EXPECT_EQ(find_period("지난달에 이사했어요", today), days({2026, 10, 1}, {2026, 10, 31}));
    EXPECT_EQ(find_period("작년에", today), days({2025, 1, 1}, {2025, 12, 31}));
    EXPECT_EQ(find_period("6월에 캠핑", today), days({2026, 6, 1}, {2026, 6, 30}));
    EXPECT_EQ(find_period("2023년에", today), days({2023, 1, 1}, {2023, 12, 31}));
    EXPECT_EQ(find_period("3일 전에", today), days({2026, 11, 21}, {2026, 11, 23}));
    EXPECT_EQ(find_period("12월 3일에 뭐 있지?", today), days({2026, 12, 3}, {2026, 12, 3}));
    EXPECT_EQ(find_period("지난 금요일", today), days({2026, 11, 20}, {2026, 11, 20}));
}

TEST(MentionsTime, RelativeDaysWeekdaysMonthsAndYears) {
    EXPECT_TRUE(mentions_time("I went to a support group yesterday"));
    EXPECT_TRUE(mentions_time("We ran a race last Sunday"));
    EXPECT_TRUE(mentions_time("Back in 2022 I painted that"));
    EXPECT_TRUE(mentions_time("In May we moved"));
    EXPECT_TRUE(mentions_time("어제 면접 봤어요"));
    EXPECT_TRUE(mentions_time("5월에 결혼해요"));
    EXPECT_TRUE(mentions_time("3일 전에 만났어"));
    EXPECT_FALSE(mentions_time("I may paint a sunset"));
    EXPECT_FALSE(mentions_time("고양이를 좋아해요"));
}

TEST(AnalyseQuery, FindsWhenQuestionsEntitiesAndSynonyms) {
    const auto q =
        analyse_query("When did Caroline go to the support group with her mom?", today, {}, 0.5f);
    EXPECT_TRUE(q.asks_when);
    EXPECT_EQ(q.entities, std::vector<std::string>{english_stem("caroline")});
    const auto has = [&](const std::string& term) {
        return std::any_of(
            q.terms.begin(), q.terms.end(), [&](const auto& t) { return t.term == term; });
    };
    EXPECT_TRUE(has("support"));
    EXPECT_TRUE(has(english_stem("mother"))); // from the synonym table
    EXPECT_FALSE(analyse_query("what do I like?", today, {}, 0.5f).asks_when);
    EXPECT_TRUE(analyse_query("저 언제 면접 봐요?", today, {}, 0.5f).asks_when);
    EXPECT_TRUE(analyse_query("How long have I had my dog?", today, {}, 0.5f).asks_when);
}

TEST(AnalyseQuery, KnownNamesAreEntitiesInEitherLanguage) {
    const auto korean = analyse_query("콩이가 요즘 어때요?", today, {"콩이", "지수"}, 0.5f);
    EXPECT_EQ(korean.entities, std::vector<std::string>{"콩이"});
    const auto english = analyse_query("how is max doing", today, {"Max"}, 0.5f);
    EXPECT_EQ(english.entities, std::vector<std::string>{"max"});
    // Months, weekdays and question words are not names.
    EXPECT_TRUE(analyse_query("What did I do on Monday in May?", today, {}, 0.5f).entities.empty());
}

} // namespace
} // namespace samantha::memory
