#include "core/utf8.h"

#include <gtest/gtest.h>

namespace samantha::core {
namespace {

TEST(Utf8, AcceptsKoreanEnglishAndEmoji) {
    EXPECT_FALSE(find_invalid_utf8("안녕하세요, Samantha! 😊"));
    EXPECT_FALSE(find_invalid_utf8(""));
}

TEST(Utf8, ReportsTheOffsetOfBadBytes) {
    const auto bad = find_invalid_utf8(std::string("abc\xff"
                                                   "def"));
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->offset, 3U);
    EXPECT_NE(bad->reason.find("0xFF"), std::string::npos);
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
    EXPECT_TRUE(find_invalid_utf8("\xc0\xaf"));         // overlong '/'
    EXPECT_TRUE(find_invalid_utf8("\xed\xa0\x80"));     // U+D800
    EXPECT_TRUE(find_invalid_utf8("\xf4\x90\x80\x80")); // past U+10FFFF
    EXPECT_TRUE(find_invalid_utf8("\xea\xb0"));         // truncated 가
    EXPECT_TRUE(find_invalid_utf8("\xea\x41\x80"));     // bad continuation
}

TEST(Utf8, FindsControlCharactersButAllowsTabsAndNewlines) {
    EXPECT_FALSE(find_control_character("a\tb\nc\r\n"));
    const auto nul = find_control_character(std::string("ab\0c", 4));
    ASSERT_TRUE(nul);
    EXPECT_EQ(nul->offset, 2U);
    EXPECT_TRUE(find_control_character("\x1b[31m"));
    EXPECT_TRUE(find_control_character("x\x7f"));
    EXPECT_TRUE(find_control_character("x\xc2\x85")); // NEL, a C1 control
}

TEST(Utf8, DecodesAndTruncatesWholeCharacters) {
    EXPECT_EQ(decode_utf8("가a").size(), 2U);
    EXPECT_EQ(encode_utf8(decode_utf8("고양이를 😊")), "고양이를 😊");
    EXPECT_EQ(code_point_count("고양이"), 3U);
    EXPECT_EQ(truncate_utf8("고양이를", 2), "고양");
    EXPECT_EQ(last_code_point("민수"), U'수');
}

} // namespace
} // namespace samantha::core
