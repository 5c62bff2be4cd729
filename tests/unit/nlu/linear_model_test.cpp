#include "nlu/linear_model.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace samantha::nlu {
namespace {

const FeatureSpec small_spec{.buckets_log2 = 12};

struct Labelled {
    std::string text;
    std::vector<int> labels;
};

// A toy mood problem: 0 happy, 1 sad, 2 angry, in English and Korean.
std::vector<Labelled> toy_texts() {
    return {
        {"i am so happy today", {0}},
        {"this is wonderful, i love it", {0}},
        {"what a great day", {0}},
        {"너무 행복해", {0}},
        {"기분 최고야 ㅋㅋ", {0}},
        {"i feel so sad", {1}},
        {"i miss her, i cried all night", {1}},
        {"너무 슬퍼 ㅠㅠ", {1}},
        {"우울하고 외로워", {1}},
        {"this is awful and i am sad", {1}},
        {"i am furious with you", {2}},
        {"stop it, i hate this", {2}},
        {"진짜 짜증나", {2}},
        {"화가 나서 미치겠어", {2}},
        {"you make me so angry", {2}},
    };
}

std::vector<TrainExample> examples_of(const std::vector<Labelled>& texts, const FeatureSpec& spec) {
    std::vector<TrainExample> examples;
    for (const Labelled& item : texts) {
        examples.push_back(
            TrainExample{.features = featurize(item.text, spec), .labels = item.labels});
    }
    return examples;
}

TrainOptions toy_options(Output output = Output::Softmax) {
    return TrainOptions{.output = output,
                        .labels = {"happy", "sad", "angry"},
                        .spec = small_spec,
                        .epochs = 30,
                        .learning_rate = 0.5f};
}

LinearModel toy_model(Output output = Output::Softmax) {
    auto model = train_linear(examples_of(toy_texts(), small_spec), toy_options(output));
    EXPECT_TRUE(model) << model.error().message;
    return std::move(model).value();
}

TEST(LinearModel, SeparatesAToyProblem) {
    const LinearModel model = toy_model();
    for (const Labelled& item : toy_texts()) {
        EXPECT_EQ(model.best(featurize(item.text, model.spec())).label, item.labels[0])
            << item.text;
    }
    // Unseen wordings of the same moods.
    EXPECT_EQ(model.best(featurize("so happy!!", model.spec())).label, 0);
    EXPECT_EQ(model.best(featurize("슬퍼서 울었어 ㅠㅠ", model.spec())).label, 1);
    EXPECT_EQ(model.best(featurize("짜증나 진짜", model.spec())).label, 2);
}

TEST(LinearModel, SoftmaxScoresAreADistribution) {
    const LinearModel model = toy_model();
    const std::vector<float> p = model.scores(featurize("i am happy", model.spec()));
    ASSERT_EQ(p.size(), 3U);
    float sum = 0;
    for (const float value : p) {
        EXPECT_GE(value, 0.0f);
        sum += value;
    }
    EXPECT_NEAR(sum, 1.0f, 1e-5f);
    EXPECT_EQ(model.label_index("sad"), 1);
    EXPECT_EQ(model.label_index("bored"), -1);
}

TEST(LinearModel, TopRanksByProbability) {
    const LinearModel model = toy_model();
    const Features features = featurize("너무 슬퍼", model.spec());
    const std::vector<Prediction> top = model.top(features, 2);
    ASSERT_EQ(top.size(), 2U);
    EXPECT_EQ(top[0].label, 1);
    EXPECT_GE(top[0].probability, top[1].probability);
    EXPECT_EQ(model.top(features, 10).size(), 3U);
}

TEST(LinearModel, SigmoidLearnsSeveralLabelsAtOnce) {
    std::vector<Labelled> texts = toy_texts();
    texts.push_back({"happy and sad at once, bittersweet", {0, 1}});
    texts.push_back({"nothing much, just eating lunch", {}});
    auto model = train_linear(examples_of(texts, small_spec), toy_options(Output::Sigmoid));
    ASSERT_TRUE(model) << model.error().message;
    const std::vector<float> p =
        model->scores(featurize("happy and sad at once, bittersweet", small_spec));
    EXPECT_GT(p[0], 0.5f);
    EXPECT_GT(p[1], 0.5f);
    EXPECT_LT(p[2], 0.5f);
    const std::vector<float> none =
        model->scores(featurize("nothing much, just eating lunch", small_spec));
    for (const float value : none) {
        EXPECT_LT(value, 0.5f);
    }
}

TEST(LinearModel, TrainingIsReproducible) {
    const std::string first = serialize(toy_model());
    const std::string second = serialize(toy_model());
    EXPECT_EQ(first, second);
    TrainOptions other = toy_options();
    other.seed = 2;
    auto reseeded = train_linear(examples_of(toy_texts(), small_spec), other);
    ASSERT_TRUE(reseeded);
    EXPECT_NE(serialize(*reseeded), first);
}

TEST(LinearModel, RoundTripScoresTheSameWithinQuantisation) {
    const LinearModel model = toy_model();
    const std::string bytes = serialize(model);
    EXPECT_EQ(bytes.size(), 14 + (1 + 5) + (1 + 3) + (1 + 5) + 3 * 8 + 3 * 4096 + 4);
    auto loaded = LinearModel::load(bytes, "toy.bin");
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(loaded->is_quantized());
    EXPECT_FALSE(model.is_quantized());
    EXPECT_EQ(loaded->labels(), model.labels());
    EXPECT_EQ(loaded->output(), model.output());
    EXPECT_EQ(loaded->spec().buckets_log2, 12);
    EXPECT_EQ(loaded->spec().jamo, model.spec().jamo);
    for (const Labelled& item : toy_texts()) {
        const Features features = featurize(item.text, model.spec());
        const std::vector<float> before = model.scores(features);
        const std::vector<float> after = loaded->scores(features);
        for (std::size_t c = 0; c < before.size(); ++c) {
            EXPECT_NEAR(before[c], after[c], 0.02f) << item.text;
        }
        EXPECT_EQ(loaded->best(features).label, model.best(features).label);
    }
    // A loaded model writes back the very same bytes.
    EXPECT_EQ(serialize(*loaded), bytes);
}

TEST(LinearModel, CorruptBytesGiveAnError) {
    const std::string bytes = serialize(toy_model());
    const auto error_of = [](const std::string& data) {
        auto loaded = LinearModel::load(data, "toy.bin");
        EXPECT_FALSE(loaded);
        return loaded ? std::string() : loaded.error().message;
    };
    EXPECT_NE(error_of("").find("truncated"), std::string::npos);
    EXPECT_NE(error_of("GGUF and more bytes").find("magic"), std::string::npos);
    std::string flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x10;
    EXPECT_NE(error_of(flipped).find("checksum"), std::string::npos);
    std::string version = bytes;
    version[5] = 9;
    EXPECT_NE(error_of(version).find("version 9"), std::string::npos);
    EXPECT_NE(error_of(bytes + "x").find("after the checksum"), std::string::npos);
    // Every truncation fails cleanly and names the file.
    for (std::size_t length = 0; length < bytes.size(); length += 97) {
        const std::string message = error_of(bytes.substr(0, length));
        EXPECT_NE(message.find("'toy.bin'"), std::string::npos) << length;
    }
    auto loaded = LinearModel::load(flipped, "toy.bin");
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, ErrorCode::InvalidArgument);
}

