#include <algorithm>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <samantha/engine.h>

#include "core/time.h"
#include "fakes/fake_clock.h"
#include "storage/database.h"

namespace samantha {
namespace {

class EngineTest : public ::testing::Test {
protected:
    std::unique_ptr<Engine> open() {
        Config config;
        config.data_dir = m_dir.path();
        auto engine = Engine::open(config, m_clock, Logger{});
        EXPECT_TRUE(engine) << engine.error().message;
        return std::move(*engine);
    }

    TurnOutput say(Conversation& c, const std::string& text) {
        auto out = c.turn(TurnInput{.text = text, .at = std::nullopt});
        EXPECT_TRUE(out) << out.error().message;
        return out ? *out : TurnOutput{};
    }

    testing::TempDir m_dir;
    std::shared_ptr<testing::FakeClock> m_clock =
        std::make_shared<testing::FakeClock>(testing::FakeClock::moment("2026-11-27T11:00:00Z"));
};

TEST_F(EngineTest, RemembersAcrossARestart) {
    {
        auto engine = open();
        auto c = engine->conversation("mina");
        ASSERT_TRUE(c);
        say(**c, "My name is Mina.");
        say(**c, "My sister Emma lives in Busan.");
        say(**c, "I have a job interview tomorrow.");
    }
    m_clock->advance(std::chrono::hours(2));
    auto engine = open();
    auto c = engine->conversation("mina");
    ASSERT_TRUE(c);
    const auto name = say(**c, "What's my name?");
    EXPECT_NE(name.reply.find("Mina"), std::string::npos) << name.reply;
    const auto all = say(**c, "What do you remember about me?");
    EXPECT_NE(all.reply.find("Emma"), std::string::npos) << all.reply;
    EXPECT_NE(all.reply.find("job interview tomorrow"), std::string::npos) << all.reply;
}

TEST_F(EngineTest, BadInputIsRefusedAndStoresNothing) {
    auto engine = open();
    auto c = engine->conversation("x");
    ASSERT_TRUE(c);
    say(**c, "I live in Seoul.");
    const auto before = (*c)->memories(true)->size();
    const auto turns_before = (*c)->summary()->turn_count;

    auto bad_utf8 = (*c)->turn(TurnInput{.text = "I live in \xff Busan", .at = std::nullopt});
    ASSERT_FALSE(bad_utf8);
    EXPECT_EQ(bad_utf8.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(bad_utf8.error().message.find("byte 10"), std::string::npos)
        << bad_utf8.error().message;

    auto control =
        (*c)->turn(TurnInput{.text = std::string("I moved to Busan\0", 17), .at = std::nullopt});
    ASSERT_FALSE(control);
    EXPECT_NE(control.error().message.find("control character"), std::string::npos);

    auto huge = (*c)->turn(TurnInput{.text = std::string(1 << 20, 'a'), .at = std::nullopt});
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().code, ErrorCode::TooLarge);

    auto past = (*c)->turn(TurnInput{
        .text = "I moved to Busan",
        .at = core::parse_iso8601("2020-01-01T00:00:00Z", std::chrono::minutes{0}).value()});
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, ErrorCode::Conflict);

