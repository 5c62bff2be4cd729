#include "core/base64.h"

#include <string>

#include <gtest/gtest.h>

namespace samantha::core {
namespace {

std::vector<std::uint8_t> bytes_of(std::string_view text) {
    return {text.begin(), text.end()};
}

TEST(Base64, EncodesTheRfc4648Vectors) {
    EXPECT_EQ(encode_base64(bytes_of("")), "");
    EXPECT_EQ(encode_base64(bytes_of("f")), "Zg==");
    EXPECT_EQ(encode_base64(bytes_of("fo")), "Zm8=");
    EXPECT_EQ(encode_base64(bytes_of("foo")), "Zm9v");
    EXPECT_EQ(encode_base64(bytes_of("foob")), "Zm9vYg==");
    EXPECT_EQ(encode_base64(bytes_of("fooba")), "Zm9vYmE=");
    EXPECT_EQ(encode_base64(bytes_of("foobar")), "Zm9vYmFy");
}

TEST(Base64, DecodesTheRfc4648Vectors) {
    EXPECT_TRUE(decode_base64("").empty());
    EXPECT_EQ(decode_base64("Zg=="), bytes_of("f"));
    EXPECT_EQ(decode_base64("Zm8="), bytes_of("fo"));
    EXPECT_EQ(decode_base64("Zm9v"), bytes_of("foo"));
    EXPECT_EQ(decode_base64("Zm9vYg=="), bytes_of("foob"));
    EXPECT_EQ(decode_base64("Zm9vYmE="), bytes_of("fooba"));
    EXPECT_EQ(decode_base64("Zm9vYmFy"), bytes_of("foobar"));
}

TEST(Base64, EveryByteSurvivesARoundTrip) {
    std::vector<std::uint8_t> all;
    for (int i = 0; i < 256; ++i) {
        all.push_back(static_cast<std::uint8_t>(255 - i));
    }
    for (std::size_t size = 0; size <= all.size(); size += 37) {
        const std::vector<std::uint8_t> part(all.begin(), all.begin() + static_cast<long>(size));
        const std::string text = encode_base64(part);
        EXPECT_EQ(text.size() % 4, 0U);
        EXPECT_EQ(decode_base64(text), part) << size;
    }
    const std::string text = encode_base64(all);
    EXPECT_NE(text.find('+'), std::string::npos);
    EXPECT_NE(text.find('/'), std::string::npos);
}

TEST(Base64, DecodingSkipsWhatIsNotInTheAlphabet) {
    EXPECT_EQ(decode_base64("Zm9v\r\nYmFy"), bytes_of("foobar"));
    EXPECT_EQ(decode_base64(" Zm 9v-Yg= ="), bytes_of("foob"));
    EXPECT_EQ(decode_base64("Zm9vY"), bytes_of("foo")) << "a lone digit makes no byte";
    EXPECT_TRUE(decode_base64("!!==").empty());
}

} // namespace
} // namespace samantha::core
