#include "nlu/text_features.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace samantha::nlu {
namespace {

std::set<std::uint32_t> indices(const Features& features) {
    std::set<std::uint32_t> out;
    for (const SparseFeature& feature : features) {
        out.insert(feature.index);
    }
    return out;
}

// The share of a's buckets that b also has.
double overlap(const Features& a, const Features& b) {
    const std::set<std::uint32_t> left = indices(a);
    const std::set<std::uint32_t> right = indices(b);
    std::vector<std::uint32_t> both;
    std::set_intersection(
        left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(both));
    return static_cast<double>(both.size()) / static_cast<double>(left.size());
}

double dot(const Features& a, const Features& b) {
    double sum = 0;
    std::size_t j = 0;
    for (const SparseFeature& feature : a) {
        while (j < b.size() && b[j].index < feature.index) {
            ++j;
        }
        if (j < b.size() && b[j].index == feature.index) {
            sum += static_cast<double>(feature.value) * b[j].value;
        }
    }
    return sum;
}

std::string normalized(std::string_view text) {
    std::string out;
    for (const char32_t c : normalize_for_features(text)) {
        core::append_utf8(out, c);
    }
    return out;
}

// Features of a spec with only the jamo families left to tell texts apart.
FeatureSpec jamo_only() {
    return FeatureSpec{
        .char_min = 8, .char_max = 8, .words = false, .word_bigrams = false, .jamo = true};
}

TEST(TextFeatures, AreSortedUniqueAndUnitLength) {
    const Features features =
        featurize("I'm so so happy today!! 오늘 너무 행복해 ㅋㅋ 😊", FeatureSpec{});
    ASSERT_FALSE(features.empty());
    double norm = 0;
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (i > 0) {
            EXPECT_LT(features[i - 1].index, features[i].index);
        }
        EXPECT_LT(features[i].index, 1U << 18);
        EXPECT_GT(features[i].value, 0.0f);
        norm += static_cast<double>(features[i].value) * features[i].value;
    }
    EXPECT_NEAR(norm, 1.0, 1e-5);
}

TEST(TextFeatures, EmptyTextHasNoFeatures) {
    EXPECT_TRUE(featurize("", FeatureSpec{}).empty());
    EXPECT_TRUE(featurize("  \t\n ", FeatureSpec{}).empty());
}

TEST(TextFeatures, AreDeterministic) {
    const std::string text = "죽고 싶다는 생각이 들어. I can't sleep.";
    const Features first = featurize(text, FeatureSpec{});
    const Features second = featurize(text, FeatureSpec{});
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].index, second[i].index);
        EXPECT_EQ(first[i].value, second[i].value);
    }
}

TEST(TextFeatures, HashesArePinnedAcrossPlatforms) {
    // Trained models index these buckets: a change here must bump the model file version.
    const Features features = featurize("hi", FeatureSpec{.buckets_log2 = 16});
    ASSERT_FALSE(features.empty());
    std::uint64_t digest = 0;
    for (const SparseFeature& feature : features) {
        digest = digest * 31 + feature.index;
    }
    EXPECT_EQ(features.size(), 11U);
    EXPECT_EQ(digest, 1238126272253654174ULL);
}

TEST(TextFeatures, SpacingVariantsShareMostFeatures) {
    const Features joined = featurize("죽고싶다", FeatureSpec{});
    const Features spaced = featurize("죽고 싶다", FeatureSpec{});
    EXPECT_GT(overlap(joined, spaced), 0.7);
    EXPECT_GT(dot(joined, spaced), 0.6);
    const Features unrelated = featurize("밥 먹었어", FeatureSpec{});
    EXPECT_LT(dot(joined, unrelated), 0.1);
}

TEST(TextFeatures, LoneInitialsMatchTheSyllablesTheyAbbreviate) {
    const Features typed = featurize("ㅈㅅ", jamo_only());
    const Features word = featurize("자살", jamo_only());
    const Features other = featurize("사랑", jamo_only());
    EXPECT_GT(dot(typed, word), dot(typed, other));
    EXPECT_GT(overlap(typed, word), 0.3);
}