    EXPECT_EQ((*c)->memories(true)->size(), before);
    EXPECT_EQ((*c)->summary()->turn_count, turns_before);
    const auto facts = (*c)->memories(false);
    ASSERT_TRUE(facts);
    EXPECT_TRUE(std::any_of(
        facts->begin(), facts->end(), [](const Memory& m) { return m.value == "Seoul"; }));
}

TEST_F(EngineTest, EmptyTextIsTimePassingAndStoresNothing) {
    auto engine = open();
    auto c = engine->conversation("x");
    ASSERT_TRUE(c);
    const auto out = say(**c, "");
    EXPECT_TRUE(out.reply.empty());
    EXPECT_EQ(out.intent, "time_passed");
    EXPECT_EQ((*c)->summary()->turn_count, 0);
}

TEST_F(EngineTest, AtMovesTheClockAndALineWithoutAtKeepsIt) {
    auto engine = open();
    auto c = engine->conversation(
        "x", core::parse_iso8601("2026-11-27T20:00:00+09:00", std::chrono::minutes{0}).value());
    ASSERT_TRUE(c);
    const auto later =
        core::parse_iso8601("2026-11-28T09:00:00+09:00", std::chrono::minutes{0}).value();
    auto first = (*c)->turn(TurnInput{.text = "hello", .at = later});
    ASSERT_TRUE(first);
    EXPECT_EQ(first->at, later);
    auto second = (*c)->turn(TurnInput{.text = "I have an exam tomorrow", .at = std::nullopt});
    ASSERT_TRUE(second);
    EXPECT_EQ(second->at, later);
    ASSERT_EQ(second->remembered.size(), 1U);
    EXPECT_EQ(core::format_date(*second->remembered[0].date), "2026-11-29");
}

TEST_F(EngineTest, PeopleAreSeparate) {
    auto engine = open();
    auto a = engine->conversation("a");
    auto b = engine->conversation("b");
    ASSERT_TRUE(a && b);
    say(**a, "My name is Ann.");
    const auto asked = say(**b, "What's my name?");
    EXPECT_EQ(asked.reply.find("Ann"), std::string::npos);
    EXPECT_TRUE(engine->memories("b", true)->empty());
    EXPECT_EQ(engine->memories("nobody", true).error().code, ErrorCode::NotFound);
}

TEST_F(EngineTest, ForgetByIdErasesForGood) {
    auto engine = open();
    auto c = engine->conversation("x");
    ASSERT_TRUE(c);
    say(**c, "I smoke every day.");
    auto list = engine->memories("x", true);
    ASSERT_TRUE(list);
    ASSERT_FALSE(list->empty());
    for (const auto& m : *list) {
        auto erased = engine->forget("x", m.id);
        if (!erased) {
            EXPECT_EQ(erased.error().code,
                      ErrorCode::NotFound); // already erased with a related one
        }
    }
    EXPECT_TRUE(engine->memories("x", true)->empty());
    EXPECT_EQ(engine->forget("x", 99999).error().code, ErrorCode::NotFound);
}

// The memory of `c` whose slot is `slot`, or none.
std::optional<Memory> fact(Conversation& c, const std::string& slot) {
    const auto memories = c.memories(false);
    for (const auto& m : *memories) {
        if (m.slot == slot) {
            return m;
        }
    }
    return std::nullopt;
}

TEST_F(EngineTest, ACorrectedMemoryIsWhatSamanthaRecalls) {
    auto engine = open();
    auto c = engine->conversation("mina");
    ASSERT_TRUE(c);
    say(**c, "My name is Mina.");
    say(**c, "I live in Busan.");
    say(**c, "I have a job interview tomorrow.");
    const auto city = fact(**c, "city");
    ASSERT_TRUE(city) << "no city fact";
    auto corrected = (*c)->correct(city->id, MemoryCorrection{.text = "Daegu"});
    ASSERT_TRUE(corrected) << corrected.error().message;
    EXPECT_EQ(corrected->value, "Daegu");
    EXPECT_NE(corrected->text.find("Daegu"), std::string::npos) << corrected->text;
    // The search index follows: asking about Daegu finds it, and Busan is nowhere.
    const auto recall = say(**c, "What do you remember about me?");
    EXPECT_NE(recall.reply.find("Daegu"), std::string::npos) << recall.reply;
    EXPECT_EQ(recall.reply.find("Busan"), std::string::npos) << recall.reply;
    // The mistaken value is not kept as the fact's history (the message itself stays an
    // episode until forgotten: those were the person's words).
    const auto ledger = (*c)->memories(true);
    for (const auto& m : *ledger) {
        if (m.kind == MemoryKind::Fact) {
            EXPECT_EQ(m.text.find("Busan"), std::string::npos) << m.text;
        }
    }
    // An event moves to another day.
    std::optional<Memory> event;
    const auto current = (*c)->memories(false);
    for (const auto& m : *current) {
        if (m.kind == MemoryKind::Event) {
            event = m;
        }
    }
    ASSERT_TRUE(event);
    auto moved = (*c)->correct(
        event->id, MemoryCorrection{.text = "second interview", .date = CivilDate{2026, 12, 3}});
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(moved->text, "second interview (2026-12-03)");
    // Bad corrections change nothing.
    EXPECT_EQ((*c)->correct(city->id, MemoryCorrection{.text = "  "}).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(
        (*c)->correct(city->id, MemoryCorrection{.date = CivilDate{2026, 12, 1}}).error().code,
        ErrorCode::InvalidArgument);
    EXPECT_EQ((*c)->correct(city->id, MemoryCorrection{.text = "a\x01"}).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ((*c)->correct(99999, MemoryCorrection{.text = "x"}).error().code,
              ErrorCode::NotFound);
    EXPECT_EQ(fact(**c, "city")->value, "Daegu");
    // Another person cannot correct Mina's memory.
    auto jun = engine->conversation("jun");
    ASSERT_TRUE(jun);
    EXPECT_EQ((*jun)->correct(city->id, MemoryCorrection{.text = "Seoul"}).error().code,
              ErrorCode::NotFound);
    // A fact that changed in conversation keeps its history, which cannot be corrected.
    say(**c, "I moved to Seoul.");
    const auto history = *(*c)->memories(true);
    auto old = std::find_if(history.begin(), history.end(), [](const Memory& m) {
        return m.slot == "city" && m.valid_to.has_value();
    });
    ASSERT_NE(old, history.end());
    EXPECT_EQ((*c)->correct(old->id, MemoryCorrection{.text = "Ulsan"}).error().code,
              ErrorCode::Conflict);
}

TEST_F(EngineTest, SettingsChangeHowSamanthaReachesOut) {
    auto engine = open();
    auto c = engine->conversation("mina");
    ASSERT_TRUE(c);
    auto defaults = (*c)->settings();
    ASSERT_TRUE(defaults);
    EXPECT_FALSE(defaults->language.has_value());
    EXPECT_EQ(defaults->role, "friend");
    EXPECT_TRUE(defaults->proactive);
    EXPECT_EQ(defaults->quiet_start_hour, 23);
    say(**c, "Hi, I'm Mina. I have an exam on Friday.");
    // Opted out: four days later, time passing brings nothing.
    ASSERT_TRUE((*c)->change_settings(SettingsChange{.proactive = false}));
    m_clock->advance(std::chrono::hours(24 * 4));
    EXPECT_EQ(say(**c, "").reply, "");
    // Opted in with Korean as her language: she speaks first, in Korean.
    auto changed = (*c)->change_settings(
        SettingsChange{.language = std::optional<Language>{Language::Korean}, .proactive = true});
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(changed->language, Language::Korean);
    const auto first = say(**c, "");
    EXPECT_TRUE(first.proactive);
    EXPECT_EQ(first.language, Language::Korean) << first.reply;
    // Bad settings change nothing.
    EXPECT_EQ((*c)->change_settings(SettingsChange{.quiet_start_hour = 24}).error().code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ((*c)->change_settings(SettingsChange{.role = std::string("boss")}).error().code,
              ErrorCode::InvalidArgument);
    // The role, and the settings, last across a restart.
    ASSERT_TRUE((*c)->change_settings(
        SettingsChange{.role = std::string("partner"), .quiet_start_hour = 22}));
    c->reset();
    engine.reset();
    engine = open();
    auto again = engine->conversation("mina");
    ASSERT_TRUE(again);
    const auto kept = (*again)->settings();
    EXPECT_EQ(kept->role, "partner");
    EXPECT_EQ(kept->quiet_start_hour, 22);
    EXPECT_EQ(kept->language, Language::Korean);
    EXPECT_FALSE((*again)->summary()->relationship.role.empty());
    EXPECT_EQ((*again)->summary()->relationship.role, "partner");
}

TEST_F(EngineTest, HistoryPagesBackThroughTheLog) {
    auto engine = open();
    auto c = engine->conversation("mina");
    ASSERT_TRUE(c);
    for (const char* text : {"Hello!", "I like tea.", "My sister is Emma.", "Good night."}) {
        say(**c, text);
    }
    auto last_two = (*c)->history(0, 0, 2);
    ASSERT_TRUE(last_two);
    ASSERT_EQ(last_two->size(), 2U);
    EXPECT_EQ(last_two->at(0).text, "My sister is Emma.");
    EXPECT_EQ(last_two->at(1).text, "Good night.");
    EXPECT_FALSE(last_two->at(1).reply.empty());
    auto earlier = (*c)->history(0, last_two->at(0).id, 10);
    ASSERT_EQ(earlier->size(), 2U);
    EXPECT_EQ(earlier->at(0).text, "Hello!");
    auto conversations = (*c)->conversations(10);
    ASSERT_EQ(conversations->size(), 1U);
    EXPECT_EQ(conversations->at(0).turns, 4);
    auto jun = engine->conversation("jun");
    EXPECT_TRUE((*jun)->history(0, 0, 10)->empty());
    EXPECT_TRUE((*jun)->history(conversations->at(0).id, 0, 10)->empty());
}

TEST_F(EngineTest, ErasingAPersonLeavesNothingOfThem) {
    auto engine = open();
    {
        auto c = engine->conversation("mina");
        ASSERT_TRUE(c);
        say(**c, "My name is Mina and my sister Zelphine lives in Busan.");
        say(**c, "I have a job interview tomorrow.");
        auto jun = engine->conversation("jun");
        say(**jun, "My dog is called Zelphine too.");
    }
    ASSERT_TRUE(engine->issue_token("mina"));
    ASSERT_TRUE(engine->erase_person("mina"));
    EXPECT_EQ(engine->memories("mina", true).error().code, ErrorCode::NotFound);
    EXPECT_EQ(engine->erase_person("mina").error().code, ErrorCode::NotFound);
    const auto tokens = engine->access_tokens();
    for (const auto& [digest, who] : *tokens) {
        EXPECT_NE(who, "mina");
    }
    // Jun keeps everything, and his search still finds his own.
    auto jun = engine->conversation("jun");
    ASSERT_FALSE((*jun)->memories(true)->empty());
    const auto recall = say(**jun, "Do you remember Zelphine?");
    EXPECT_NE(recall.reply.find("Zelphine"), std::string::npos) << recall.reply;
    // Mina starting again is a stranger.
    auto fresh = engine->conversation("mina");
    ASSERT_TRUE(fresh);
    EXPECT_EQ((*fresh)->summary()->turn_count, 0);
    EXPECT_TRUE((*fresh)->memories(true)->empty());
}

TEST_F(EngineTest, AnEncryptedDataDirectoryOpensOnlyWithItsKey) {
    Config config;
    config.data_dir = m_dir.path();
    config.db_key = "a passphrase only Mina knows";
    auto engine = Engine::open(config, m_clock, Logger{});
    if (!storage::encryption_available()) {
        ASSERT_FALSE(engine);
        EXPECT_EQ(engine.error().code, ErrorCode::Unsupported);
        return;
    }
    ASSERT_TRUE(engine) << engine.error().message;
    {
        auto c = (*engine)->conversation("mina");
        say(**c, "My sister Zelphine lives in Busan.");
    }
    engine->reset();
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
        std::ifstream in(m_dir.path() + "/samantha.db" + suffix, std::ios::binary);
        bytes += std::string((std::istreambuf_iterator<char>(in)), {});
    }
    EXPECT_EQ(bytes.find("Zelphine"), std::string::npos);
    Config keyless = config;
    keyless.db_key.clear();
    auto refused = Engine::open(keyless, m_clock, Logger{});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("SAMANTHA_DB_KEY"), std::string::npos);
    auto reopened = Engine::open(config, m_clock, Logger{});
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto memories = (*reopened)->memories("mina", false);
    ASSERT_TRUE(memories);
    bool sister = false;
    for (const auto& m : *memories) {
        sister = sister || m.value == "Zelphine";
    }
    EXPECT_TRUE(sister);
}

TEST_F(EngineTest, RefusesAnUnusablePersona) {
    Config config;
    config.data_dir = m_dir.path();
    config.persona_file = "/nonexistent/persona.toml";
    auto engine = Engine::open(config, m_clock, Logger{});
    ASSERT_FALSE(engine);
    EXPECT_EQ(engine.error().code, ErrorCode::Io);
}

} // namespace
} // namespace samantha
