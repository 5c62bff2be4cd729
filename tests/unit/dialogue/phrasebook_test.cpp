#include "dialogue/phrasebook.h"

#include <set>

#include <gtest/gtest.h>

#include "dialogue/composer.h"
#include "dialogue/phrase_data.h"

namespace samantha::dialogue {
namespace {

std::set<std::string> sections_of(std::string_view text) {
    std::set<std::string> names;
    std::size_t pos = 0;
    while ((pos = text.find("\n[", pos)) != std::string_view::npos) {
        const auto end = text.find(']', pos);
        names.insert(std::string(text.substr(pos + 2, end - pos - 2)));
        pos = end;
    }
    return names;
}

TEST(PhraseBook, BuiltinBooksParseAndCoverTheSameSections) {
    const auto en = sections_of(phrase_data::english());
    const auto ko = sections_of(phrase_data::korean());
    EXPECT_EQ(en, ko);
    for (const auto& name : en) {
        EXPECT_FALSE(builtin_phrasebook(Language::English)->section(name).empty()) << name;
        EXPECT_FALSE(builtin_phrasebook(Language::Korean)->section(name).empty()) << name;
    }
}

TEST(PhraseBook, EveryLineRendersWithItsSlotsFilled) {
    const Slots all = {{"self", "사만다"},
                       {"name", "민지"},
                       {"value", "부산"},
                       {"old", "서울"},
                       {"relation", "언니"},
                       {"event", "면접"},
                       {"when", "내일"},
                       {"list", "이름은 민지"},
                       {"snippet", "안녕"},
                       {"about", "저는 사만다예요."},
                       {"nature", "저는 AI예요."},
                       {"likes", "음악"},
                       {"resource", "109"},
                       {"days", "5"},
                       {"topic", "제주도"},
                       {"who", "언니"},
                       {"place", "Lisbon"}};
    for (const auto language : {Language::English, Language::Korean}) {
        const auto text =
            language == Language::English ? phrase_data::english() : phrase_data::korean();
        for (const auto& name : sections_of(text)) {
            for (const auto& phrase : builtin_phrasebook(language)->section(name)) {
                for (const auto level : {SpeechLevel::Polite, SpeechLevel::Casual}) {
                    const auto rendered = render_phrase(phrase.get(level), all);
                    ASSERT_TRUE(rendered) << name << ": " << phrase.get(level);
                    EXPECT_EQ(rendered->find('{'), std::string::npos) << *rendered;
                }
            }
        }
    }
}

TEST(PhraseBook, KoreanCasualFormsAreBanmal) {
    // Every 해요체 line's casual form drops the polite 요 ending of its last sentence.
    for (const auto& name : sections_of(phrase_data::korean())) {
        for (const auto& phrase : builtin_phrasebook(Language::Korean)->section(name)) {
            if (phrase.polite == phrase.casual || phrase.polite.find("{") == 0) {
                continue;
            }
            EXPECT_EQ(phrase.casual.find("요."), std::string::npos)
                << name << ": " << phrase.casual;
            EXPECT_EQ(phrase.casual.find("요?"), std::string::npos)
                << name << ": " << phrase.casual;
        }
    }
}

TEST(RenderPhrase, AttachesParticlesByFinalConsonant) {
    EXPECT_EQ(render_phrase("{name|이/가} 왔어요", {{"name", "민수"}}), "민수가 왔어요");
    EXPECT_EQ(render_phrase("{name|이/가} 왔어요", {{"name", "지민"}}), "지민이 왔어요");
    EXPECT_EQ(render_phrase("{place|으로/로} 가요", {{"place", "서울"}}), "서울로 가요");
    EXPECT_EQ(render_phrase("{place|으로/로} 가요", {{"place", "부산"}}), "부산으로 가요");
    EXPECT_EQ(render_phrase("{self|이에요/예요}", {{"self", "사만다"}}), "사만다예요");
    EXPECT_EQ(render_phrase("{x|와/과}", {{"x", "동생"}}), "동생과");
}

TEST(RenderPhrase, ANameThatMakesAWordWithTheHonorificTakesSsi) {
    EXPECT_EQ(render_phrase("{name}님, 반가워요.", {{"name", "하나"}}), "하나 씨, 반가워요.");
    EXPECT_EQ(render_phrase("{name}님, 반가워요.", {{"name", "하늘"}}), "하늘님, 반가워요.");
}

TEST(RenderPhrase, RefusesALineWithAMissingSlot) {
    EXPECT_FALSE(render_phrase("Hi {name}!", {}));
    EXPECT_FALSE(render_phrase("Hi {name}!", {{"name", ""}}));
    EXPECT_EQ(render_phrase("Hi!", {}), "Hi!");
}

TEST(PhraseBook, ParseErrorsNameTheLine) {
    auto orphan = PhraseBook::parse("a line\n", "t.txt");
    ASSERT_FALSE(orphan);
    EXPECT_NE(orphan.error().message.find("line 1"), std::string::npos);
    EXPECT_FALSE(PhraseBook::parse("[a]\nHi {name\n", "t.txt"));
    EXPECT_FALSE(PhraseBook::parse("[a]\n", "t.txt"));
}

} // namespace
} // namespace samantha::dialogue

namespace samantha::dialogue {
namespace {

TEST(Care, NoPhraseBookLineIsManipulative) {
    for (const auto language : {Language::English, Language::Korean}) {
        const auto text =
            language == Language::English ? phrase_data::english() : phrase_data::korean();
        for (const auto& name : sections_of(text)) {
            for (const auto& phrase : builtin_phrasebook(language)->section(name)) {
                EXPECT_FALSE(is_manipulative(phrase.polite)) << name << ": " << phrase.polite;
                EXPECT_FALSE(is_manipulative(phrase.casual)) << name << ": " << phrase.casual;
            }
        }
    }
}

TEST(Care, TheManipulationListCatchesWhatItNames) {
    EXPECT_TRUE(is_manipulative("Already leaving? Stay a bit."));
    EXPECT_TRUE(is_manipulative("I'll be so lonely without you."));
    EXPECT_TRUE(is_manipulative("Wait, before you go, one thing"));
    EXPECT_TRUE(is_manipulative("벌써 가요? 조금만 더 있어요."));
    EXPECT_TRUE(is_manipulative("가지 마"));
    EXPECT_FALSE(is_manipulative("Good night. Sleep well."));
    EXPECT_FALSE(is_manipulative("잘 자요. 좋은 꿈 꿔요."));
}

} // namespace
} // namespace samantha::dialogue