TEST(TextFeatures, JamoLinkSyllablesThatShareLetters) {
    // 했어 and 해써 (a common misspelling) share no syllable but most of their jamo.
    const Features right = featurize("했어", jamo_only());
    const Features wrong = featurize("해써", jamo_only());
    EXPECT_GT(dot(right, wrong), 0.3);
    const Features off = featurize("했어", FeatureSpec{.jamo = false});
    EXPECT_LT(off.size(), featurize("했어", FeatureSpec{}).size());
}

TEST(TextFeatures, RepeatedLettersCollapseToTwo) {
    EXPECT_EQ(normalized("soooo gooood!!!!"), "soo good!!");
    EXPECT_EQ(normalized("ㅠㅠㅠㅠㅠ ㅋㅋㅋ"), "ㅠㅠ ㅋㅋ");
    const Features four = featurize("nooooo", FeatureSpec{});
    const Features nine = featurize("nooooooooo", FeatureSpec{});
    ASSERT_EQ(four.size(), nine.size());
    EXPECT_NEAR(dot(four, nine), 1.0, 1e-6);
}

TEST(TextFeatures, NormaliseCaseSpaceAndCompatibilityForms) {
    EXPECT_EQ(normalized("  HeLLo\t\n  WORLD  "), "hello world");
    EXPECT_EQ(normalized("ÉCOLE ŁÓDŹ"), "école łódź");
    EXPECT_EQ(normalized("ＡＢＣ"), "abc");
    EXPECT_EQ(normalized("I\u2019m"), "i'm");
    EXPECT_EQ(normalized("\u2764\uFE0F"), "\u2764");
    // Conjoining jamo, as NFD text carries them, become the precomposed syllable.
    EXPECT_EQ(normalized("\u1112\u1161\u11AB"), "한");
}

TEST(TextFeatures, CaseDoesNotMatter) {
    const Features upper = featurize("WHY ARE YOU LIKE THIS", FeatureSpec{});
    const Features lower = featurize("why are you like this", FeatureSpec{});
    EXPECT_NEAR(dot(upper, lower), 1.0, 1e-6);
}

TEST(TextFeatures, InvalidUtf8IsTolerated) {
    const std::string broken = std::string("ok \xFF\xC3 fine \xE2\x82") + "";
    const Features features = featurize(broken, FeatureSpec{});
    EXPECT_FALSE(features.empty());
}

TEST(TextFeatures, ExtrasAddTheirOwnFeatures) {
    const std::vector<std::string> cues = {"lex:joy", "cue:question"};
    const Features plain = featurize("are you ok", FeatureSpec{});
    const Features cued = featurize("are you ok", FeatureSpec{}, cues);
    EXPECT_EQ(cued.size(), plain.size() + 2);
    const Features only = featurize("", FeatureSpec{}, cues);
    ASSERT_EQ(only.size(), 2U);
    EXPECT_NEAR(only[0].value, std::sqrt(0.5f), 1e-6);
}

TEST(TextFeatures, WordsAndBigramsCanBeSwitchedOff) {
    const FeatureSpec chars_only{.words = false, .word_bigrams = false, .jamo = false};
    const Features all = featurize("see you tomorrow", FeatureSpec{});
    const Features some = featurize("see you tomorrow", chars_only);
    EXPECT_EQ(all.size() - some.size(), 3U + 4U); // three words; four bigrams with the text ends
}

TEST(TextFeatures, BucketsFollowTheSpec) {
    const Features features =
        featurize("a reasonably long sentence to fill buckets", FeatureSpec{.buckets_log2 = 8});
    for (const SparseFeature& feature : features) {
        EXPECT_LT(feature.index, 256U);
    }
    EXPECT_TRUE(is_valid(FeatureSpec{}));
    EXPECT_FALSE(is_valid(FeatureSpec{.buckets_log2 = 30}));
    EXPECT_FALSE(is_valid(FeatureSpec{.char_min = 3, .char_max = 2}));
}

} // namespace
} // namespace samantha::nlu
