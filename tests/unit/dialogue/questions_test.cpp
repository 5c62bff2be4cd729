// No question, in either language, ever becomes a fact (issue: "우리 엄마 이름 뭐였지?" stored
// 엄마: 뭐였지). The question forms are generated here from templates × relations × names ×
// endings, written for this test and not taken from the act data set, and run through the real
// stages: perceive (the act model) and remember (extraction, gated by the act).
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/hangul.h"
#include "dialogue/perception.h"
#include "dialogue/remember.h"

namespace samantha::dialogue {
namespace {

constexpr CivilDate today{.year = 2026, .month = 11, .day = 27};

Perception perceived(std::string_view text) {
    return perceive(text, Language::English, *affect::builtin_lexicon(), *builtin_cues());
}

std::string replace(std::string text, std::string_view key, std::string_view value) {
    for (auto at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
    }
    return text;
}

// English: relations (people and animals, some outside the extraction's word lists) × names
// that are also words × templates × endings.
std::vector<std::string> english_questions() {
    const std::vector<std::string> relations = {
        "mom", "dad",      "sister",    "brother",    "best friend", "wife",     "husband",
        "son", "daughter", "boss",      "cousin",     "grandma",     "goldfish", "dog",
        "cat", "hamster",  "neighbour", "girlfriend", "boyfriend",   "parrot"};
    const std::vector<std::string> names = {"May", "Will", "Joy", "Bubbles", "Grace", "Rich"};
    const std::vector<std::string> templates = {
        "What was my {rel}'s name again{end}",
        "what's my {rel} called{end}",
        "Do you remember my {rel}'s name{end}",
        "Did I tell you what my {rel} is called{end}",
        "Is my {rel} called {name}{end}",
        "Was my {rel}'s name {name}{end}",
        "what did i say my {rel}'s name was{end}",
        "Remind me, what's my {rel}'s name{end}",
        "Where does my {rel} live again{end}",
        "wait is {name} my {rel} or am i mixing things up{end}",
        "How old is my {rel} again{end}",
        "Do you know what my {rel} does for work{end}",
    };
    const std::vector<std::string> endings = {"?", "", "??"};
    std::vector<std::string> out;
    for (std::size_t t = 0; t < templates.size(); ++t) {
        for (std::size_t r = 0; r < relations.size(); ++r) {
            // Vary the name and the ending with the pair, so every one meets every template.
            const std::string& name = names[(t + r) % names.size()];
            const std::string& end = endings[(t * 7 + r) % endings.size()];
            out.push_back(
                replace(replace(replace(templates[t], "{rel}", relations[r]), "{name}", name),
                        "{end}",
                        end));
        }
    }
    return out;
}

// Korean: relations × names that are also words (하나, 보라, 나래 …) × templates × endings, with
// the particles each word takes.
std::vector<std::string> korean_questions() {
    const std::vector<std::string> relations = {
        "엄마",   "아빠",   "언니",     "오빠",     "누나", "형",     "동생",
        "친구",   "남편",   "아내",     "아들",     "딸",   "할머니", "할아버지",
        "강아지", "고양이", "남자친구", "여자친구", "사촌", "팀장님"};
    const std::vector<std::string> names = {"하나", "보라", "나래", "소리", "미나", "지수"};
    const std::vector<std::string> templates = {
        "우리 {rel} 이름 뭐였지{end}",
        "내 {rel} 이름 알아{end}",
        "내 {rel} 이름 기억나{end}",
        "우리 {rel} 이름이 뭐더라{end}",
        "제 {rel} 이름 기억하세요{end}",
        "{rel} 이름이 {name}였나{end}",
        "내 {rel_subject} 어디 산다고 했지{end}",
        "우리 {rel} 생일이 언제였더라{end}",
        "내가 {rel} 이름 말해줬었나{end}",
        "제가 {rel} 얘기 했었나요{end}",
        "{rel} 이름 {name} 맞지{end}",
        "우리 {rel_subject} 몇 살이라고 했지{end}",
    };
    const std::vector<std::string> endings = {"?", "", " ㅋㅋ"};
    std::vector<std::string> out;
    for (std::size_t t = 0; t < templates.size(); ++t) {
        for (std::size_t r = 0; r < relations.size(); ++r) {
            const std::string& name = names[(t + r) % names.size()];
            const std::string& end = endings[(t * 7 + r) % endings.size()];
            std::string text = replace(
                templates[t], "{rel_subject}", core::attach_particle(relations[r], "이/가"));
            text = replace(
                replace(replace(text, "{rel}", relations[r]), "{name}", name), "{end}", end);
            out.push_back(std::move(text));
        }
    }
    return out;
}

void expect_never_a_fact(const std::vector<std::string>& questions) {
    int read_as_questions = 0;
    for (const auto& text : questions) {
        const Perception p = perceived(text);
        const memory::Extraction extraction = remember(p, today);
        EXPECT_TRUE(extraction.facts.empty())
            << "'" << text << "' (read as " << nlu::dialogue_act_name(p.act) << ") stored "
            << extraction.facts.front().slot << ": " << extraction.facts.front().value;
        EXPECT_TRUE(extraction.events.empty())
            << "'" << text << "' stored the event " << extraction.events.front().title;
        EXPECT_FALSE(extraction.forget) << text;
        if (text.find('?') != std::string::npos) {
            EXPECT_TRUE(nlu::is_question(p.act))
                << "'" << text << "' read as " << nlu::dialogue_act_name(p.act);
            EXPECT_NE(p.intent, Intent::Statement) << text;
        }
        read_as_questions += nlu::is_question(p.act);
    }
    // Without a question mark some forms are ambiguous ("내 엄마 이름 알아" is also "I know my
    // mom's name"); the model reads most as questions, and none is mined either way.
    EXPECT_GE(read_as_questions, static_cast<int>(questions.size() * 9 / 10));
}

TEST(Questions, EnoughFormsAreGenerated) {
    EXPECT_GE(english_questions().size(), 200U);
    EXPECT_GE(korean_questions().size(), 200U);
}

TEST(Questions, NoEnglishQuestionBecomesAFact) {
    expect_never_a_fact(english_questions());
}

TEST(Questions, NoKoreanQuestionBecomesAFact) {
    expect_never_a_fact(korean_questions());
}

// The gate is not a wall: the statements the questions ask about are still remembered.
TEST(Questions, TheMatchingStatementsAreRemembered) {
    for (const std::string text : {"My goldfish is called Bubbles.",
                                   "My sister's name is May.",
                                   "우리 엄마 이름은 지영이에요",
                                   "내 친구 이름은 하나야"}) {
        const Perception p = perceived(text);
        EXPECT_TRUE(nlu::may_carry_facts(p.act)) << text;
        EXPECT_FALSE(remember(p, today).facts.empty()) << text;
    }
}

TEST(Questions, AQuestionInsideAStatementIsNotMined) {
    const Perception p = perceived("My dog is called Max. What was my cat called again?");
    const memory::Extraction extraction = remember(p, today);
    for (const auto& fact : extraction.facts) {
        EXPECT_EQ(fact.text.find("cat"), std::string::npos) << fact.slot << ": " << fact.value;
    }
}

TEST(Questions, RequestsKeepForgettingAndTheNameTheyAskFor) {
    const Perception forget = perceived("Please forget that I smoke.");
    EXPECT_EQ(forget.act, nlu::DialogueAct::Request);
    const memory::Extraction forgotten = remember(forget, today);
    EXPECT_TRUE(forgotten.forget);
    EXPECT_TRUE(forgotten.facts.empty());

    const Perception call_me = perceived("call me Jay");
    if (call_me.act == nlu::DialogueAct::Request) {
        const memory::Extraction named = remember(call_me, today);
        ASSERT_EQ(named.facts.size(), 1U);
        EXPECT_EQ(named.facts[0].slot, "name");
    }
}

TEST(Questions, ThanksAreNotMined) {
    const Perception p = perceived("thank you so much, Grace!");
    EXPECT_EQ(p.act, nlu::DialogueAct::Thanks);
    EXPECT_TRUE(remember(p, today).facts.empty());
}

// A greeting or a laugh around a stated fact keeps the fact (the act names the whole message).
TEST(Questions, AGreetingAroundAFactKeepsIt) {
    const Perception hello = perceived("hi, I'm Mina");
    EXPECT_TRUE(nlu::may_carry_facts(hello.act));
    const memory::Extraction extraction = remember(hello, today);
    ASSERT_FALSE(extraction.facts.empty());
    EXPECT_EQ(extraction.facts[0].slot, "name");
    EXPECT_EQ(hello.intent, Intent::Statement); // acknowledged, not only greeted
}

TEST(Questions, TheIntentAgreesWithTheAct) {
    // A question with neither a cue nor a question mark is still a question; one about the person's
    // own life is answered from memory.
    EXPECT_EQ(perceived("what was my mom's name again").intent, Intent::AskMemory);
    EXPECT_EQ(perceived("우리 엄마 이름 뭐였더라").intent, Intent::AskMemory);
    EXPECT_EQ(perceived("how far away is the moon").intent, Intent::Question);
    // The cue book's intents stand.
    EXPECT_EQ(perceived("What's my name?").intent, Intent::AskName);
    EXPECT_EQ(perceived("Hi!").intent, Intent::Greeting);
    EXPECT_EQ(perceived("").intent, Intent::TimePassed);
}

} // namespace
} // namespace samantha::dialogue
