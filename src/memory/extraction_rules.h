#pragma once

// The rules behind memory::extract(), shared by extraction*.cpp; internal to memory/.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <samantha/types.h>

#include "core/text.h"
#include "memory/extraction.h"

namespace samantha::memory::rules {

// Hashes std::string and std::string_view alike, so word lists answer string_view look-ups.
struct TransparentHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view text) const {
        return std::hash<std::string_view>{}(text);
    }
};

// A list of words loaded from vocabulary.txt.
using WordList = std::unordered_set<std::string, TransparentHash, std::equal_to<>>;

// A small set of literal words inside one rule.
using WordSet = std::unordered_set<std::string_view>;

// The word lists of vocabulary.txt (embedded at build time), parsed once; immutable.
struct Vocabulary {
    std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>>
        english_relations;
    WordList english_unique_relations;
    WordList korean_relations;
    WordList korean_unique_relations;
    WordList korean_jobs;
    WordList korean_not_names;
    WordList english_phrase_stops;
    WordList not_english_names;
    WordList event_nouns;
    WordList plan_verbs;

    // The relation stored for what people say ("mom" → "mother"), or "" when it is none.
    std::string_view english_relation(std::string_view said) const {
        const auto it = english_relations.find(said);
        return it == english_relations.end() ? std::string_view() : std::string_view(it->second);
    }
};

// The built-in vocabulary.
const Vocabulary& vocabulary();

// One sentence, tokenised twice: lower-cased words for matching, original words for values.
struct Sentence {
    std::string text;
    std::vector<core::WordSpan> lower;
    std::vector<core::WordSpan> original;
    bool question = false;

    std::size_t size() const { return lower.size(); }

    // The lower-cased word i, or "" past the end.
    std::string_view w(std::size_t i) const {
        return i < lower.size() ? std::string_view(lower[i].word) : std::string_view();
    }

    // Whether punctuation separates word i-1 from word i (a clause boundary).
    bool boundary_before(std::size_t i) const;
};

// Tokenises one sentence.
Sentence make_sentence(std::string_view text);

// The facts found so far in a message; a later value for the same slot replaces an earlier one.
struct Facts {
    Language language = Language::English;
    std::vector<ExtractedFact> list;

    // Adds (or replaces) a fact; empty values and values over 80 bytes are ignored.
    void add(std::string slot, std::string value, float importance);
};

// Whether a word starts with an ASCII capital.
bool is_capitalized(std::string_view word);

// The word with its first ASCII letter capitalised.
std::string capitalize(std::string word);

// Whether every character of the word is a Hangul syllable.
bool is_hangul_word(std::string_view word);

// Number of characters (code points).
std::size_t syllables(std::string_view word);

// A whole decimal number, or -1.
int parse_int(std::string_view digits);

// A Korean noun without its copula or particle ("지수예요" → 지수, "민수가" → 민수), and without
// the affectionate 이 after a closed syllable ("콩이가" → 콩).
std::string korean_noun(std::string_view word);

// The English rules: identity (name, age, city, work …), people and animals, likes and habits.
void english_identity(const Sentence& s, Facts& facts);
void english_people(const Sentence& s, Facts& facts);
void english_preferences(const Sentence& s, Facts& facts);
void english_habits(const Sentence& s, Facts& facts);

// The Korean rules, for the same kinds of fact.
void korean_identity(const Sentence& s, Facts& facts);
void korean_people(const Sentence& s, Facts& facts);
void korean_preferences(const Sentence& s, Facts& facts);
void korean_habits(const Sentence& s, Facts& facts);

// Adds the sentence's dated event, if it holds one, to `events`.
void extract_event(const Sentence& s,
                   Language language,
                   CivilDate today,
                   std::vector<ExtractedEvent>& events);

// What a sentence asks to forget ("forget that I smoke" → "i smoke"), if it asks.
std::optional<std::string> forget_request(std::string_view sentence);

} // namespace samantha::memory::rules
