#include "voice/prosody.h"

#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

namespace samantha {
namespace {

ProsodyRequest request(std::string text, Language language = Language::English) {
    return ProsodyRequest{.text = std::move(text), .language = language};
}

double mean_rate(const ProsodyPlan& plan) {
    double sum = 0.0;
    for (const auto& p : plan.phrases) {
        sum += p.rate_wpm;
    }
    return sum / static_cast<double>(plan.phrases.size());
}

std::string ten(const std::string& phrase) {
    std::string out;
    for (int i = 0; i < 10; ++i) {
        out += phrase;
    }
    return out;
}

TEST(Phrasing, SplitsAtPunctuationAndKeepsItForIntonation) {
    const auto phrases = voice::split_phrases(
        "Hi Mina, how was the interview? I hoped it went well.", Language::English);
    ASSERT_EQ(phrases.size(), 3U);
    EXPECT_EQ(phrases[0].text, "Hi Mina,");
    EXPECT_EQ(phrases[0].boundary, Boundary::Comma);
    EXPECT_EQ(phrases[1].text, "how was the interview?");
    EXPECT_EQ(phrases[1].boundary, Boundary::Sentence);
    EXPECT_EQ(phrases[2].boundary, Boundary::End);
}

TEST(Phrasing, LongKoreanStretchesBreakAfterAConnectiveEnding) {
    const auto phrases = voice::split_phrases(
        "오늘은 아침부터 비가 많이 와서 우산을 챙겨 나갔는데 버스가 한참 늦게 왔어요.",
        Language::Korean);
    ASSERT_GE(phrases.size(), 2U);
    EXPECT_EQ(phrases[0].boundary, Boundary::Word);
    const std::string& first = phrases[0].text;
    EXPECT_TRUE(first.ends_with("와서") || first.ends_with("나갔는데")) << first;
}

TEST(Phrasing, LongEnglishStretchesBreakBeforeAClauseWord) {
    const auto phrases = voice::split_phrases(
        "I walked all the way to the little bakery and they had run out of bread.",
        Language::English);
    ASSERT_EQ(phrases.size(), 2U);
    EXPECT_TRUE(phrases[1].text.starts_with("and ")) << phrases[1].text;
}

TEST(Phrasing, DropsWhatAVoiceCannotSayAndKeepsDecimals) {
    const auto phrases =
        voice::split_phrases("좋아요~ 😊 It costs 3.5 dollars!! ***", Language::English);
    ASSERT_EQ(phrases.size(), 1U);
    EXPECT_EQ(phrases[0].text, "좋아요 It costs 3.5 dollars!!");
    EXPECT_TRUE(voice::split_phrases("😊 ~ ***", Language::English).empty());
}

TEST(Prosody, SameSeedSamePlanAndOtherSeedsOtherTiming) {
    auto a = plan_prosody(request(ten("one two three, ")));
    auto b = plan_prosody(request(ten("one two three, ")));
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->phrases.size(), 10U);
    for (std::size_t i = 0; i < a->phrases.size(); ++i) {
        EXPECT_EQ(a->phrases[i].rate_wpm, b->phrases[i].rate_wpm);
        EXPECT_EQ(a->phrases[i].pause_ms, b->phrases[i].pause_ms);
    }
    auto other = request(ten("one two three, "));
    other.seed = 2;
    auto c = plan_prosody(other);
    ASSERT_TRUE(c);
    EXPECT_NE(a->phrases[0].rate_wpm, c->phrases[0].rate_wpm);
}

TEST(Prosody, TempoDriftsAroundTheBaseRateAndRevertsToIt) {
    // Over many phrases the log rate averages to the base and spreads by about the profile's
    // variability; consecutive phrases are correlated (φ = 0.5).
    auto r = request(ten(ten("one two three, ")));
    auto plan = plan_prosody(r);
    ASSERT_TRUE(plan);
    std::vector<double> logs;
    for (const auto& p : plan->phrases) {
        logs.push_back(std::log(p.rate_wpm / r.voice.rate_wpm));
    }
    const double mean = std::accumulate(logs.begin(), logs.end(), 0.0) / logs.size();
    double var = 0.0;
    double cov = 0.0;
    for (std::size_t i = 0; i < logs.size(); ++i) {
        var += (logs[i] - mean) * (logs[i] - mean);
        if (i > 0) {
            cov += (logs[i] - mean) * (logs[i - 1] - mean);
        }
    }
    EXPECT_NEAR(mean, 0.0, 0.05);
    EXPECT_NEAR(std::sqrt(var / logs.size()), r.voice.tempo_variability, 0.04);
    EXPECT_GT(cov / var, 0.2); // the process remembers: a fast phrase tends to follow a fast one
    EXPECT_LT(cov / var, 0.8); // … and reverts
}

TEST(Prosody, PlainModeHasOneRateAndUniformPauses) {
    auto r = request(ten("one two three, ") + "And the end.");
    r.humanised = false;
    auto plan = plan_prosody(r);
    ASSERT_TRUE(plan);
    for (const auto& p : plan->phrases) {
        EXPECT_EQ(p.rate_wpm, plan->phrases[0].rate_wpm);
        EXPECT_TRUE(p.hesitation.empty());
        EXPECT_EQ(p.final_lengthening, 1.0f);
        if (p.boundary != Boundary::End) {
            EXPECT_EQ(p.pause_ms, plan->phrases[0].pause_ms);
        }
    }
}

TEST(Prosody, PausesGrowWithTheBoundary) {
    double comma = 0;
    double sentence = 0;
    int commas = 0;
    int sentences = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        auto r = request("One, two. Three, four. Five, six. Seven.");
        r.seed = seed;
        auto plan = plan_prosody(r);
        ASSERT_TRUE(plan);
        for (const auto& p : plan->phrases) {
            if (p.boundary == Boundary::Comma) {
                comma += p.pause_ms;
                ++commas;
            } else if (p.boundary == Boundary::Sentence) {
                sentence += p.pause_ms;
                ++sentences;
            } else if (p.boundary == Boundary::End) {
                EXPECT_EQ(p.pause_ms, 0.0);
            }
        }
    }
    EXPECT_GT(sentence / sentences, 1.4 * comma / commas);
}

