#include "affect/user_emotion.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "nlu/emotion.h"

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

bool has(const std::vector<std::string>& cues, std::string_view cue) {
    return std::find(cues.begin(), cues.end(), cue) != cues.end();
}

TEST(LexiconCues, NameTheHitsNegationAndIntensifiers) {
    const auto& lexicon = *builtin_lexicon();
    const auto not_happy = lexicon_cues("I'm not happy", lexicon);
    EXPECT_TRUE(has(not_happy, "lex:not:joy"));
    EXPECT_TRUE(has(not_happy, "lex:valence:-"));
    EXPECT_FALSE(has(not_happy, "lex:joy"));
    const auto very_sad = lexicon_cues("I'm very sad!", lexicon);
    EXPECT_TRUE(has(very_sad, "lex:sadness"));
    EXPECT_TRUE(has(very_sad, "lex:more"));
    EXPECT_TRUE(has(very_sad, "lex:exclaim"));
    EXPECT_TRUE(has(lexicon_cues("좀 슬퍼요", lexicon), "lex:less"));
    EXPECT_TRUE(has(lexicon_cues("That's disgusting 🤮", lexicon), "lex:disgust"));
    EXPECT_TRUE(lexicon_cues("I went to the store.", lexicon).empty());
    EXPECT_TRUE(std::is_sorted(very_sad.begin(), very_sad.end()));
}

TEST(UserEmotion, WithoutAModelTheLexiconReads) {
    const auto& lexicon = *builtin_lexicon();
    for (const char* text : {"I'm so happy today", "너무 슬퍼요", "I'm not happy", "ㅠㅠ"}) {
        const UserEmotion fused = read_emotion(text, lexicon, nullptr);
        const UserEmotion alone = recognize_emotion_lexicon(text, lexicon);
        EXPECT_EQ(fused.label, alone.label) << text;
        EXPECT_FLOAT_EQ(fused.valence, alone.valence) << text;
        EXPECT_FLOAT_EQ(fused.intensity, alone.intensity) << text;
        EXPECT_TRUE(fused.top.empty());
    }
}

TEST(UserEmotion, RecognisesDisgust) {
    EXPECT_EQ(recognize_emotion_lexicon("That is so gross", *builtin_lexicon()).label,
              EmotionLabel::Disgust);
    EXPECT_EQ(recognize_emotion_lexicon("진짜 역겨워", *builtin_lexicon()).label,
              EmotionLabel::Disgust);
    EXPECT_EQ(parse_emotion_label("disgust").value(), EmotionLabel::Disgust);
}

TEST(UserEmotion, NegationOverrulesTheModel) {
    for (const char* text :
         {"I'm not happy", "I am not happy at all", "행복하지 않아요", "기분이 안 좋아요"}) {
        const UserEmotion e = feel(text);
        EXPECT_NE(e.label, EmotionLabel::Joy) << text;
        EXPECT_NE(e.label, EmotionLabel::Excitement) << text;
        EXPECT_LT(e.valence, 0.0f) << text;
    }
}

TEST(UserEmotion, TopHoldsTheModelsThreeBestFineLabels) {
    if (nlu::builtin_emotion_model(nlu::EmotionScheme::GoEmotions) == nullptr ||
        nlu::builtin_emotion_model(nlu::EmotionScheme::Kote) == nullptr) {
        GTEST_SKIP() << "built without the emotion models";
    }
    const UserEmotion english = feel("Thank you so much, you are the best!");
    ASSERT_EQ(english.top.size(), 3U);
    EXPECT_EQ(english.top[0].label, "gratitude");
    EXPECT_GE(english.top[0].score, english.top[1].score);
    EXPECT_GE(english.top[1].score, english.top[2].score);
    EXPECT_EQ(english.label, EmotionLabel::Gratitude);
    const UserEmotion korean = feel("정말 고마워요 덕분에 살았어요");
    ASSERT_EQ(korean.top.size(), 3U);
    EXPECT_EQ(korean.top[0].label, "고마움");
}

// A toy English model whose reading of `text` stops just short of sadness: the sadness label's
// probability is 95% of its threshold, every other label's threshold is 1.
std::unique_ptr<nlu::EmotionModel> borderline_sad_model(std::string_view text) {
    const nlu::FeatureSpec spec{.buckets_log2 = 10};
    std::vector<nlu::TrainExample> examples;
    for (const auto& [t, label] : std::vector<std::pair<std::string, int>>{{"i feel sad", 25},
                                                                           {"so sad today", 25},
                                                                           {"the bus came", 27},
                                                                           {"it is monday", 27}}) {
        examples.push_back(
            nlu::TrainExample{.features = nlu::featurize(t, spec), .labels = {label}});
    }
    auto linear = nlu::train_linear(
        examples,
        nlu::TrainOptions{.output = nlu::Output::Sigmoid,
                          .labels = nlu::fine_label_names(nlu::EmotionScheme::GoEmotions),
                          .spec = spec});
    EXPECT_TRUE(linear.has_value());
    nlu::EmotionCuts cuts;
    cuts.taxonomy.fill(1.0f);
    cuts.ekman.fill(1.0f);
    std::vector<float> thresholds(28, 1.0f);
    const nlu::EmotionModel probe(nlu::EmotionScheme::GoEmotions, *linear, thresholds, cuts);
    const auto p = probe.scores(text, lexicon_cues(text, *builtin_lexicon()));
    constexpr std::size_t sadness = 25;
    thresholds[sadness] = std::min(1.0f, p[sadness] / 0.95f);
    return std::make_unique<nlu::EmotionModel>(
        nlu::EmotionScheme::GoEmotions, std::move(linear).value(), thresholds, cuts);
}

TEST(UserEmotion, ThePreviousFeelingIsAPriorNotAnOverride) {
    const auto& lexicon = *builtin_lexicon();
    const std::string text = "the day went by";
    const auto model = borderline_sad_model(text);
    EXPECT_NE(read_emotion(text, lexicon, model.get()).label, EmotionLabel::Sadness);
    const EmotionContext after_sadness{.previous = EmotionLabel::Sadness,
                                       .previous_intensity = 0.8f};
    EXPECT_EQ(read_emotion(text, lexicon, model.get(), after_sadness).label, EmotionLabel::Sadness);
    // A message with its own clear feeling keeps it.
    EXPECT_EQ(feel("Thank you so much!").label, EmotionLabel::Gratitude);
    EXPECT_EQ(recognize_emotion("Thank you so much!", lexicon, after_sadness).label,
              EmotionLabel::Gratitude);
    // Nothing to tip: a plain statement stays neutral after a sad one.
    EXPECT_EQ(
        recognize_emotion("I went to the store and bought some bread.", lexicon, after_sadness)
            .label,
        EmotionLabel::Neutral);
}

} // namespace
} // namespace samantha::affect
