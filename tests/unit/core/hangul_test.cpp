#include "core/hangul.h"

#include <gtest/gtest.h>

namespace samantha::core {
namespace {

TEST(Particles, FollowTheFinalConsonant) {
    EXPECT_EQ(attach_particle("민수", "이/가"), "민수가");
    EXPECT_EQ(attach_particle("지민", "이/가"), "지민이");
    EXPECT_EQ(attach_particle("사과", "은/는"), "사과는");
    EXPECT_EQ(attach_particle("책", "은/는"), "책은");
    EXPECT_EQ(attach_particle("커피", "을/를"), "커피를");
    EXPECT_EQ(attach_particle("고양이", "을/를"), "고양이를");
    EXPECT_EQ(attach_particle("빵", "을/를"), "빵을");
    EXPECT_EQ(attach_particle("엄마", "과/와"), "엄마와");
    EXPECT_EQ(attach_particle("동생", "과/와"), "동생과");
    EXPECT_EQ(attach_particle("지민", "아/야"), "지민아");
    EXPECT_EQ(attach_particle("민수", "아/야"), "민수야");
    EXPECT_EQ(attach_particle("사만다", "이에요/예요"), "사만다예요");
    EXPECT_EQ(attach_particle("학생", "이에요/예요"), "학생이에요");
}

TEST(Particles, TreatRieulLikeAVowelBeforeRo) {
    EXPECT_EQ(attach_particle("서울", "으로/로"), "서울로");
    EXPECT_EQ(attach_particle("부산", "으로/로"), "부산으로");
    EXPECT_EQ(attach_particle("바다", "으로/로"), "바다로");
}

TEST(Particles, AcceptEitherOrderOfThePair) {
    EXPECT_EQ(attach_particle("민수", "가/이"), "민수가");
    EXPECT_EQ(attach_particle("책", "는/은"), "책은");
}

TEST(Particles, ReadLatinNamesAndDigitsAloud) {
    EXPECT_EQ(attach_particle("Emma", "이/가"), "Emma가");
    EXPECT_EQ(attach_particle("John", "이/가"), "John이");
    EXPECT_EQ(attach_particle("Paul", "으로/로"), "Paul로");
    EXPECT_EQ(attach_particle("3", "을/를"), "3을");   // 삼
    EXPECT_EQ(attach_particle("2", "을/를"), "2를");   // 이
    EXPECT_EQ(attach_particle("7", "으로/로"), "7로"); // 칠
    EXPECT_EQ(attach_particle("민수!", "이/가"), "민수!가");
}

TEST(Hangul, KnowsSyllables) {
    EXPECT_TRUE(is_hangul_syllable(U'가'));
    EXPECT_TRUE(is_hangul_syllable(U'힣'));
    EXPECT_FALSE(is_hangul_syllable(U'ㄱ'));
    EXPECT_EQ(final_batchim("물"), Batchim::Rieul);
    EXPECT_EQ(final_batchim("물 "), Batchim::Rieul);
}

} // namespace
} // namespace samantha::core
