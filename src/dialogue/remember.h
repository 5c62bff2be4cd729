#pragma once

#include <samantha/types.h>

#include "dialogue/perception.h"
#include "memory/extraction.h"

// Remember: what of the message is worth keeping (DESIGN.md §1). Nothing is written here; the
// commit stage writes it with the rest of the turn.
namespace samantha::dialogue {

// The facts, dated events and forget request in the message, read against `today` (the person's
// local date). Facts and events never come from questions, requests or thanks
// (nlu::may_carry_facts), nor from the sentences of other messages that are questions; a request
// keeps its forget request and a name it asks to be called by, a question or thanks only a
// forget request. Pure.
[[nodiscard]] memory::Extraction remember(const Perception& perception, CivilDate today);

// Whether the message itself is kept as an episode (statements and questions; not greetings,
// thanks or goodbyes).
[[nodiscard]] bool is_episode(const Perception& perception);

// How much an episode matters, in [0, 1]: 0.2 + 0.5 × the feeling's intensity, + 0.1 when the
// message carried facts or events (docs/memory.md, the importance term of the recall score; Park et
// al. 2023 have a model rate importance, this stands in for it without one).
[[nodiscard]] float episode_importance(const UserEmotion& emotion,
                                       const memory::Extraction& extraction);

} // namespace samantha::dialogue
