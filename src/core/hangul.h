#pragma once

#include <string>
#include <string_view>

// Hangul helpers: syllable structure and the choice of 조사 (particles) after a word.
namespace samantha::core {

// Whether `c` is a precomposed Hangul syllable (U+AC00–U+D7A3).
bool is_hangul_syllable(char32_t c);

// The final consonant (받침) class of how a word ends when read aloud.
enum class Batchim { None, Rieul, Other };

// How `word` ends: its last Hangul syllable's 받침, or for Latin letters and digits an English /
// Sino-Korean reading ("Emma" → None, "John" → Other, "7" 칠 → Rieul). Trailing punctuation and
// spaces are ignored.
Batchim final_batchim(std::string_view word);

// The particle that follows `word`, from a pair written "after-consonant/after-vowel":
// "은/는", "이/가", "을/를", "과/와", "아/야", "이에요/예요", "이랑/랑", "이야/야", "이나/나".
// "으로/로" treats a ㄹ 받침 like a vowel (서울로, 부산으로). The pair may also be written the
// other way round ("는/은"); the form that belongs after a consonant is chosen by its shape.
std::string particle_for(std::string_view word, std::string_view pair);

// `word` followed by its particle: attach_particle("민수", "이/가") == "민수가".
std::string attach_particle(std::string_view word, std::string_view pair);

} // namespace samantha::core
