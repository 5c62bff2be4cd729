#include "nlu/event.h"

#include <gtest/gtest.h>

namespace samantha::nlu {
namespace {

EventReading en(std::string_view text, float valence = 0.0f, bool plan = false) {
    return read_event(text, Language::English, valence, plan);
}

EventReading ko(std::string_view text, float valence = 0.0f, bool plan = false) {
    return read_event(text, Language::Korean, valence, plan);
}

TEST(EventTest, ALovedOnesBadNewsIsBadWhateverTheCueWords) {
    const auto r = en("My cat got sick and we went to the vet.");
    EXPECT_EQ(r.appraisal, Appraisal::Bad);
    EXPECT_TRUE(r.loved_one);
    EXPECT_TRUE(r.pet);
    EXPECT_EQ(r.who, "your cat");
    EXPECT_EQ(r.time, EventTime::Past);
}

TEST(EventTest, ANamedFriendAndAPlaceAreRead) {
    const auto r = en("I went hiking with my friend Joe at Mount Rainier last weekend.");
    EXPECT_EQ(r.who, "Joe");
    EXPECT_EQ(r.relation, "friend");
    EXPECT_EQ(r.place, "Mount Rainier");
    EXPECT_EQ(r.time, EventTime::Past);
    EXPECT_EQ(r.appraisal, Appraisal::Neutral);
}

TEST(EventTest, TheTopicIsSeenFromSamanthasSide) {
    EXPECT_EQ(en("I passed my driving test!").topic, "your driving test");
    EXPECT_EQ(en("I passed my driving test!").appraisal, Appraisal::Good);
    EXPECT_EQ(en("i failed the bar exam. again.").topic, "the bar exam");
    EXPECT_EQ(en("i failed the bar exam. again.").appraisal, Appraisal::Bad);
}

TEST(EventTest, NegationTurnsTheAppraisalOver) {
    EXPECT_EQ(en("I didn't get the job.").appraisal, Appraisal::Bad);
    EXPECT_EQ(en("I didn't pass the exam").appraisal, Appraisal::Bad);
    EXPECT_EQ(ko("시험에 못 붙었어요").appraisal, Appraisal::Bad);
}

TEST(EventTest, PlansAreReadFromTheActAndTheWords) {
    EXPECT_EQ(en("We're driving up the coast to see the whales next weekend").time,
              EventTime::Plan);
    EXPECT_EQ(en("Dinner with Priya", 0.0f, true).time, EventTime::Plan);
    const auto r = ko("그래도 주말에 언니랑 제주도 가기로 했어요!");
    EXPECT_EQ(r.time, EventTime::Plan);
    EXPECT_EQ(r.who, "언니");
    EXPECT_EQ(r.topic, "제주도");
}

TEST(EventTest, KoreanLovedOnesAndObjects) {
    const auto r = ko("엄마가 어제 입원하셨어요");
    EXPECT_EQ(r.who, "엄마");
    EXPECT_TRUE(r.loved_one);
    EXPECT_EQ(r.appraisal, Appraisal::Bad);
    EXPECT_EQ(ko("우리 딸이 학교 글짓기 대회에서 금상을 받아 왔어요").topic, "금상");
}

TEST(EventTest, ValenceDecidesWhenNoEventWordDoes) {
    EXPECT_EQ(en("what a day", 0.6f).appraisal, Appraisal::Good);
    EXPECT_EQ(en("what a day", -0.6f).appraisal, Appraisal::Bad);
    EXPECT_EQ(en("what a day", 0.1f).appraisal, Appraisal::Neutral);
}

TEST(EventTest, LaughterRiddlesAndThanks) {
    EXPECT_TRUE(en("what do you call a fake noodle? an impasta").laughing);
    EXPECT_TRUE(ko("ㅋㅋㅋ 진짜 웃겨").laughing);
    EXPECT_FALSE(en("How was your day?").laughing);
    EXPECT_TRUE(en("thank you so much for listening last night").thanking);
    EXPECT_TRUE(ko("들어줘서 고마워요").thanking);
}

TEST(EventTest, SelfTopics) {
    EXPECT_EQ(self_topic("Do you think you could ever love someone?"), "love");
    EXPECT_EQ(self_topic("are you ever lonely?"), "lonely");
    EXPECT_EQ(self_topic("what do you do when i'm asleep"), "away");
    EXPECT_EQ(self_topic("Are you real?"), "nature");
    EXPECT_EQ(self_topic("How are you feeling today, Samantha?"), "feeling");
    EXPECT_EQ(self_topic("사만다는 꿈 꿔요?"), "dream");
    EXPECT_EQ(self_topic("what time is it"), "");
}

} // namespace
} // namespace samantha::nlu

namespace samantha::nlu {
namespace {

TEST(EventTest, TheMessageBeforeFillsWhatThisOneLeavesUnsaid) {
    auto now = read_event("She's home now and eating again.", Language::English, 0.0f, false);
    carry_over(now, read_event("My dog Choco got sick.", Language::English, 0.0f, false));
    EXPECT_EQ(now.who, "Choco");
    EXPECT_TRUE(now.pet);
    auto named = read_event("My sister called.", Language::English, 0.0f, false);
    carry_over(named, read_event("My dog Choco got sick.", Language::English, 0.0f, false));
    EXPECT_EQ(named.who, "your sister");
}

} // namespace
} // namespace samantha::nlu
