#include "core/utf8.h"

#include <fmt/format.h>

namespace samantha::core {

std::optional<TextProblem> find_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            cp = lead & 0x1F;
            min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            cp = lead & 0x0F;
            min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            cp = lead & 0x07;
            min = 0x10000;
        } else {
            return TextProblem{i, fmt::format("invalid UTF-8 lead byte 0x{:02X}", lead)};
        }
        if (i + length > n) {
            return TextProblem{i, "truncated UTF-8 sequence"};
        }
        for (std::size_t k = 1; k < length; ++k) {
            const unsigned char c = bytes[i + k];
            if ((c & 0xC0) != 0x80) {
                return TextProblem{i + k,
                                   fmt::format("invalid UTF-8 continuation byte 0x{:02X}", c)};
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min) {
            return TextProblem{i, "overlong UTF-8 encoding"};
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return TextProblem{i, "UTF-8 encodes a UTF-16 surrogate"};
        }
        if (cp > 0x10FFFF) {
            return TextProblem{i, "UTF-8 encodes a value past U+10FFFF"};
        }
        i += length;
    }
    return std::nullopt;
}

std::optional<TextProblem> find_control_character(std::string_view text) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        const auto c = static_cast<unsigned char>(text[offset]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            return TextProblem{offset, fmt::format("control character U+{:04X}", c)};
        }
        // C1 controls U+0080–U+009F are encoded as C2 80 – C2 9F.
        if (c == 0xC2 && offset + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[offset + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                return TextProblem{offset, fmt::format("control character U+{:04X}", next)};
            }
        }
        ++offset;
    }
    return std::nullopt;
}

std::vector<char32_t> decode_utf8(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = bytes[i];
        std::size_t length = 1;
        char32_t cp = lead;
        if (lead >= 0xF0) {
            length = 4;
            cp = lead & 0x07;
        } else if (lead >= 0xE0) {
            length = 3;
            cp = lead & 0x0F;
        } else if (lead >= 0xC0) {
            length = 2;
            cp = lead & 0x1F;
        }
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
            cp = (cp << 6) | (bytes[i + k] & 0x3F);
        }
        out.push_back(cp);
        i += length;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encode_utf8(const std::vector<char32_t>& code_points) {
    std::string out;
    out.reserve(code_points.size() * 3);
    for (const char32_t cp : code_points) {
        append_utf8(out, cp);
    }
    return out;
}

std::size_t code_point_count(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++count;
        }
    }
    return count;
}

char32_t last_code_point(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
    }
    const auto cps = decode_utf8(text.substr(start));
    return cps.empty() ? 0 : cps.front();
}

std::string truncate_utf8(std::string_view text, std::size_t max_code_points) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (count == max_code_points) {
                return std::string(text.substr(0, i));
            }
            ++count;
        }
    }
    return std::string(text);
}

} // namespace samantha::core
