#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "memory/terms.h"

// Query expansion from the authored table of synonyms and paraphrases (synonyms.txt, embedded;
// docs/memory.md, "Query expansion"). English and Korean.
namespace samantha::memory {

// The stem a word is looked up by: english_stem, or for Hangul korean_stem without a final 하
// (좋아하 → 좋아, as 좋아해요 is indexed).
std::string synonym_key(std::string_view lower_word);

// Terms for the other entries of every group that a word or phrase of `text` belongs to. Each
// term of an entry of n words weighs `weight` / n; terms of what was typed are not repeated.
// Deduplicated (the highest weight kept), in order of appearance.
std::vector<WeightedTerm> synonym_terms(std::string_view text, float weight);

} // namespace samantha::memory
