#include "dialogue/composer.h"

#include <gtest/gtest.h>

#include "core/text.h"
#include "core/time.h"

namespace samantha::dialogue {
namespace {

Plan smalltalk_plan() {
    return Plan{
        .strategy = Strategy::FollowUp,
        .moves = {Move{.section = "smalltalk", .slots = {}, .optional = false, .items = {}}}};
}

TEST(Composer, NeverRepeatsASentenceWithinTwentyTurns) {
    for (const auto language : {Language::English, Language::Korean}) {
        const auto book = builtin_phrasebook(language);
        core::Rng rng(42);
        std::vector<std::string> replies;
        for (int turn = 0; turn < 40; ++turn) {
            RecentSentences recent;
            for (std::size_t k = replies.size() > 20 ? replies.size() - 20 : 0; k < replies.size();
                 ++k) {
                for (auto& s : core::split_sentences(replies[k])) {
                    recent.insert(s);
                }
            }
            const std::string reply =
                compose(smalltalk_plan(), *book, SpeechLevel::Polite, language, recent, rng);
            ASSERT_FALSE(reply.empty());
            for (const auto& sentence : core::split_sentences(reply)) {
                EXPECT_FALSE(recent.contains(sentence))
                    << "turn " << turn << " repeated: " << sentence;
            }
            replies.push_back(reply);
        }
    }
}

TEST(Composer, DropsOptionalMovesItCannotSayFresh) {
    const auto book = builtin_phrasebook(Language::English);
    core::Rng rng(1);
    RecentSentences recent;
    for (const auto& phrase : book->section("ask.name")) {
        for (auto& s : core::split_sentences(phrase.polite)) {
            recent.insert(s);
        }
    }
    Plan plan{.strategy = Strategy::Greet,
              .moves = {Move{.section = "greet.evening",
                             .slots = {{"self", "Samantha"}},
                             .optional = false,
                             .items = {}},
                        Move{.section = "ask.name", .slots = {}, .optional = true, .items = {}}}};
    const std::string reply =
        compose(plan, *book, SpeechLevel::Polite, Language::English, recent, rng);
    EXPECT_FALSE(reply.empty());
    EXPECT_EQ(reply.find("name"), std::string::npos);
}

TEST(Composer, SpeaksTheChosenKoreanLevel) {
    const auto book = builtin_phrasebook(Language::Korean);
    Plan plan{
        .strategy = Strategy::Goodbye,
        .moves = {Move{
            .section = "goodbye", .slots = {{"name", "민지"}}, .optional = false, .items = {}}}};
    for (int seed = 0; seed < 10; ++seed) {
        core::Rng polite_rng(static_cast<std::uint64_t>(seed));
        core::Rng casual_rng(static_cast<std::uint64_t>(seed));
        const auto polite =
            compose(plan, *book, SpeechLevel::Polite, Language::Korean, {}, polite_rng);
        const auto casual =
            compose(plan, *book, SpeechLevel::Casual, Language::Korean, {}, casual_rng);
        EXPECT_TRUE(polite.find("요") != std::string::npos ||
                    polite.find("세요") != std::string::npos)
            << polite;
        EXPECT_EQ(casual.find("요."), std::string::npos) << casual;
    }
}

TEST(Composer, FillsTheListFromItems) {
    const auto book = builtin_phrasebook(Language::English);
    core::Rng rng(3);
    Move summary{.section = "memory.summary", .slots = {}, .optional = false, .items = {}};
    summary.items.push_back(Move{
        .section = "summary.name", .slots = {{"value", "Mina"}}, .optional = false, .items = {}});
    summary.items.push_back(Move{
        .section = "summary.city", .slots = {{"value", "Busan"}}, .optional = false, .items = {}});
    const auto reply = compose(Plan{.strategy = Strategy::AnswerMemory, .moves = {summary}},
                               *book,
                               SpeechLevel::Polite,
                               Language::English,
                               {},
                               rng);
    EXPECT_NE(reply.find("your name is Mina; you live in Busan"), std::string::npos) << reply;
}

TEST(DescribeDate, SaysDatesAsPeopleDo) {
    const CivilDate today{.year = 2026, .month = 11, .day = 27}; // Friday
    EXPECT_EQ(describe_date(today, today, Language::English), "today");
    EXPECT_EQ(describe_date(core::add_days(today, 1), today, Language::Korean), "내일");
    EXPECT_EQ(describe_date({.year = 2026, .month = 12, .day = 1}, today, Language::English),
              "on Tuesday");
    EXPECT_EQ(describe_date({.year = 2026, .month = 12, .day = 4}, today, Language::English),
              "next Friday");
    EXPECT_EQ(describe_date({.year = 2026, .month = 12, .day = 1}, today, Language::Korean),
              "다음 주 화요일");
    EXPECT_EQ(describe_date({.year = 2026, .month = 12, .day = 25}, today, Language::English),
              "on December 25");
    EXPECT_EQ(describe_date({.year = 2026, .month = 12, .day = 25}, today, Language::Korean),
              "12월 25일");
}

} // namespace
} // namespace samantha::dialogue
