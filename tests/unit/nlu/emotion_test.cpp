#include "nlu/emotion.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "nlu/emotion_data.h"
#include "nlu/emotion_embedded.h"

namespace samantha::nlu {
namespace {

TEST(EmotionLabels, FollowTheDataSetsOrder) {
    const auto go = fine_labels(EmotionScheme::GoEmotions);
    ASSERT_EQ(go.size(), 28U);
    EXPECT_EQ(go[0].name, "admiration");
    EXPECT_EQ(go[11].name, "disgust");
    EXPECT_EQ(go[25].name, "sadness");
    EXPECT_EQ(go[27].name, "neutral");
    const auto kote = fine_labels(EmotionScheme::Kote);
    ASSERT_EQ(kote.size(), 44U);
    EXPECT_EQ(kote[0].name, "불평/불만");
    EXPECT_EQ(kote[5].name, "슬픔");
    EXPECT_EQ(kote[21].name, "역겨움/징그러움");
    EXPECT_EQ(kote[24].name, "없음");
    EXPECT_EQ(kote[43].name, "안심/신뢰");
    for (const auto scheme : {EmotionScheme::GoEmotions, EmotionScheme::Kote}) {
        auto names = fine_label_names(scheme);
        std::sort(names.begin(), names.end());
        EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end()) << "unique names";
    }
}

// GoEmotions' own Ekman grouping (Demszky et al. 2020, ekman_mapping.json): the taxonomy mapping
// must project onto it exactly, so the Ekman score measures the taxonomy.
TEST(EmotionLabels, GoEmotionsMapOntoTheirEkmanGroups) {
    const std::map<std::string, Ekman> ekman = {
        {"anger", Ekman::Anger},
        {"annoyance", Ekman::Anger},
        {"disapproval", Ekman::Anger},
        {"disgust", Ekman::Disgust},
        {"fear", Ekman::Fear},
        {"nervousness", Ekman::Fear},
        {"joy", Ekman::Joy},
        {"amusement", Ekman::Joy},
        {"approval", Ekman::Joy},
        {"excitement", Ekman::Joy},
        {"gratitude", Ekman::Joy},
        {"love", Ekman::Joy},
        {"optimism", Ekman::Joy},
        {"relief", Ekman::Joy},
        {"pride", Ekman::Joy},
        {"admiration", Ekman::Joy},
        {"desire", Ekman::Joy},
        {"caring", Ekman::Joy},
        {"sadness", Ekman::Sadness},
        {"disappointment", Ekman::Sadness},
        {"embarrassment", Ekman::Sadness},
        {"grief", Ekman::Sadness},
        {"remorse", Ekman::Sadness},
        {"surprise", Ekman::Surprise},
        {"realization", Ekman::Surprise},
        {"confusion", Ekman::Surprise},
        {"curiosity", Ekman::Surprise},
        {"neutral", Ekman::Neutral},
    };
    for (const FineLabel& label : fine_labels(EmotionScheme::GoEmotions)) {
        ASSERT_TRUE(ekman.contains(std::string(label.name))) << label.name;
        EXPECT_EQ(ekman_of(label.label), ekman.at(std::string(label.name))) << label.name;
    }
}

TEST(EmotionLabels, CarryTheirTaxonomyPoint) {
    for (const auto scheme : {EmotionScheme::GoEmotions, EmotionScheme::Kote}) {
        for (const FineLabel& label : fine_labels(scheme)) {
            EXPECT_FLOAT_EQ(label.point.valence, taxonomy_point(label.label).valence);
            EXPECT_FLOAT_EQ(label.point.arousal, taxonomy_point(label.label).arousal);
            EXPECT_EQ(label.polarity, taxonomy_polarity(label.label));
        }
    }
    EXPECT_EQ(taxonomy_polarity(EmotionLabel::Disgust), Polarity::Negative);
    EXPECT_EQ(taxonomy_polarity(EmotionLabel::Surprise), Polarity::Neutral);
    EXPECT_EQ(taxonomy_polarity(EmotionLabel::Gratitude), Polarity::Positive);
    EXPECT_EQ(ekman_of(EmotionLabel::Loneliness), Ekman::Sadness);
    EXPECT_EQ(ekman_of(EmotionLabel::Anxiety), Ekman::Fear);
}

TEST(EmotionLabels, PolarityCountsSigns) {
    const auto kote = EmotionScheme::Kote;
    const std::vector<int> complaint_anger_joy = {0, 6, 42}; // 불평/불만, 화남/분노, 기쁨
    EXPECT_EQ(polarity_of(kote, complaint_anger_joy), Polarity::Negative);
    const std::vector<int> thanks_joy = {4, 42};
    EXPECT_EQ(polarity_of(kote, thanks_joy), Polarity::Positive);
    const std::vector<int> none = {24};
    EXPECT_EQ(polarity_of(kote, none), Polarity::Neutral);
    const std::vector<int> tie = {5, 40}; // 슬픔, 행복
    EXPECT_EQ(polarity_of(kote, tie), Polarity::Neutral);
    EXPECT_EQ(polarity_of(kote, {}), Polarity::Neutral);
}

TEST(EmotionSplits, AreFixedByTheText) {
    int test = 0;
    int tune = 0;
    std::map<int, int> folds;
    for (int i = 0; i < 2000; ++i) {
        const std::string text = "message number " + std::to_string(i);
        EXPECT_EQ(kote_split(text), kote_split(text));
        test += kote_split(text) == EmotionSplit::Test ? 1 : 0;
        tune += goemotions_train_split(text) == EmotionSplit::Tune ? 1 : 0;
        ++folds[kote_fold(text)];
    }
    EXPECT_NEAR(test, 400, 60); // a fifth
    EXPECT_NEAR(tune, 200, 45); // a tenth
    EXPECT_EQ(folds.size(), 5U);
    EXPECT_EQ(std::string(emotion_split_name(EmotionSplit::Test)), "test");
}

TEST(EmotionData, CountsF1PerClass) {
    ClassCounts counts(3);
    const std::vector<int> a = {0};
    const std::vector<int> ab = {0, 1};
    const std::vector<int> b = {1};
    counts.add(a, a);  // class 0: tp
    counts.add(ab, a); // class 0: tp, class 1: fp
    counts.add(a, b);  // class 0: fp, class 1: fn
    EXPECT_DOUBLE_EQ(counts.f1(0), 4.0 / 5.0);
    EXPECT_DOUBLE_EQ(counts.f1(1), 0.0);
    EXPECT_DOUBLE_EQ(counts.f1(2), 0.0);
    EXPECT_DOUBLE_EQ(counts.macro_f1(), (4.0 / 5.0) / 3.0);
}

// A small sigmoid over the 28 GoEmotions labels, trained on a few texts.
EmotionModel toy_model() {
    const FeatureSpec spec{.buckets_log2 = 10};
    const std::vector<std::pair<std::string, int>> texts = {
        {"i am so happy", 17},
        {"what a joy", 17},
        {"i am so sad", 25},
        {"this makes me sad", 25},
        {"thank you so much", 15},
        {"thanks a lot", 15},
        {"the bus is late", 27},
        {"it is tuesday", 27},
    };
    std::vector<TrainExample> examples;
    for (const auto& [text, label] : texts) {
        examples.push_back(TrainExample{.features = featurize(text, spec), .labels = {label}});
    }
    auto model = train_linear(examples,
                              TrainOptions{.output = Output::Sigmoid,
                                           .labels = fine_label_names(EmotionScheme::GoEmotions),
                                           .spec = spec,
                                           .epochs = 20});
    EXPECT_TRUE(model.has_value());
    EmotionCuts cuts;
    cuts.taxonomy.fill(0.5f);
    cuts.ekman.fill(0.5f);
    return EmotionModel(
        EmotionScheme::GoEmotions, std::move(model).value(), std::vector<float>(28, 0.4f), cuts);
}

TEST(EmotionModel, RoundTripsThroughItsFile) {
    const EmotionModel model = toy_model();
    const std::string bytes =
        serialize_emotion_model(model.scheme(), model.model(), model.thresholds(), model.cuts());
    EXPECT_EQ(bytes.substr(0, 5), "SMEMO");
    auto loaded = EmotionModel::load(bytes, "toy.bin");
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    EXPECT_EQ((*loaded)->scheme(), EmotionScheme::GoEmotions);
    EXPECT_EQ((*loaded)->thresholds(), model.thresholds());
    EXPECT_EQ((*loaded)->cuts().ekman, model.cuts().ekman);
    const auto p = (*loaded)->scores("i am so happy", {});
    ASSERT_EQ(p.size(), 28U);
    EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 17); // joy
    const auto read = (*loaded)->labels_read(p);
    EXPECT_NE(std::find(read.begin(), read.end(), 17), read.end());
    const auto ekman = (*loaded)->ekman_read(p);
    EXPECT_NE(std::find(ekman.begin(), ekman.end(), static_cast<int>(Ekman::Joy)), ekman.end());
    EXPECT_GE((*loaded)->taxonomy_votes(p)[static_cast<std::size_t>(EmotionLabel::Joy)], 1.0f);
    EXPECT_EQ((*loaded)->taxonomy_votes(p)[static_cast<std::size_t>(EmotionLabel::Loneliness)],
              0.0f);
}

