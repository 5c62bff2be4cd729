// The JSON form of the public types (src/wire/): keys and codes that clients read.
#include "wire/json.h"

#include <gtest/gtest.h>

namespace samantha::wire {
namespace {

TEST(WireJson, AnErrorIsOneLineWithCodeAndMessage) {
    EXPECT_EQ(error_line("not_found", "no such memory"),
              R"({"error":{"code":"not_found","message":"no such memory"}})");
}

TEST(WireJson, EngineErrorsHaveStableCodes) {
    EXPECT_EQ(wire_code(make_error(ErrorCode::Conflict, "time went backwards")),
              "time_went_backwards");
    EXPECT_EQ(wire_code(make_error(ErrorCode::InvalidArgument, "text: invalid UTF-8 at byte 3")),
              "invalid_utf8");
    EXPECT_EQ(wire_code(make_error(ErrorCode::InvalidArgument, "text: a control character")),
              "control_character");
    EXPECT_EQ(wire_code(make_error(ErrorCode::InvalidArgument, "limit: must be positive")),
              "invalid_field");
    EXPECT_EQ(wire_code(make_error(ErrorCode::NotFound, "no such person")), "not_found");
}

TEST(WireJson, SettingsAndTheRelationshipUseWireNames) {
    const nlohmann::json settings = settings_json(PersonSettings{});
    EXPECT_EQ(settings["language"], "auto");
    EXPECT_EQ(settings["role"], "friend");
    EXPECT_EQ(settings["proactive"], true);
    EXPECT_EQ(relationship_json(RelationshipState{})["speech_level"], "formal");
    EXPECT_EQ(
        relationship_json(RelationshipState{.speech_level = SpeechLevel::Casual})["speech_level"],
        "casual");
}

} // namespace
} // namespace samantha::wire
