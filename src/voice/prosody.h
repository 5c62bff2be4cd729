#pragma once

#include <string>
#include <vector>

#include <samantha/speech.h>

// The humaniser's pieces, exposed for tests (docs/prosody.md).
namespace samantha::voice {

// A stretch of text ending at a boundary.
struct PhraseText {
    std::string text;
    Boundary boundary = Boundary::End;
};

// Splits `text` into phrases at punctuation and, in long stretches, at clause boundaries (before
// "and", "but", … in English; after connective endings -고, -서, -는데, -지만, -면 in Korean).
// Symbols a voice cannot say (emoji, ~, *) are dropped. The last phrase ends with Boundary::End.
std::vector<PhraseText> split_phrases(const std::string& text, Language language);

// How an emotion moves the voice, at full intensity (docs/prosody.md, after Juslin & Laukka 2003).
struct EmotionProsody {
    float rate = 1.0f;         // × speaking rate
    float pitch_st = 0.0f;     // semitones added to the pitch level
    float range = 1.0f;        // × pitch range
    float loudness_db = 0.0f;  // dB added
    float pause = 1.0f;        // × pause durations
    float irregularity = 1.0f; // × tempo variability
    float hesitation = 0.0f;   // added probability of a filler before a phrase
};

// The prosody of `emotion` ("sadness", "hurt", …), or nullptr when the name is unknown.
const EmotionProsody* emotion_prosody(const std::string& emotion);

} // namespace samantha::voice
