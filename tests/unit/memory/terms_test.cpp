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

TEST(EnglishStem, MeetsInflectionsAndIrregularForms) {
    for (const char* word : {"painting", "painted", "paints", "paint"}) {
        EXPECT_EQ(english_stem(word), "paint") << word;
    }
    EXPECT_EQ(english_stem("hiking"), english_stem("hikes"));
    EXPECT_EQ(english_stem("studies"), english_stem("study"));
    EXPECT_EQ(english_stem("adopting"), english_stem("adopted"));
    EXPECT_EQ(english_stem("happiness"), english_stem("happy"));
    EXPECT_EQ(english_stem("went"), "go");
    EXPECT_EQ(english_stem("bought"), "buy");
    EXPECT_EQ(english_stem("children"), "child");
    EXPECT_EQ(english_stem("caroline's"), english_stem("caroline"));
    EXPECT_EQ(english_stem("don't"), "dont");
    EXPECT_EQ(english_stem("bus"), "bus");
    EXPECT_EQ(english_stem("2023"), "2023");
}

TEST(KoreanStem, RemovesParticlesAndEndingsButKeepsNouns) {
    EXPECT_EQ(korean_stem("친구들에게"), "친구");
    EXPECT_EQ(korean_stem("고양이를"), "고양이");
    EXPECT_EQ(korean_stem("회사에서"), "회사");
    EXPECT_EQ(korean_stem("공부했어요"), "공부");
    EXPECT_EQ(korean_stem("결혼했다"), "결혼");
    EXPECT_EQ(korean_stem("일해요"), "일");
    EXPECT_EQ(korean_stem("먹었어요"), "먹");
    EXPECT_EQ(korean_stem("갔어요"), "가");
    EXPECT_EQ(korean_stem("갑니다"), "가");
    EXPECT_EQ(korean_stem("봤어요"), "보");
    EXPECT_EQ(korean_stem("배워요"), "배우");
    EXPECT_EQ(korean_stem("다쳤어요"), "다치");
    EXPECT_EQ(korean_stem("좋아해요"), "좋아");
    EXPECT_EQ(korean_stem("학생이에요"), "학생");
    EXPECT_EQ(korean_stem("의사였어요"), "의사");
    EXPECT_EQ(korean_stem("만났어요"), korean_stem("만나요"));
    for (const char* noun : {"바다", "아기", "가게", "이사"}) {
        EXPECT_EQ(korean_stem(noun), noun);
    }
}

TEST(Terms, KoreanPredicatesMeetAcrossTenses) {
    const auto stored = index_terms("어제 공부했어요");
    EXPECT_THAT(stored, Contains("공부"));
    const auto asked = query_terms("공부해요?");
    EXPECT_THAT(asked, Contains("공부"));
}

TEST(Terms, WeightedQueryTermsWeighBigramsLess) {
    const auto terms = weighted_query_terms("고양이 painting");
    ASSERT_FALSE(terms.empty());
    for (const auto& t : terms) {
        if (t.term == "양이") {
            EXPECT_FLOAT_EQ(t.weight, bigram_weight);
        } else {
            EXPECT_FLOAT_EQ(t.weight, 1.0f) << t.term;
        }
    }
    EXPECT_TRUE(
        std::any_of(terms.begin(), terms.end(), [](const auto& t) { return t.term == "paint"; }));
}

TEST(Terms, QuestionFramingWordsAreStopWords) {
    EXPECT_THAT(query_terms("What kind of music does she like?"), Not(Contains("kind")));
    EXPECT_TRUE(is_stop_word("the"));
    EXPECT_FALSE(is_stop_word("pottery"));
}

} // namespace
} // namespace samantha::memory
