#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

// User emotion from text, v1: lexicon + negation + intensifiers + emoticons/emoji, Korean and
// English (docs/affect.md). Deterministic and pure once the lexicon is loaded.
namespace samantha::affect {

// One lexicon entry.
struct LexiconEntry {
    std::string term;
    float valence = 0.0f;
    float arousal = 0.0f;
    EmotionLabel label = EmotionLabel::Neutral;
    bool prefix = false; // matches words that start with `term`
    bool infix = false;  // Korean: matches inside a word too
    bool multiword = false;
};

// The lexicons: English words, Korean stems, and symbols (emoticons, emoji).
struct Lexicon {
    std::vector<LexiconEntry> english;
    std::vector<LexiconEntry> korean;
    std::vector<LexiconEntry> symbols;
};

// Parses one lexicon TSV (term, valence, arousal, label; '#' comments). InvalidArgument names the
// source and line of the first bad row.
Result<std::vector<LexiconEntry>> parse_lexicon(std::string_view tsv, std::string_view source);

// The lexicons built into Samantha (src/affect/lexicon/*.tsv). Parsed once; immutable.
std::shared_ptr<const Lexicon> builtin_lexicon();

// The emotion label for a snake_case name, if it is one of the taxonomy's.
Result<EmotionLabel> parse_emotion_label(std::string_view name);

// How the person seems to feel in `text` (valid UTF-8), judged by `lexicon`.
UserEmotion recognize_emotion(std::string_view text, const Lexicon& lexicon);

} // namespace samantha::affect
