#include "core/base64.h"

namespace samantha::core {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The value of a base64 digit, or -1 for any other character.
int digit_value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

} // namespace

std::string encode_base64(std::span<const std::uint8_t> bytes) {
    const std::size_t size = bytes.size();
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    for (std::size_t i = 0; i < size; i += 3) {
        const std::uint32_t n =
            static_cast<std::uint32_t>(bytes[i]) << 16U |
            (i + 1 < size ? static_cast<std::uint32_t>(bytes[i + 1]) << 8U : 0U) |
            (i + 2 < size ? static_cast<std::uint32_t>(bytes[i + 2]) : 0U);
        out += alphabet[(n >> 18U) & 63U];
        out += alphabet[(n >> 12U) & 63U];
        out += i + 1 < size ? alphabet[(n >> 6U) & 63U] : '=';
        out += i + 2 < size ? alphabet[n & 63U] : '=';
    }
    return out;
}

std::vector<std::uint8_t> decode_base64(std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int v = digit_value(c);
        if (v < 0) {
            continue;
        }
        buffer = (buffer << 6U) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(
                static_cast<std::uint8_t>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
        }
    }
    return out;
}

} // namespace samantha::core
