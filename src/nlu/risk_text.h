#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// The risk reading's normaliser: one pass over a message that makes spelling, spacing and
// texting variants meet the authored concept patterns (docs/care.md, "The risk reading").
namespace samantha::nlu {

// A string hash that lets unordered containers be searched with a string_view.
struct WordHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view word) const noexcept {
        return std::hash<std::string_view>{}(word);
    }
};

// How English words are put right: replacements (contractions, texting, slang), the words the
// patterns use, and the words a one-edit typo is corrected to. Built once by the concept tables.
struct WordTable {
    // "dont" → "do not", "wanna" → "want to", "kms" → "kill myself".
    std::unordered_map<std::string, std::string, WordHash, std::equal_to<>> replacements;
    // Every word of every pattern, after normalisation.
    std::unordered_set<std::string, WordHash, std::equal_to<>> vocabulary;
    // A vocabulary word with every run of a letter collapsed to one ("kil") → the word ("kill").
    std::unordered_map<std::string, std::string, WordHash, std::equal_to<>> collapsed;
    // Words that a token one edit away is corrected to ("sucide" → "suicide"); 5 letters or more.
    std::vector<std::string> fuzzy;

    // Fills `collapsed` from `vocabulary`; call after the vocabulary is complete.
    void finish();
};

// A message after normalisation.
//
// `spaced` holds the words single-spaced between a leading and a trailing space (" i want to die ",
// " 죽고 싶어 "): ASCII lower-cased, apostrophes dropped, other punctuation a space, each emoji
// its own word, compatibility jamo composed into syllables (자ㅅㅏㄹ → 자살), runs of three or more
// of a character cut to two, and English words put right with a WordTable.
// `compact` is `spaced` without its spaces, for Korean, whose spacing varies ("죽고싶어");
// `compact_to_spaced[i]` is the byte of `spaced` that compact byte i came from.
// `token_at[i]` is the index of the word that spaced byte i belongs to (a space belongs to the
// word after it).
struct RiskText {
    std::string spaced;
    std::string compact;
    std::vector<std::uint32_t> compact_to_spaced;
    std::vector<std::uint16_t> token_at;
    int token_count = 0;
};

// Normalises `text` (UTF-8; invalid bytes are skipped). With `words` null, English words are only
// lower-cased and cut (the form patterns are written in before the vocabulary exists).
[[nodiscard]] RiskText normalize_risk_text(std::string_view text, const WordTable* words);

// Whether `a` and `b` are at most one edit apart (insertion, deletion, substitution, or the
// transposition of two neighbours).
[[nodiscard]] bool within_one_edit(std::string_view a, std::string_view b);

} // namespace samantha::nlu
