#include "core/text.h"

#include "core/hangul.h"
#include "core/utf8.h"

namespace samantha::core {

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

namespace {

bool is_word_char(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '\'' || c == 0x2019 || is_hangul_syllable(c) || (c >= 0x3131 && c <= 0x318E) ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

} // namespace

std::vector<WordSpan> word_spans(std::string_view text) {
    std::vector<WordSpan> spans;
    WordSpan current;
    std::size_t offset = 0;
    for (const char32_t c : decode_utf8(text)) {
        const std::size_t width = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (is_word_char(c)) {
            if (current.word.empty()) {
                current.begin = offset;
            }
            append_utf8(current.word, c == 0x2019 ? U'\'' : c);
            current.end = offset + width;
        } else if (!current.word.empty()) {
            spans.push_back(std::move(current));
            current = WordSpan{};
        }
        offset += width;
    }
    if (!current.word.empty()) {
        spans.push_back(std::move(current));
    }
    return spans;
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    for (auto& span : word_spans(text)) {
        words.push_back(std::move(span.word));
    }
    return words;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> sentences;
    std::size_t start = 0;
    const auto flush = [&](std::size_t end) {
        const auto piece = trim(text.substr(start, end - start));
        if (!piece.empty()) {
            sentences.emplace_back(piece);
        }
        start = end;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' || c == '!' || c == '?' || c == '\n') {
            std::size_t end = i + 1;
            while (end < text.size() && (text[end] == '.' || text[end] == '!' || text[end] == '?' ||
                                         text[end] == '~' || text[end] == ')')) {
                ++end;
            }
            // "3.5" and "e.g." are not sentence ends: require a space or the end after them.
            if (end < text.size() && text[end] != ' ' && text[end] != '\n') {
                continue;
            }
            flush(end);
            i = end - 1;
        }
    }
    flush(text.size());
    return sentences;
}

ScriptCounts count_scripts(std::string_view text) {
    ScriptCounts counts;
    for (const char32_t c : decode_utf8(text)) {
        if (is_hangul_syllable(c) || (c >= 0x3131 && c <= 0x318E)) {
            ++counts.hangul;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            ++counts.latin;
        }
    }
    return counts;
}

Language detect_language(std::string_view text, Language fallback) {
    const ScriptCounts counts = count_scripts(text);
    if (counts.hangul == 0 && counts.latin == 0) {
        return fallback;
    }
    // A Hangul syllable carries about two Latin letters' worth of sound, so weigh it so.
    if (counts.hangul * 2 >= counts.latin) {
        return Language::Korean;
    }
    return Language::English;
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    std::string out;
    if (from.empty()) {
        return std::string(text);
    }
    std::size_t pos = 0;
    while (true) {
        const auto hit = text.find(from, pos);
        if (hit == std::string_view::npos) {
            out.append(text.substr(pos));
            return out;
        }
        out.append(text.substr(pos, hit - pos));
        out.append(to);
        pos = hit + from.size();
    }
}

} // namespace samantha::core