TEST(EmotionModel, RejectsBadFiles) {
    const EmotionModel model = toy_model();
    const std::string bytes =
        serialize_emotion_model(model.scheme(), model.model(), model.thresholds(), model.cuts());
    EXPECT_FALSE(EmotionModel::load("", "x"));
    EXPECT_FALSE(EmotionModel::load("SMEMX" + bytes.substr(5), "x"));
    std::string version = bytes;
    version[5] = 2;
    EXPECT_FALSE(EmotionModel::load(version, "x"));
    std::string scheme = bytes;
    scheme[6] = 1; // KOTE: 44 labels, not 28
    EXPECT_FALSE(EmotionModel::load(scheme, "x"));
    std::string threshold = bytes;
    threshold[13] = static_cast<char>(0x7F); // the first threshold becomes NaN-like / huge
    EXPECT_FALSE(EmotionModel::load(threshold, "x"));
    for (const std::size_t cut : {std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
        const auto truncated = EmotionModel::load(bytes.substr(0, cut), "trunc.bin");
        ASSERT_FALSE(truncated);
        EXPECT_NE(truncated.error().message.find("trunc.bin"), std::string::npos);
    }
    EXPECT_FALSE(EmotionModel::load(bytes + "x", "x"));
}

TEST(EmotionModel, BuiltinModelsLoadAndRead) {
    if (emotion_model_files::english().empty() || emotion_model_files::korean().empty()) {
        GTEST_SKIP() << "built without src/nlu/models/emotion_*.bin";
    }
    const EmotionModel* english = builtin_emotion_model(EmotionScheme::GoEmotions);
    const EmotionModel* korean = builtin_emotion_model(EmotionScheme::Kote);
    ASSERT_NE(english, nullptr);
    ASSERT_NE(korean, nullptr);
    EXPECT_EQ(english->model().labels().size(), 28U);
    EXPECT_EQ(korean->model().labels().size(), 44U);
    EXPECT_LE(emotion_model_files::english().size(), 4U * 1024 * 1024);
    EXPECT_LE(emotion_model_files::korean().size(), 4U * 1024 * 1024);
    const auto best = [](const EmotionModel& m, std::string_view text) {
        const auto p = m.scores(text, {});
        return std::string(
            fine_labels(m.scheme())[static_cast<std::size_t>(std::max_element(p.begin(), p.end()) -
                                                             p.begin())]
                .name);
    };
    EXPECT_EQ(best(*english, "Thank you so much, that is really kind of you!"), "gratitude");
    EXPECT_EQ(best(*english, "I'm so scared of what will happen tomorrow"), "fear");
    EXPECT_EQ(best(*korean, "정말 고맙습니다 덕분에 살았어요"), "고마움");
    EXPECT_EQ(emotion_scheme_for(Language::Korean), EmotionScheme::Kote);
}

} // namespace
} // namespace samantha::nlu
