#include "persona/persona.h"

#include <gtest/gtest.h>

namespace samantha::persona {
namespace {

constexpr std::string_view minimal = R"(
[name]
en = "Ava"
ko = "에이바"
[about]
en = "I'm Ava."
ko = "저는 에이바예요."
[nature]
en = "I'm an AI."
ko = "저는 AI예요."
)";

TEST(Persona, BuiltinSamanthaIsComplete) {
    const auto p = builtin_persona();
    EXPECT_EQ(p->name.en, "Samantha");
    EXPECT_EQ(p->name.ko, "사만다");
    EXPECT_EQ(p->role, "friend");
    EXPECT_FALSE(p->about.ko_casual.empty());
    EXPECT_GT(p->big_five.agreeableness, 0.5f);
    EXPECT_EQ(p->voice.espeak_ko, "ko");
    EXPECT_EQ(p->nature.get(Language::Korean, SpeechLevel::Casual), p->nature.ko_casual);
}

TEST(Persona, MinimalFileUsesDefaults) {
    auto p = parse_persona(minimal, "ava.toml");
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->name.get(Language::Korean, SpeechLevel::Casual), "에이바"); // falls back to polite
    EXPECT_FLOAT_EQ(p->big_five.openness, 0.5f);
}

TEST(Persona, UnknownKeysAreErrorsWithTheirPath) {
    auto p = parse_persona(std::string(minimal) + "[voice]\nspeed = 3\n", "ava.toml");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message.find("voice.speed"), std::string::npos) << p.error().message;
}

TEST(Persona, OutOfRangeValuesAreErrors) {
    auto p = parse_persona(std::string(minimal) + "[big_five]\nopenness = 1.5\n", "ava.toml");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message.find("big_five.openness"), std::string::npos);
    auto role = parse_persona(std::string(minimal) + "role = \"boss\"\n", "ava.toml");
    ASSERT_FALSE(role);
}

TEST(Persona, SyntaxErrorsNameTheLine) {
    auto p = parse_persona("[name\nen = 1", "broken.toml");
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(p.error().message.find("line 1"), std::string::npos) << p.error().message;
}

TEST(Persona, MissingRequiredTextIsAnError) {
    auto p = parse_persona("[name]\nen = \"X\"\n", "x.toml");
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message.find("name.ko"), std::string::npos);
}

TEST(Persona, MissingFileIsAnIoError) {
    auto p = load_persona("/nonexistent/persona.toml");
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::Io);
}

} // namespace
} // namespace samantha::persona
