#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Standard base64 (RFC 4648 §4: A–Z a–z 0–9 + /, padded with '='), as the device protocol carries
// audio (docs/protocol.md).
namespace samantha::core {

// The base64 text of `bytes`, padded to a multiple of four characters.
std::string encode_base64(std::span<const std::uint8_t> bytes);

// The bytes of base64 `text`. Leniently: characters outside the alphabet (padding, line breaks,
// spaces) are skipped, and a final group too short to make a byte is dropped.
std::vector<std::uint8_t> decode_base64(std::string_view text);

} // namespace samantha::core
