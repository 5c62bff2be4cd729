#include "memory/synonyms.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace samantha::memory {
namespace {

bool has(const std::vector<WeightedTerm>& terms, const std::string& term, float* weight = nullptr) {
    const auto it = std::find_if(
        terms.begin(), terms.end(), [&](const WeightedTerm& t) { return t.term == term; });
    if (it != terms.end() && weight != nullptr) {
        *weight = it->weight;
    }
    return it != terms.end();
}

TEST(Synonyms, AWordBringsItsGroupAtALowerWeight) {
    const auto terms = synonym_terms("How is my mom doing?", 0.4f);
    float weight = 0.0f;
    ASSERT_TRUE(has(terms, english_stem("mother"), &weight));
    EXPECT_FLOAT_EQ(weight, 0.4f);
    EXPECT_FALSE(has(terms, "mom")); // typed already
}

TEST(Synonyms, PhrasesMatchWordByWordAndSplitTheirWeight) {
    const auto terms = synonym_terms("my grandfather passed away", 0.6f);
    EXPECT_TRUE(has(terms, english_stem("died")));
    const auto back = synonym_terms("she died last year", 0.6f);
    float weight = 0.0f;
    ASSERT_TRUE(has(back, "pass", &weight));
    EXPECT_FLOAT_EQ(weight, 0.3f); // "pass away": two words share the weight
}

TEST(Synonyms, KoreanWordsExpandThroughTheirStems) {
    EXPECT_TRUE(has(synonym_terms("엄마가 보고 싶어요", 0.5f), "어머니"));
    EXPECT_TRUE(has(synonym_terms("회사에서 일해요", 0.5f), "직장"));
}

TEST(Synonyms, UnknownWordsAndStopWordsBringNothing) {
    EXPECT_TRUE(synonym_terms("zyxwv qwerty", 0.5f).empty());
    for (const auto& t : synonym_terms("mom and dad", 0.5f)) {
        EXPECT_NE(t.term, "and");
    }
}

} // namespace
} // namespace samantha::memory
