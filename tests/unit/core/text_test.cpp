#include "core/text.h"

#include <gtest/gtest.h>

namespace samantha::core {
namespace {

TEST(Language, FollowsTheScriptOfTheMessage) {
    EXPECT_EQ(detect_language("Hello, how are you?", Language::Korean), Language::English);
    EXPECT_EQ(detect_language("안녕하세요", Language::English), Language::Korean);
    EXPECT_EQ(detect_language("오늘 meeting 있어", Language::English), Language::Korean);
    EXPECT_EQ(detect_language("I love 김치 so much", Language::Korean), Language::English);
    EXPECT_EQ(detect_language("😊😊", Language::Korean), Language::Korean);
    EXPECT_EQ(detect_language("123", Language::English), Language::English);
}

TEST(Words, SplitOnPunctuationAndKeepApostrophes) {
    const auto words = split_words("I'm Mina, 반가워요! don’t");
    ASSERT_EQ(words.size(), 4U);
    EXPECT_EQ(words[0], "I'm");
    EXPECT_EQ(words[2], "반가워요");
    EXPECT_EQ(words[3], "don't");
    const auto spans = word_spans("a 가나");
    ASSERT_EQ(spans.size(), 2U);
    EXPECT_EQ(spans[1].begin, 2U);
    EXPECT_EQ(spans[1].end, 8U);
}

TEST(Sentences, SplitAfterTerminators) {
    const auto s = split_sentences("Hi! I'm Mina. It's 3.5 km away... 안녕하세요? 네");
    ASSERT_EQ(s.size(), 5U);
    EXPECT_EQ(s[0], "Hi!");
    EXPECT_EQ(s[2], "It's 3.5 km away...");
    EXPECT_EQ(s[4], "네");
}

TEST(Text, TrimsLowersAndReplaces) {
    EXPECT_EQ(trim("  a b \n"), "a b");
    EXPECT_EQ(to_lower("Hello 세계"), "hello 세계");
    EXPECT_EQ(replace_all("a:b:c", ":", " "), "a b c");
}

} // namespace
} // namespace samantha::core
