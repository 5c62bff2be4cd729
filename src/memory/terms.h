#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Search terms for the memory index (docs/memory.md, "Relevance"). SQLite's unicode61 tokenizer
// splits Hangul only on spaces, so 고양이 would not find 고양이를; instead each Korean word is
// indexed as itself, its stem with one particle stripped, and its syllable bigrams, and English
// words as lower-cased, singular stems. The same function prepares queries, so both sides agree.
namespace samantha::memory {

// Terms to index for `text`: every content word's forms, deduplicated, in order of appearance.
std::vector<std::string> index_terms(std::string_view text);

// Terms to search with for `text`: as index_terms, without stop words, at most `max_terms`.
std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms = 24);

// The Korean word with one trailing particle (조사) stripped, or the word itself.
std::string strip_korean_particle(std::string_view word);

// The prefix that scopes index terms to one person ("p12_"); typed text never contains '_'.
std::string person_prefix(std::int64_t person_id);

} // namespace samantha::memory