TEST(Prosody, EmotionsMoveTheVoiceAsTheLiteratureSays) {
    const auto with = [](const std::string& emotion) {
        auto r = request("I heard what happened today, and I am here for you.");
        r.emotion = emotion;
        return *plan_prosody(r);
    };
    const ProsodyPlan sad = with("sadness");
    const ProsodyPlan joy = with("joy");
    const ProsodyPlan neutral = with("neutral");
    const ProsodyPlan anger = with("anger");
    EXPECT_LT(mean_rate(sad), 0.9 * mean_rate(neutral));
    EXPECT_GT(mean_rate(joy), 1.05 * mean_rate(neutral));
    EXPECT_LT(sad.phrases[0].pitch_hz, joy.phrases[0].pitch_hz);
    EXPECT_LT(sad.phrases[0].pitch_range, joy.phrases[0].pitch_range);
    EXPECT_LT(sad.phrases[0].loudness_db, neutral.phrases[0].loudness_db);
    EXPECT_GT(anger.phrases[0].loudness_db, joy.phrases[0].loudness_db);
    // Samantha's own emotions map onto these: hurt sounds sad.
    const ProsodyPlan hurt = with("hurt");
    EXPECT_EQ(hurt.phrases[0].rate_wpm, sad.phrases[0].rate_wpm);
}

TEST(Prosody, FillersComeMoreOftenWhenTheMomentIsEmotional) {
    int neutral = 0;
    int sad = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        auto r = request(ten("one two three, "), Language::Korean);
        r.seed = seed;
        const auto calm = plan_prosody(r);
        ASSERT_TRUE(calm);
        for (const auto& p : calm->phrases) {
            neutral += p.hesitation.empty() ? 0 : 1;
        }
        r.emotion = "sadness";
        const auto moved = plan_prosody(r);
        ASSERT_TRUE(moved);
        for (const auto& p : moved->phrases) {
            sad += p.hesitation.empty() ? 0 : 1;
            if (!p.hesitation.empty()) {
                EXPECT_TRUE(p.hesitation == "음" || p.hesitation == "어" ||
                            p.hesitation == "그러니까");
                EXPECT_GE(p.hesitation_pause_ms, 150.0);
            }
        }
    }
    EXPECT_GT(neutral, 0);
    EXPECT_GT(sad, 2 * neutral);
}

TEST(Prosody, RejectsAnUnknownEmotionOrIntensity) {
    auto r = request("hello");
    r.emotion = "ennui";
    auto plan = plan_prosody(r);
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(plan.error().message.find("unknown emotion 'ennui'"), std::string::npos);
    EXPECT_NE(plan.error().message.find("sadness"), std::string::npos);
    r.emotion = "joy";
    r.intensity = 1.5f;
    EXPECT_FALSE(plan_prosody(r));
    r.intensity = std::nanf("");
    EXPECT_FALSE(plan_prosody(r));
}

TEST(Prosody, AStreamedReplyCarriesItsTempoAcrossSentences) {
    auto r = request("");
    auto planner = ProsodyPlanner::open(r);
    ASSERT_TRUE(planner);
    const ProsodyPlan first = planner->next("One two three.", ProsodyPlanner::Piece::Continues);
    const ProsodyPlan second = planner->next("Four five six.");
    auto whole = plan_prosody(request("One two three. Four five six."));
    ASSERT_EQ(first.phrases.size(), 1U);
    ASSERT_EQ(second.phrases.size(), 1U);
    ASSERT_EQ(whole->phrases.size(), 2U);
    // Same random stream: the second sentence's rate matches the second phrase of the whole.
    EXPECT_EQ(first.phrases[0].rate_wpm, whole->phrases[0].rate_wpm);
    EXPECT_EQ(second.phrases[0].rate_wpm, whole->phrases[1].rate_wpm);
    EXPECT_EQ(first.phrases[0].pause_ms, whole->phrases[0].pause_ms); // a sentence pause between
    EXPECT_EQ(second.phrases[0].pause_ms, 0.0);
}

TEST(Prosody, EmptyTextGivesAnEmptyPlan) {
    auto plan = plan_prosody(request("   "));
    ASSERT_TRUE(plan);
    EXPECT_TRUE(plan->phrases.empty());
}

} // namespace
} // namespace samantha
