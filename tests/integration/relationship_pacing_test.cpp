// The relationship grows at a human tempo (issue #3's calibration), driven through the engine by a
// simulated person who talks warmly for about fifteen minutes every evening.
#include <gtest/gtest.h>
#include <samantha/engine.h>

#include "fakes/daily_life.h"
#include "fakes/fake_clock.h"

namespace samantha {
namespace {

using testing::CasualAnswer;
using testing::DayRecord;

constexpr int messages_per_day = 10; // ninety seconds apart: about fifteen minutes

int stage_rank(const std::string& stage) {
    static const std::vector<std::string> ladder = {
        "initiating", "experimenting", "intensifying", "integrating", "bonding"};
    const auto it = std::find(ladder.begin(), ladder.end(), stage);
    return it == ladder.end() ? -1 : static_cast<int>(it - ladder.begin());
}

// The first day on which `stage` was reached, or 0.
int first_day(const std::vector<DayRecord>& days, const std::string& stage) {
    for (const auto& d : days) {
        if (stage_rank(d.stage) >= stage_rank(stage)) {
            return d.day;
        }
    }
    return 0;
}

class Pacing : public ::testing::Test {
protected:
    std::unique_ptr<Conversation> open(const std::string& role) {
        Config config;
        config.data_dir = m_dir.path();
        config.role = role;
        auto engine = Engine::open(config, m_clock, Logger{});
        EXPECT_TRUE(engine) << engine.error().message;
        m_engine = std::move(*engine);
        auto c = m_engine->conversation("sim");
        EXPECT_TRUE(c);
        return std::move(*c);
    }

