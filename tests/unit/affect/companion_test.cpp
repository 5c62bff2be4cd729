#include "affect/companion.h"

#include <gtest/gtest.h>

namespace samantha::affect {
namespace {

using std::chrono::hours;
using std::chrono::sys_seconds;

constexpr sys_seconds t0{std::chrono::seconds{1'800'000'000}};

const Temperament samantha = temperament_from(Traits{.openness = 0.85f,
                                                     .conscientiousness = 0.6f,
                                                     .extraversion = 0.65f,
                                                     .agreeableness = 0.85f,
                                                     .neuroticism = 0.3f});

AffectState fresh() {
    return decay(AffectState{}, samantha, t0);
}

TEST(Temperament, AgreeableExtravertsStartInAPleasantMood) {
    EXPECT_GT(samantha.baseline.pleasure, 0.3f);
    const auto anxious = temperament_from(Traits{.agreeableness = 0.2f, .neuroticism = 0.9f});
    EXPECT_LT(anxious.baseline.pleasure, samantha.baseline.pleasure);
    EXPECT_GT(anxious.reactivity, samantha.reactivity);
}

TEST(Appraisal, FollowsOcc) {
    const auto sad = appraise(
        Appraisal{.user = {.label = EmotionLabel::Sadness, .valence = -0.7f, .intensity = 0.6f}},
        samantha,
        t0);
    ASSERT_FALSE(sad.empty());
    EXPECT_EQ(sad.front().kind, CompanionEmotion::Concern);
    const auto joy = appraise(
        Appraisal{.user = {.label = EmotionLabel::Joy, .valence = 0.8f, .intensity = 0.6f}},
        samantha,
        t0);
    EXPECT_EQ(joy.front().kind, CompanionEmotion::HappyFor);
    const auto insult = appraise(Appraisal{.insulted = true}, samantha, t0);
    EXPECT_EQ(insult.front().kind, CompanionEmotion::Hurt);
    const auto thanks = appraise(Appraisal{.thanked = true}, samantha, t0);
    EXPECT_EQ(thanks.front().kind, CompanionEmotion::Gratitude);
    const auto absence = appraise(Appraisal{.hours_since_last_turn = 24.0 * 5}, samantha, t0);
    EXPECT_EQ(absence.front().kind, CompanionEmotion::Missing);
    const auto relief = appraise(
        Appraisal{.user = {.label = EmotionLabel::Joy, .valence = 0.6f}, .worry_resolved = true},
        samantha,
        t0);
    EXPECT_TRUE(std::any_of(relief.begin(), relief.end(), [](const auto& e) {
        return e.kind == CompanionEmotion::Relief;
    }));
}

TEST(Emotion, DecaysWithItsHalfLife) {
    auto state = feel(fresh(), {ActiveEmotion{CompanionEmotion::Concern, 0.8f, t0}}, samantha);
    const auto later = decay(state, samantha, t0 + emotion_half_life(CompanionEmotion::Concern));
    ASSERT_FALSE(later.emotions.empty());
    EXPECT_NEAR(later.emotions.front().intensity, state.emotions.front().intensity / 2, 1e-3);
    // A sad evening is still felt the next morning, a little, and gone in two days.
    const auto morning = decay(state, samantha, t0 + hours(12));
    ASSERT_FALSE(morning.emotions.empty());
    EXPECT_GT(morning.emotions.front().intensity, 0.1f);
    EXPECT_TRUE(decay(state, samantha, t0 + hours(48)).emotions.empty());
}

TEST(Mood, IsPulledByEmotionsAndDriftsBackToBaseline) {
    const auto start = fresh();
    auto low = feel(start, {ActiveEmotion{CompanionEmotion::Concern, 1.0f, t0}}, samantha);
    EXPECT_LT(low.mood.pleasure, start.mood.pleasure);
    const auto after_4h = decay(low, samantha, t0 + hours(4));
    const float gap_now = start.mood.pleasure - low.mood.pleasure;
    const float gap_4h = start.mood.pleasure - after_4h.mood.pleasure;
    EXPECT_NEAR(gap_4h, gap_now / 2, 1e-3);
    EXPECT_NEAR(
        decay(low, samantha, t0 + hours(72)).mood.pleasure, samantha.baseline.pleasure, 1e-3);
}

TEST(Affect, IsDeterministicAndRoundTripsThroughStorageText) {
    const auto a = feel(
        fresh(), appraise(Appraisal{.thanked = true, .insulted = true}, samantha, t0), samantha);
    const auto b = feel(
        fresh(), appraise(Appraisal{.thanked = true, .insulted = true}, samantha, t0), samantha);
    EXPECT_EQ(encode_emotions(a.emotions), encode_emotions(b.emotions));
    const auto decoded = decode_emotions(encode_emotions(a.emotions));
    ASSERT_EQ(decoded.size(), a.emotions.size());
    EXPECT_EQ(decoded[0].kind, a.emotions[0].kind);
    EXPECT_NEAR(decoded[0].intensity, a.emotions[0].intensity, 1e-3);
    EXPECT_TRUE(decode_emotions("garbage;;joy:x:1;unknown:0.5:3").size() <= 1);
}

} // namespace
} // namespace samantha::affect
