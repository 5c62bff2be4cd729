#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// UTF-8 validation and decoding. Every piece of text entering Samantha passes validate_text first.
namespace samantha::core {

// Where and why a byte string is not acceptable text.
struct TextProblem {
    std::size_t offset = 0; // byte offset of the first bad byte
    std::string reason;     // e.g. "invalid UTF-8 continuation byte 0x41"
};

// The first UTF-8 encoding error in `text` (overlong forms, surrogates and values past U+10FFFF
// are errors), or nothing when it is valid.
std::optional<TextProblem> find_invalid_utf8(std::string_view text);

// The first control character other than tab, newline and carriage return (C0, DEL, C1), or
// nothing. Assumes valid UTF-8.
std::optional<TextProblem> find_control_character(std::string_view text);

// Decodes valid UTF-8 into code points.
std::vector<char32_t> decode_utf8(std::string_view text);

// Appends the UTF-8 encoding of `code_point` to `out`.
void append_utf8(std::string& out, char32_t code_point);

// Encodes code points as UTF-8.
std::string encode_utf8(const std::vector<char32_t>& code_points);

// Number of code points in valid UTF-8.
std::size_t code_point_count(std::string_view text);

// The last code point of valid, non-empty UTF-8 (0 when empty).
char32_t last_code_point(std::string_view text);

// At most `max_code_points` code points of `text`, never cutting a character in half.
std::string truncate_utf8(std::string_view text, std::size_t max_code_points);

} // namespace samantha::core
