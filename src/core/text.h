#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <samantha/types.h>

// Small text utilities shared by every module: case folding, trimming, word splitting and
// language detection. All functions take valid UTF-8.
namespace samantha::core {

// ASCII letters lower-cased; everything else unchanged.
std::string to_lower(std::string_view text);

// `text` without leading and trailing whitespace.
std::string_view trim(std::string_view text);

// A word of a text and where it lies: bytes [begin, end).
struct WordSpan {
    std::string word;
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Words of `text` with their byte ranges: runs of letters, digits, Hangul and apostrophes
// (’ becomes '); punctuation and spaces split.
std::vector<WordSpan> word_spans(std::string_view text);

// The words of word_spans(text).
std::vector<std::string> split_words(std::string_view text);

// Lines of `text` (split at '\n', a trailing '\r' removed); views into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

// Sentences of `text`, split after . ! ? … and newlines, each trimmed; empty ones dropped.
std::vector<std::string> split_sentences(std::string_view text);

// Counts of the scripts in `text`.
struct ScriptCounts {
    int hangul = 0;
    int latin = 0;
};

// Counts Hangul syllables/jamo and Latin letters.
ScriptCounts count_scripts(std::string_view text);

// The language of `text`: Korean when twice its Hangul syllables outnumber its Latin letters (a
// Korean sentence with an English word stays Korean, "I love 김치" is English), English otherwise,
// and `fallback` when there are no letters at all (emoji, numbers).
Language detect_language(std::string_view text, Language fallback);

// Whether `text` contains `needle` (byte-wise).
inline bool contains(std::string_view text, std::string_view needle) {
    return text.find(needle) != std::string_view::npos;
}

// Replaces every occurrence of `from` in `text` with `to`.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

} // namespace samantha::core
