#include "memory/extraction.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/time.h"

namespace samantha::memory {
namespace {

constexpr CivilDate today{.year = 2026, .month = 11, .day = 27};

// slot=value for every fact, in order.
std::vector<std::string> facts(std::string_view text, Language language = Language::English) {
    std::vector<std::string> out;
    for (const auto& f : extract(text, language, today).facts) {
        out.push_back(f.slot + "=" + f.value);
    }
    return out;
}

std::vector<std::string> ko(std::string_view text) {
    return facts(text, Language::Korean);
}

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ExtractEnglish, Identity) {
    EXPECT_THAT(facts("My name is Mina."), ElementsAre("name=Mina"));
    EXPECT_THAT(facts("Hi, I'm Mina."), ElementsAre("name=Mina"));
    EXPECT_THAT(facts("call me jay"), ElementsAre("name=Jay"));
    EXPECT_THAT(facts("I'm 29 years old"), ElementsAre("age=29"));
    EXPECT_THAT(facts("I live in Seoul."), ElementsAre("city=Seoul"));
    EXPECT_THAT(facts("I just moved to Busan!"), ElementsAre("city=Busan"));
    EXPECT_THAT(facts("I'm from Jeju"), ElementsAre("hometown=Jeju"));
    EXPECT_THAT(facts("I work at Naver as a developer"),
                ElementsAre("workplace=Naver", "job=developer"));
    EXPECT_THAT(facts("I'm a nurse"), ElementsAre("job=nurse"));
    EXPECT_THAT(facts("I study at Seoul National University"),
                ElementsAre("school=Seoul National University"));
    EXPECT_THAT(facts("My birthday is March 3rd"), ElementsAre("birthday=03-03"));
}

TEST(ExtractEnglish, DoesNotMistakeFeelingsForNames) {
    EXPECT_THAT(facts("I'm tired."), IsEmpty());
    EXPECT_THAT(facts("I'm Korean."), IsEmpty());
    EXPECT_THAT(facts("I'm a bit sad today"), IsEmpty());
    EXPECT_THAT(facts("what's your name?"), IsEmpty());
}

TEST(ExtractEnglish, PeopleAndAnimals) {
    EXPECT_THAT(facts("My sister Emma is visiting"), ElementsAre("person:sister:emma=Emma"));
    EXPECT_THAT(facts("My dog is called Rex."), ElementsAre("person:dog:rex=Rex"));
    EXPECT_THAT(facts("I have a cat named Mochi"), ElementsAre("person:cat:mochi=Mochi"));
    EXPECT_THAT(facts("My mom's name is Grace"), ElementsAre("person:mother=Grace"));
    EXPECT_THAT(facts("Emma is my best friend"), ElementsAre("person:friend:emma=Emma"));
    EXPECT_THAT(facts("my sister is always late"), IsEmpty());
}

TEST(ExtractEnglish, LikesDislikesAndHabits) {
    EXPECT_THAT(facts("I really love jazz"), ElementsAre("pref:jazz=like"));
    EXPECT_THAT(facts("I don't like coffee"), ElementsAre("pref:coffee=dislike"));
    EXPECT_THAT(facts("I hate mornings"), ElementsAre("pref:mornings=dislike"));
    EXPECT_THAT(facts("I can't stand horror movies"), ElementsAre("pref:horror movies=dislike"));
    EXPECT_THAT(facts("I'm a big fan of BTS"), ElementsAre("pref:BTS=like"));
    EXPECT_THAT(facts("I like to swim"), ElementsAre("pref:to swim=like"));
    EXPECT_THAT(facts("My name is not important"), IsEmpty());
    EXPECT_THAT(facts("I like you"), IsEmpty());
    EXPECT_THAT(facts("Do you like music?"), IsEmpty());
    EXPECT_THAT(facts("My favorite food is kimchi stew"), ElementsAre("favorite:food=kimchi stew"));
    EXPECT_THAT(
        facts("I usually go running before work"),
        Contains("habit:i usually go running before work=I usually go running before work"));
}

TEST(ExtractKorean, Identity) {
    EXPECT_THAT(ko("제 이름은 민지예요"), ElementsAre("name=민지"));
    EXPECT_THAT(ko("저는 민준이라고 해요"), ElementsAre("name=민준"));
    EXPECT_THAT(ko("저는 29살이에요"), ElementsAre("age=29"));
    EXPECT_THAT(ko("서울에 살아요"), ElementsAre("city=서울"));
    EXPECT_THAT(ko("부산으로 이사했어요"), ElementsAre("city=부산"));
    EXPECT_THAT(ko("저는 학생이에요"), ElementsAre("job=학생"));
    EXPECT_THAT(ko("개발자로 일해요"), ElementsAre("job=개발자"));
    EXPECT_THAT(ko("병원에서 일해요"), ElementsAre("workplace=병원"));
    EXPECT_THAT(ko("서울대학교에 다녀요"), ElementsAre("school=서울대학교"));
    EXPECT_THAT(ko("제 생일은 12월 3일이에요"), ElementsAre("birthday=12-03"));
    EXPECT_THAT(ko("이름이 뭐예요?"), IsEmpty());
}

TEST(ExtractKorean, PeopleAndAnimals) {
    EXPECT_THAT(ko("우리 강아지 이름은 콩이에요"), ElementsAre("person:강아지:콩=콩"));
    EXPECT_THAT(ko("우리 강아지 콩이가 아파요"), ElementsAre("person:강아지:콩=콩"));
    EXPECT_THAT(ko("제 언니 지수가 놀러 와요"), ElementsAre("person:언니:지수=지수"));
    EXPECT_THAT(ko("지수는 제 언니예요"), ElementsAre("person:언니:지수=지수"));
    EXPECT_THAT(ko("우리 엄마 이름은 순자예요"), ElementsAre("person:엄마=순자"));
    EXPECT_THAT(ko("제 친구 때문에 화났어요"), IsEmpty());
}

TEST(ExtractKorean, LikesDislikesAndHabits) {
    EXPECT_THAT(ko("저는 고양이를 좋아해요"), ElementsAre("pref:고양이=like"));
    EXPECT_THAT(ko("매운 음식을 좋아해요"), ElementsAre("pref:매운 음식=like"));
    EXPECT_THAT(ko("커피를 싫어해요"), ElementsAre("pref:커피=dislike"));
    EXPECT_THAT(ko("오이가 싫어요"), ElementsAre("pref:오이=dislike"));
    EXPECT_THAT(ko("커피 안 좋아해요"), ElementsAre("pref:커피=dislike"));
    EXPECT_THAT(ko("제일 좋아하는 음식은 김치찌개예요"), ElementsAre("favorite:음식=김치찌개"));
    EXPECT_THAT(ko("매일 아침 조깅해요"),
                ElementsAre("habit:매일 아침 조깅해요=매일 아침 조깅해요"));
    EXPECT_THAT(ko("매일 너무 피곤해"), IsEmpty());
}

TEST(ExtractEvents, ResolveDatesAndTitles) {
    const auto en =
        extract("I have a job interview tomorrow and I'm so nervous", Language::English, today);
    ASSERT_EQ(en.events.size(), 1U);
    EXPECT_EQ(en.events[0].title, "job interview");
    EXPECT_EQ(core::format_date(en.events[0].date), "2026-11-28");
    const auto ko_event = extract("내일 면접이 있어요", Language::Korean, today);
    ASSERT_EQ(ko_event.events.size(), 1U);
    EXPECT_EQ(ko_event.events[0].title, "면접");
    const auto exam = extract("다음 주 화요일에 시험 봐요", Language::Korean, today);
    ASSERT_EQ(exam.events.size(), 1U);
    EXPECT_EQ(core::format_date(exam.events[0].date), "2026-12-01");
    EXPECT_EQ(exam.events[0].title, "시험 봐요");
}

TEST(ExtractEvents, PlansToldAsClausesAreSaidBackInTheSecondPerson) {
    const auto flight = extract("I'm flying to Jeju on Friday", Language::English, today);
    ASSERT_EQ(flight.events.size(), 1U);
    EXPECT_EQ(flight.events[0].title, "you're flying to Jeju");
    EXPECT_TRUE(flight.events[0].is_plan);
    const auto visit =
        extract("My sister Emma is visiting next Tuesday.", Language::English, today);
    ASSERT_EQ(visit.events.size(), 1U);
    EXPECT_EQ(visit.events[0].title, "your sister Emma is visiting");
    const auto wedding = extract("My sister's wedding is on December 3", Language::English, today);
    ASSERT_EQ(wedding.events.size(), 1U);
    EXPECT_EQ(wedding.events[0].title, "sister's wedding");
    EXPECT_FALSE(wedding.events[0].is_plan);
    const auto trip = extract("내일 친구랑 부산 가요", Language::Korean, today);
    ASSERT_EQ(trip.events.size(), 1U);
    EXPECT_EQ(trip.events[0].title, "친구랑 부산 가요");
    EXPECT_TRUE(trip.events[0].is_plan);
    EXPECT_FALSE(extract("내일 면접이 있어요", Language::Korean, today).events.at(0).is_plan);
}

TEST(ExtractEvents, SkipFeelingsQuestionsAndThePast) {
    EXPECT_TRUE(extract("I'm tired today", Language::English, today).events.empty());
    EXPECT_TRUE(extract("What are you doing tomorrow?", Language::English, today).events.empty());
    EXPECT_TRUE(extract("I had an exam yesterday", Language::English, today).events.empty());
    EXPECT_TRUE(extract("오늘 너무 피곤해요", Language::Korean, today).events.empty());
}

TEST(ExtractForget, FindsWhatToForget) {
    EXPECT_EQ(extract("Please forget that I smoke.", Language::English, today).forget, "i smoke");
    EXPECT_EQ(extract("forget about my ex", Language::English, today).forget, "my ex");
    EXPECT_EQ(extract("forget my address", Language::English, today).forget, "my address");
    EXPECT_EQ(extract("담배 피운다는 건 잊어줘", Language::Korean, today).forget, "담배 피운다는");
    EXPECT_EQ(extract("커피 얘기는 잊어 주세요", Language::Korean, today).forget, "커피");
    EXPECT_FALSE(extract("I never forget a face", Language::English, today).forget);
    const auto request = extract("Forget that I live in Seoul", Language::English, today);
    EXPECT_TRUE(request.facts.empty()); // the request itself is not a new fact
}

using ::testing::UnorderedElementsAre;

TEST(ExtractNames, NamesThatAreWordsOneSyllableAndLatin) {
    EXPECT_THAT(ko("안녕하세요, 저는 하나예요."), ElementsAre("name=하나"));
    EXPECT_THAT(ko("저는 이슬이라고 해요"), ElementsAre("name=이슬"));
    EXPECT_THAT(ko("제 이름은 보람이에요"), ElementsAre("name=보람"));
    EXPECT_THAT(ko("저는 솔이에요"), ElementsAre("name=솔"));
    EXPECT_THAT(ko("제 이름은 Alex예요"), ElementsAre("name=Alex"));
    EXPECT_THAT(ko("처음 뵙겠습니다. 민준입니다."), ElementsAre("name=민준"));
    EXPECT_THAT(facts("I'm Will."), ElementsAre("name=Will"));
    EXPECT_THAT(facts("My name is May, nice to meet you"), ElementsAre("name=May"));
    EXPECT_THAT(facts("Hi, I'm Joy!"), ElementsAre("name=Joy"));
    EXPECT_THAT(facts("I'm Bo."), ElementsAre("name=Bo"));
    EXPECT_THAT(facts("hi im mina"), ElementsAre("name=Mina"));
    EXPECT_THAT(facts("Everyone calls me Pat."), ElementsAre("name=Pat"));
}

TEST(ExtractNames, DescriptionsAreNotNames) {
    EXPECT_THAT(ko("저는 학생이에요"), ElementsAre("job=학생"));
    EXPECT_THAT(ko("저는 막내예요"), IsEmpty());
    EXPECT_THAT(ko("저 지금 회사예요"), IsEmpty());
    EXPECT_THAT(ko("저는 한국인이에요"), IsEmpty());
    EXPECT_THAT(ko("안녕하세요, 저는 김민지예요"),
                ElementsAre("name=김민지")); // not a job in 원/자
    EXPECT_THAT(facts("I'm Joy's mom."), IsEmpty());
    EXPECT_THAT(facts("Call me later."), IsEmpty());
    EXPECT_THAT(facts("hi im tired"), IsEmpty());
}

TEST(ExtractPeople, OpenSpeciesAndRelations) {
    EXPECT_THAT(facts("My goldfish is called Bubbles."),
                ElementsAre("person:goldfish:bubbles=Bubbles"));
    EXPECT_THAT(facts("I have a bearded dragon named Spike"),
                ElementsAre("person:bearded dragon:spike=Spike"));
    EXPECT_THAT(facts("We just adopted a corgi and named her Pip."),
                ElementsAre("person:corgi:pip=Pip"));
    EXPECT_THAT(facts("My sister-in-law's name is Nora."),
                ElementsAre("person:sister-in-law:nora=Nora"));
    EXPECT_THAT(ko("우리 집 금붕어 이름은 방울이에요"), ElementsAre("person:금붕어:방울=방울"));
    EXPECT_THAT(ko("방울이라는 고슴도치를 키워요"), ElementsAre("person:고슴도치:방울=방울"));
    EXPECT_THAT(ko("제 친구 Tom이 한국에 와요"), ElementsAre("person:친구:tom=Tom"));
    EXPECT_THAT(facts("My favorite song is called Yellow."), ElementsAre("favorite:song=Yellow"));
}

TEST(ExtractWork, RoleEmployerAndPlace) {
    EXPECT_THAT(ko("판교에 있는 스타트업에서 디자이너로 일해요"),
                UnorderedElementsAre("job=디자이너", "workplace=스타트업", "work_city=판교"));
    EXPECT_THAT(ko("광고 회사에서 일해요"), ElementsAre("workplace=광고 회사"));
    EXPECT_THAT(facts("I work as a nurse at a hospital in Leeds."),
                UnorderedElementsAre("job=nurse", "workplace=hospital", "work_city=Leeds"));
    EXPECT_THAT(facts("I'm a computer science major."), ElementsAre("major=computer science"));
    EXPECT_THAT(facts("I'm a student at Yonsei University."),
                UnorderedElementsAre("job=student", "school=Yonsei University"));
}

TEST(ExtractFacts, WhatOthersDoIsNotThePersons) {
    EXPECT_THAT(ko("우리 언니는 삼성전자에 다녀요"), IsEmpty());
    EXPECT_THAT(ko("언니가 서울에 살아요"), IsEmpty());
    EXPECT_THAT(ko("동생이 고양이를 좋아해요"), IsEmpty());
    EXPECT_THAT(facts("My sister lives in Paris."), IsEmpty());
    EXPECT_THAT(facts("My mom is a nurse."), IsEmpty());
    EXPECT_THAT(facts("I live in the moment."), IsEmpty());
    EXPECT_THAT(facts("I work for myself."), IsEmpty());
}

TEST(ExtractFacts, QuestionsGiveNothing) {
    EXPECT_THAT(ko("우리 엄마 이름 뭐였지"), IsEmpty());
    EXPECT_THAT(ko("내 친구 이름 알아?"), IsEmpty());
    EXPECT_THAT(facts("What was my goldfish called again?"), IsEmpty());
    EXPECT_TRUE(extract("When is my interview?", Language::English, today).events.empty());
}

TEST(ExtractEvents, EveryCommonDateForm) {
    const auto date_of = [](std::string_view text, Language language) {
        const auto e = extract(text, language, today).events;
        return e.empty() ? std::string("none") : core::format_date(e[0].date) + " " + e[0].title;
    };
    EXPECT_EQ(date_of("다음 달 10일에 결혼식이 있어요", Language::Korean), "2026-12-10 결혼식");
    EXPECT_EQ(date_of("내일 오후 3시에 면접 있어요", Language::Korean), "2026-11-28 면접");
    EXPECT_EQ(date_of("설날에 부산에 가요", Language::Korean), "2027-02-06 부산에 가요");
    EXPECT_EQ(date_of("면접은 다음 주 화요일이에요", Language::Korean), "2026-12-01 면접");
    EXPECT_EQ(date_of("I have a dentist appointment tomorrow at 3pm.", Language::English),
              "2026-11-28 dentist appointment");
    EXPECT_EQ(date_of("On Christmas Eve, I'm flying to Jeju.", Language::English),
              "2026-12-24 you're flying to Jeju");
    EXPECT_EQ(date_of("I have an exam in two weeks.", Language::English), "2026-12-11 exam");
    EXPECT_EQ(date_of("My flight is on the 10th of next month.", Language::English),
              "2026-12-10 flight");
}

TEST(ExtractEvents, ThePastAndHabitsAreNoEvents) {
    EXPECT_TRUE(extract("지난주 금요일에 면접 봤어요", Language::Korean, today).events.empty());
    EXPECT_TRUE(extract("I had an exam on Monday.", Language::English, today).events.empty());
    EXPECT_TRUE(extract("I went to Busan last Friday.", Language::English, today).events.empty());
    EXPECT_TRUE(extract("토요일마다 요가를 해요", Language::Korean, today).events.empty());
    EXPECT_TRUE(
        extract("Every Saturday I visit my grandma.", Language::English, today).events.empty());
    EXPECT_TRUE(extract("저 오늘 생일 아니에요", Language::Korean, today).events.empty());
}

TEST(ExtractEvents, ABirthdayIsAFactUnlessItIsComing) {
    const auto fixed = extract("My birthday is March 3rd", Language::English, today);
    EXPECT_TRUE(fixed.events.empty());
    const auto coming = extract("My birthday is tomorrow!", Language::English, today);
    ASSERT_EQ(coming.facts.size(), 1U);
    EXPECT_EQ(coming.facts[0].value, "11-28");
    ASSERT_EQ(coming.events.size(), 1U);
    EXPECT_EQ(coming.events[0].title, "birthday");
}

TEST(FactText, ReadsNaturallyInBothLanguages) {
    EXPECT_EQ(fact_text("city", "Busan", Language::English), "lives in: Busan");
    EXPECT_EQ(fact_text("city", "부산", Language::Korean), "사는 곳: 부산");
    EXPECT_EQ(fact_text("work_city", "판교", Language::Korean), "근무지: 판교");
    EXPECT_EQ(fact_text("person:sister:emma", "Emma", Language::English), "sister: Emma");
    EXPECT_EQ(fact_text("pref:coffee", "dislike", Language::English), "dislikes: coffee");
    EXPECT_EQ(slot_relation("person:강아지:콩"), "강아지");
}

} // namespace
} // namespace samantha::memory
