#include "memory/terms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace samantha::memory {
namespace {

using ::testing::Contains;
using ::testing::Not;

TEST(Terms, KoreanWordsMatchWithOrWithoutParticles) {
    const auto stored = index_terms("고양이를 키워요");
    const auto asked = query_terms("고양이");
    bool shared = false;
    for (const auto& term : asked) {
        shared = shared || std::find(stored.begin(), stored.end(), term) != stored.end();
    }
    EXPECT_TRUE(shared);
    EXPECT_THAT(stored, Contains("고양이"));
    EXPECT_THAT(stored, Contains("고양"));
    EXPECT_EQ(strip_korean_particle("부산에서"), "부산");
    EXPECT_EQ(strip_korean_particle("민수가"), "민수");
    EXPECT_EQ(strip_korean_particle("가"), "가");
}

TEST(Terms, EnglishIsLowerCasedAndSingular) {
    const auto terms = query_terms("My Sister's dogs and the CATS");
    EXPECT_THAT(terms, Contains("sister"));
    EXPECT_THAT(terms, Contains("dog"));
    EXPECT_THAT(terms, Contains("cat"));
    EXPECT_THAT(terms, Not(Contains("the")));
    EXPECT_THAT(terms, Not(Contains("my")));
}

TEST(Terms, QueriesAreBoundedAndSafe) {
    std::string many;
    for (int i = 0; i < 100; ++i) {
        many += "word" + std::to_string(i) + " ";
    }
    EXPECT_LE(query_terms(many).size(), 24U);
    for (const auto& term : query_terms("\"quoted\" OR NEAR(a b) * -x")) {
        EXPECT_EQ(term.find('"'), std::string::npos);
        EXPECT_EQ(term.find('('), std::string::npos);
        EXPECT_EQ(term.find('*'), std::string::npos);
    }
}

TEST(Terms, PersonPrefixCannotBeTyped) {
    for (const auto& term : index_terms("p12_secret p12 _x")) {
        EXPECT_EQ(term.find('_'), std::string::npos) << term;
    }
    EXPECT_EQ(person_prefix(12), "p12_");
}

} // namespace
} // namespace samantha::memory
