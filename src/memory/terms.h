#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Search terms for the memory index (docs/memory.md, "Terms"). SQLite's unicode61 tokenizer
// splits Hangul only on spaces, so 고양이 would not find 고양이를; instead each Korean word is
// indexed as itself, its stem with one particle stripped, its stem without particles or
// predicate endings (먹었어요 → 먹), and its syllable bigrams, and English words as lower-cased
// Porter-style stems (painting → paint). The same function prepares queries, so both sides agree.
namespace samantha::memory {

// A query term and how much a match on it counts (1 for a word; less for a syllable bigram).
struct WeightedTerm {
    std::string term;
    float weight = 1.0f;
};

// How much a Korean syllable bigram counts against a whole word or stem.
inline constexpr float bigram_weight = 0.5f;

// Terms to index for `text`: every word's forms, deduplicated, in order of appearance.
std::vector<std::string> index_terms(std::string_view text);

// Terms to search with for `text`: as index_terms, without stop words, at most `max_terms`.
std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms = 24);

// query_terms with the weight of each term.
std::vector<WeightedTerm> weighted_query_terms(std::string_view text, std::size_t max_terms = 24);

// Whether a lower-case word (or stem) is left out of queries ("the", "my", "저는", "kind").
bool is_stop_word(std::string_view word);

// The Korean word with one trailing particle (조사) stripped, or the word itself.
std::string strip_korean_particle(std::string_view word);

// The Korean word without its particles or predicate ending: 친구들에게 → 친구,
// 공부했어요 → 공부, 갔어요 → 가, 갑니다 → 가, 좋아해요 → 좋아. Nouns that merely end like an
// ending keep it (바다, 아기, 가게).
std::string korean_stem(std::string_view word);

// The English stem of a lower-case word: Porter's (1980) steps 1–3 and 5 (painting, painted,
// paints → paint; happiness → happi), the possessive and apostrophes removed, and common
// irregular forms mapped to their base (went → go, bought → buy, children → child).
std::string english_stem(std::string_view word);

// The prefix that scopes index terms to one person ("p12_"); typed text never contains '_'.
std::string person_prefix(std::int64_t person_id);

} // namespace samantha::memory