TEST(LinearModel, CorruptHeaderFieldsAreNamed) {
    const std::string bytes = serialize(toy_model());
    std::string buckets = bytes;
    buckets[7] = 40;
    auto loaded = LinearModel::load(buckets, "toy.bin");
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("at byte 7"), std::string::npos)
        << loaded.error().message;
    std::string classes = bytes;
    classes[12] = 0;
    classes[13] = 0;
    loaded = LinearModel::load(classes, "toy.bin");
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("class count 0"), std::string::npos)
        << loaded.error().message;
}

TEST(LinearModel, RejectsBadTrainingInput) {
    const std::vector<TrainExample> none;
    EXPECT_FALSE(train_linear(none, toy_options()));
    std::vector<TrainExample> examples = examples_of(toy_texts(), small_spec);
    examples[0].labels = {7};
    auto bad_label = train_linear(examples, toy_options());
    ASSERT_FALSE(bad_label);
    EXPECT_NE(bad_label.error().message.find("example 0 has label 7"), std::string::npos);
    examples[0].labels = {};
    EXPECT_FALSE(train_linear(examples, toy_options()));
    examples = examples_of(toy_texts(), FeatureSpec{.buckets_log2 = 16});
    EXPECT_FALSE(train_linear(examples, toy_options())); // indices past 2^12
    TrainOptions repeated = toy_options();
    repeated.labels = {"happy", "happy", "sad"};
    EXPECT_FALSE(train_linear(examples_of(toy_texts(), small_spec), repeated));
    TrainOptions huge = toy_options();
    huge.spec.buckets_log2 = 24;
    huge.labels = std::vector<std::string>(16, "");
    for (std::size_t c = 0; c < huge.labels.size(); ++c) {
        huge.labels[c] = "class " + std::to_string(c);
    }
    auto too_large = train_linear(examples_of(toy_texts(), small_spec), huge);
    ASSERT_FALSE(too_large);
    EXPECT_EQ(too_large.error().code, ErrorCode::TooLarge);
}

} // namespace
} // namespace samantha::nlu
