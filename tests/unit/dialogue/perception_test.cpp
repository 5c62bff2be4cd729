#include "dialogue/perception.h"

#include <gtest/gtest.h>

namespace samantha::dialogue {
namespace {

Intent intent(std::string_view text) {
    return perceive(text, Language::English, *affect::builtin_lexicon(), *builtin_cues()).intent;
}

TEST(Perception, RecognisesGreetingsAndGoodbyes) {
    EXPECT_EQ(intent("Hi!"), Intent::Greeting);
    EXPECT_EQ(intent("hello samantha"), Intent::Greeting);
    EXPECT_EQ(intent("안녕하세요!"), Intent::Greeting);
    EXPECT_EQ(intent("Good night"), Intent::Goodbye);
    EXPECT_EQ(intent("잘 자요~"), Intent::Goodbye);
    EXPECT_EQ(intent("이제 잘게"), Intent::Goodbye);
    EXPECT_EQ(intent("Thank you!"), Intent::Thanks);
}

TEST(Perception, TellsQuestionsAboutMeFromQuestionsAboutSamantha) {
    EXPECT_EQ(intent("What do you remember about me?"), Intent::AskMemory);
    EXPECT_EQ(intent("나에 대해 뭘 기억해?"), Intent::AskMemory);
    EXPECT_EQ(intent("What's my name?"), Intent::AskName);
    EXPECT_EQ(intent("제 이름이 뭐예요?"), Intent::AskName);
    EXPECT_EQ(intent("What's your name?"), Intent::AskSelfName);
    EXPECT_EQ(intent("이름이 뭐예요?"), Intent::AskSelfName);
    EXPECT_EQ(intent("Are you human?"), Intent::AskSelfNature);
    EXPECT_EQ(intent("진짜 사람이에요?"), Intent::AskSelfNature);
    EXPECT_EQ(intent("How are you?"), Intent::AskSelfFeeling);
    EXPECT_EQ(intent("what about you, how are you?"), Intent::AskSelfFeeling);
    EXPECT_EQ(intent("Tell me about yourself"), Intent::AskSelfAbout);
}

TEST(Perception, EverythingElseIsAStatementOrAQuestion) {
    EXPECT_EQ(intent("I had a long day at work and my boss yelled at me."), Intent::Statement);
    EXPECT_EQ(intent("Why is the sky blue?"), Intent::Question);
    EXPECT_EQ(intent(""), Intent::TimePassed);
    EXPECT_EQ(intent("   "), Intent::TimePassed);
}

TEST(Perception, FollowsTheLanguageAndKeepsItForEmoji) {
    const auto lexicon = affect::builtin_lexicon();
    const auto cues = builtin_cues();
    EXPECT_EQ(perceive("오늘 힘들었어", Language::English, *lexicon, *cues).language,
              Language::Korean);
    EXPECT_EQ(perceive("😊", Language::Korean, *lexicon, *cues).language, Language::Korean);
    EXPECT_EQ(perceive("hello", Language::Korean, *lexicon, *cues).language, Language::English);
}

TEST(Cues, ParseErrorsNameTheLine) {
    EXPECT_FALSE(parse_cues("[nonsense]\n= hi\n", "c.txt"));
    EXPECT_FALSE(parse_cues("= hi\n", "c.txt"));
    EXPECT_FALSE(parse_cues("[greeting]\n? hi\n", "c.txt"));
    EXPECT_TRUE(parse_cues("[greeting]\n= hi\n", "c.txt"));
}

} // namespace
} // namespace samantha::dialogue