    testing::TempDir m_dir;
    std::shared_ptr<testing::FakeClock> m_clock = std::make_shared<testing::FakeClock>(
        testing::FakeClock::moment("2026-11-27T20:00:00+09:00"));
    std::unique_ptr<Engine> m_engine;
};

TEST_F(Pacing, DayOneNeverPassesExperimentingHoweverManyMessages) {
    auto c = open("partner");
    const auto day = testing::simulate_days(*c, Language::English, 1, 1, 300, CasualAnswer::Accept);
    ASSERT_EQ(day.size(), 1U);
    EXPECT_LE(stage_rank(day[0].stage), stage_rank("experimenting")) << day[0].stage;
}

TEST_F(Pacing,
       AWarmDailyFriendshipIntensifiesBetweenDayFiveAndThirtyAndIntegratesFromDayTwentyOne) {
    for (const Language language : {Language::English, Language::Korean}) {
        testing::TempDir dir;
        Config config;
        config.data_dir = dir.path();
        auto engine = Engine::open(config, m_clock, Logger{});
        ASSERT_TRUE(engine);
        auto c = (*engine)->conversation("sim");
        ASSERT_TRUE(c);
        const auto days =
            testing::simulate_days(**c, language, 1, 90, messages_per_day, CasualAnswer::Accept);
        const int intensifying = first_day(days, "intensifying");
        const int integrating = first_day(days, "integrating");
        EXPECT_GE(intensifying, 5) << language_code(language);
        EXPECT_LE(intensifying, 30) << language_code(language);
        EXPECT_NE(intensifying, 0);
        EXPECT_GE(integrating, 21) << language_code(language);
        EXPECT_NE(integrating, 0) << "integrating never came in 90 days";
        for (const auto& d : days) {
            EXPECT_NE(d.stage, "bonding") << "a friendship does not bond (day " << d.day << ")";
        }
        // Stages never skip: each day's stage is at most one rung above the day before.
        for (std::size_t i = 1; i < days.size(); ++i) {
            EXPECT_LE(stage_rank(days[i].stage) - stage_rank(days[i - 1].stage), 1)
                << "day " << days[i].day;
        }
    }
}

TEST_F(Pacing, APartnerBondsNoEarlierThanDaySixty) {
    auto c = open("partner");
    const auto days = testing::simulate_days(
        *c, Language::English, 1, 120, messages_per_day, CasualAnswer::Accept);
    const int bonding = first_day(days, "bonding");
    EXPECT_GE(bonding, 60);
    EXPECT_NE(bonding, 0) << "a warm partner relationship should bond within four months";
}

TEST_F(Pacing, FourWeeksOfSilenceCoolsTheRelationshipAndCanStepItBack) {
    auto c = open("friend");
    const auto before = testing::simulate_days(
        *c, Language::English, 1, 30, messages_per_day, CasualAnswer::Accept);
    ASSERT_EQ(before.back().stage, "integrating");
    const auto after =
        testing::simulate_days(*c, Language::English, 30 + 28, 1, 1, CasualAnswer::Accept);
    EXPECT_LT(after[0].closeness, before.back().closeness * 0.8f)
        << "closeness " << before.back().closeness << " → " << after[0].closeness;
    EXPECT_LT(stage_rank(after[0].stage), stage_rank("integrating")) << after[0].stage;
}

TEST_F(Pacing, SamanthaProposesBanmalOnceAndTheChoiceChangesEveryLaterReply) {
    auto c = open("friend");
    const auto days =
        testing::simulate_days(*c, Language::Korean, 1, 30, messages_per_day, CasualAnswer::Accept);
    EXPECT_EQ(days.back().speech, "casual");
    // After the switch every reply speaks 반말: no sentence ends in the polite 요.
    const auto later =
        testing::simulate_days(*c, Language::Korean, 31, 2, messages_per_day, CasualAnswer::Accept);
    for (const auto& d : later) {
        EXPECT_EQ(d.speech, "casual");
        for (const auto& sentence : core::split_sentences(d.last_reply)) {
            EXPECT_FALSE(sentence.ends_with("요.") || sentence.ends_with("요?") ||
                         sentence.ends_with("요!"))
                << sentence;
        }
    }
}

TEST_F(Pacing, ARefusalIsRespectedForTwoWeeks) {
    auto c = open("friend");
    std::vector<int> proposal_days;
    for (int day = 1; day <= 40; ++day) {
        const Moment start = testing::FakeClock::moment("2026-11-27T20:00:00+09:00");
        for (int i = 0; i < messages_per_day; ++i) {
            Moment at = start;
            at.utc += std::chrono::days(day - 1) + std::chrono::seconds(90 * i);
            auto out = c->turn(TurnInput{
                .text = std::string(testing::daily_message(Language::Korean, day, i)), .at = at});
            ASSERT_TRUE(out) << out.error().message;
            if (core::contains(out->reply, "말 편하게 할까")) {
                proposal_days.push_back(day);
                at.utc += std::chrono::seconds(30);
                auto refused =
                    c->turn(TurnInput{.text = "아니요, 아직은 존댓말이 편해요.", .at = at});
                ASSERT_TRUE(refused);
                EXPECT_EQ(refused->strategy, "speech_level");
                EXPECT_EQ(refused->relationship.speech_level, SpeechLevel::Polite);
                break;
            }
        }
    }
    ASSERT_GE(proposal_days.size(), 2U) << "Samantha should ask again once two weeks have passed";
    for (std::size_t i = 1; i < proposal_days.size(); ++i) {
        EXPECT_GE(proposal_days[i] - proposal_days[i - 1], 14);
    }
}

TEST_F(Pacing, ThePersonMayProposeBanmalAtAnyTime) {
    auto c = open("friend");
    const Moment at = testing::FakeClock::moment("2026-11-27T20:00:00+09:00");
    ASSERT_TRUE(c->turn(TurnInput{.text = "안녕하세요", .at = at}));
    auto out = c->turn(TurnInput{.text = "우리 말 편하게 해요!", .at = at});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->relationship.speech_level, SpeechLevel::Casual);
    EXPECT_TRUE(core::contains(out->reply, "편하게 말할게")) << out->reply;
    auto next = c->turn(TurnInput{.text = "오늘 회사에서 힘들었어요", .at = at});
    ASSERT_TRUE(next);
    EXPECT_FALSE(core::contains(next->reply, "요.")) << next->reply;
    auto back = c->turn(TurnInput{.text = "역시 존댓말 해 주세요", .at = at});
    ASSERT_TRUE(back);
    EXPECT_EQ(back->relationship.speech_level, SpeechLevel::Polite);
}

} // namespace
} // namespace samantha
