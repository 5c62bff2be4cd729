#pragma once

#include <string>
#include <unordered_set>

#include <samantha/types.h>

#include "core/random.h"
#include "dialogue/phrasebook.h"
#include "dialogue/plan.h"

// Speak (builtin brain): turns a Plan into words from the phrase book, in the person's language
// and Samantha's speech level, never repeating a sentence said in the last 20 turns.
namespace samantha::dialogue {

// Sentences said recently, for the no-repeat rule.
using RecentSentences = std::unordered_set<std::string>;

// Whether `text` holds one of the manipulative patterns of phrases/manipulation.txt (guilt,
// pressure, fear of missing out), compared without ASCII case.
bool is_manipulative(std::string_view text);

// Renders `plan`. For each move it picks, at random (seeded `rng`), a line whose slots are all
// filled and none of whose sentences is in `recent`; a move with no such line is dropped when
// optional, and otherwise falls back to small talk. Returns "" for a Silent plan.
std::string compose(const Plan& plan,
                    const PhraseBook& book,
                    SpeechLevel level,
                    Language language,
                    const RecentSentences& recent,
                    core::Rng& rng);

} // namespace samantha::dialogue
