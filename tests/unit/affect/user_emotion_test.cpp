#include "affect/user_emotion.h"

#include <gtest/gtest.h>

namespace samantha::affect {
namespace {

UserEmotion feel(std::string_view text) {
    return recognize_emotion(text, *builtin_lexicon());
}

TEST(UserEmotion, BuiltinLexiconsParse) {
    const auto lexicon = builtin_lexicon();
    EXPECT_GT(lexicon->english.size(), 80U);
    EXPECT_GT(lexicon->korean.size(), 80U);
    EXPECT_GT(lexicon->symbols.size(), 30U);
}

TEST(UserEmotion, NeutralTextIsNeutral) {
    const auto e = feel("I went to the store and bought some bread.");
    EXPECT_EQ(e.label, EmotionLabel::Neutral);
    EXPECT_FLOAT_EQ(e.valence, 0.0f);
    EXPECT_FLOAT_EQ(e.intensity, 0.0f);
}

TEST(UserEmotion, RecognisesEnglishEmotions) {
    EXPECT_EQ(feel("I failed my exam today and I'm so sad").label, EmotionLabel::Sadness);
    EXPECT_EQ(feel("I got promoted!!").label, EmotionLabel::Excitement);
    EXPECT_EQ(feel("I'm really nervous about tomorrow").label, EmotionLabel::Anxiety);
    EXPECT_EQ(feel("I feel so lonely tonight").label, EmotionLabel::Loneliness);
    EXPECT_EQ(feel("I'm exhausted").label, EmotionLabel::Tiredness);
    EXPECT_EQ(feel("My boss is so annoying, I'm furious").label, EmotionLabel::Anger);
    EXPECT_EQ(feel("Thank you so much").label, EmotionLabel::Gratitude);
    EXPECT_GT(feel("I'm so happy today").valence, 0.5f);
    EXPECT_LT(feel("I'm so sad").valence, -0.5f);
}

TEST(UserEmotion, RecognisesKoreanEmotions) {
    EXPECT_EQ(feel("오늘 시험 망했어요 너무 슬퍼요").label, EmotionLabel::Sadness);
    EXPECT_EQ(feel("합격했어요!!").label, EmotionLabel::Excitement);
    EXPECT_EQ(feel("내일 면접이라 너무 긴장돼요").label, EmotionLabel::Anxiety);
    EXPECT_EQ(feel("요즘 너무 외로워").label, EmotionLabel::Loneliness);
    EXPECT_EQ(feel("진짜 짜증나").label, EmotionLabel::Anger);
    EXPECT_EQ(feel("오늘 너무 피곤해요").label, EmotionLabel::Tiredness);
    EXPECT_EQ(feel("고마워요").label, EmotionLabel::Gratitude);
    EXPECT_GT(feel("정말 행복해요").valence, 0.5f);
}

TEST(UserEmotion, NegationFlipsValence) {
    EXPECT_LT(feel("I'm not happy").valence, 0.0f);
    EXPECT_GT(feel("I'm not sad anymore").valence, 0.0f);
    EXPECT_LT(feel("기분이 안 좋아요").valence, 0.0f);
    EXPECT_LT(feel("행복하지 않아요").valence, 0.0f);
    EXPECT_LT(feel("안좋아").valence, 0.0f);
}

TEST(UserEmotion, IntensifiersStrengthenAndDiminishersSoften) {
    EXPECT_GT(feel("I'm very sad").intensity, feel("I'm sad").intensity);
    EXPECT_LT(feel("I'm a bit sad").intensity, feel("I'm sad").intensity);
    EXPECT_GT(feel("너무 슬퍼요").intensity, feel("슬퍼요").intensity);
}

TEST(UserEmotion, EmoticonsAndEmojiCount) {
    EXPECT_EQ(feel("ㅠㅠ").label, EmotionLabel::Sadness);
    EXPECT_EQ(feel("😭😭").label, EmotionLabel::Sadness);
    EXPECT_EQ(feel("ㅋㅋㅋㅋ").label, EmotionLabel::Joy);
    EXPECT_EQ(feel(":)").label, EmotionLabel::Joy);
    EXPECT_EQ(feel("😡").label, EmotionLabel::Anger);
}

TEST(UserEmotion, ExclamationsRaiseArousal) {
    EXPECT_GT(feel("I'm happy!!!").arousal, feel("I'm happy").arousal);
}

TEST(UserEmotion, ValuesStayInRange) {
    for (const char* text : {"SO SO SO ANGRY!!!!!! furious furious furious 😡😡😡",
                             "너무너무 행복해 최고 대박 ㅋㅋㅋㅋ 🥳🥳",
                             "not not not sad"}) {
        const auto e = feel(text);
        EXPECT_GE(e.valence, -1.0f);
        EXPECT_LE(e.valence, 1.0f);
        EXPECT_GE(e.arousal, -1.0f);
        EXPECT_LE(e.arousal, 1.0f);
        EXPECT_GE(e.intensity, 0.0f);
        EXPECT_LE(e.intensity, 1.0f);
    }
}

TEST(Lexicon, ReportsBadRowsWithTheirLine) {
    auto bad =
        parse_lexicon("# comment\nhappy\t0.8\t0.4\tjoy\nsad\tminus\t0\tsadness\n", "test.tsv");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("line 3"), std::string::npos);
    EXPECT_FALSE(parse_lexicon("x\t0.1\t0.1\tglee\n", "t"));
    EXPECT_FALSE(parse_lexicon("x\t1.5\t0.1\tjoy\n", "t"));
    EXPECT_FALSE(parse_lexicon("x\t0.1\n", "t"));
}

} // namespace
} // namespace samantha::affect
