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
    WordList korean_i_nouns; // nouns ending in 이 that is not a particle (고양이, 떡볶이)
    WordList korean_regions; // places that may come before another (서울 마포구)
    WordList korean_places; // cities and towns, for 부산에서 일해요 (a place, not an employer)
    WordList korean_not_places;  // nouns before 에 살아요 that are no place (혼자, 같이)
    WordList korean_schools;     // schools without 대 / 학교 in their name (카이스트)
    WordList korean_not_schools; // employers that end like a school (현대)
    WordList korean_descriptors; // 저는 X예요 that is no name (막내, 외동, 집순이)
    WordList korean_inanimate;   // nouns that are things, not people or animals (회사, 노래)
    WordList korean_evaluative;  // 날씨가 좋아요: subjects of an evaluation, not a liking
    WordList korean_go_nouns;    // nouns ending in 고 that is no connective ending (광고)

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
    bool after_greeting = false; // the sentence before it in the message was a greeting

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
    bool birthday_added = false; // a birthday was added since the flag was last cleared

    // Adds (or replaces) a fact; empty values and values over 80 bytes are ignored.
    void add(std::string slot, std::string value, float importance);
};

// Whether a sentence is a greeting of a few words ("안녕하세요", "처음 뵙겠습니다", "Hi!").
bool is_greeting(const Sentence& s);

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
void english_identity(const Sentence& s, Facts& facts, CivilDate today);
void english_people(const Sentence& s, Facts& facts);
void english_preferences(const Sentence& s, Facts& facts);
void english_habits(const Sentence& s, Facts& facts);

// The Korean rules, for the same kinds of fact.
void korean_identity(const Sentence& s, Facts& facts, CivilDate today);

// A Korean noun without its case particle, checked against the 받침 (민지가 → 민지, 빵이 → 빵),
// keeping nouns whose last syllable only looks like one (요가, 회의, 고양이).
std::string korean_bare(std::string_view word);

// The age a Korean native number at word i tells (스물아홉 살, 올해 서른이에요), or -1.
int korean_native_age(const Sentence& s, std::size_t i);
void korean_people(const Sentence& s, Facts& facts);
void korean_preferences(const Sentence& s, Facts& facts);
void korean_habits(const Sentence& s, Facts& facts);

// Adds the sentence's dated event, if it holds one, to `events`. `birthday_told`: the sentence
// gave the person's birthday, so a month and day in it is that fact, not a coming event.
void extract_event(const Sentence& s,
                   Language language,
                   CivilDate today,
                   bool birthday_told,
                   std::vector<ExtractedEvent>& events);

// What a sentence asks to forget ("forget that I smoke" → "i smoke"), if it asks.
std::optional<std::string> forget_request(std::string_view sentence);

} // namespace samantha::memory::rules
