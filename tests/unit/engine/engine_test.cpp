#include <gtest/gtest.h>
#include <samantha/engine.h>

#include "core/time.h"
#include "fakes/fake_clock.h"

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
