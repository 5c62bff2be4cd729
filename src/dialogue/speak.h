#pragma once

#include <cstdint>
#include <string>

#include <samantha/log.h>
#include <samantha/result.h>
#include <samantha/types.h>

#include "dialogue/express.h"
#include "dialogue/feel.h"
#include "dialogue/perception.h"
#include "dialogue/phrasebook.h"
#include "dialogue/plan.h"
#include "dialogue/recall.h"
#include "dialogue/turn_store.h"

// Speak: the words of the reply, from the builtin composer or an LLM brain (DESIGN.md §1).
namespace samantha::dialogue {

struct Resources;

// What the speak stage wrote, and which brain wrote it.
struct Reply {
    std::string text;
    std::string brain = "builtin"; // which brain wrote the reply
    std::string brain_error;       // why an LLM brain was not used, when it failed
    int prompt_tokens = 0;         // prompt tokens the LLM evaluated this turn
    double prompt_ms = 0.0;        // how long the LLM took to read the prompt
    double ms = 0.0;               // how long the LLM took in all
};

// Replies are not repeated sentence for sentence within this many turns (docs/persona.md).
inline constexpr int no_repeat_turns = 20;

// The phrase book of `language`.
[[nodiscard]] const PhraseBook& phrasebook_for(const Resources& resources, Language language);

// The builtin composer's words for `plan`, avoiding the sentences of the person's last
// no_repeat_turns replies; `seed` fixes the phrase choices.
[[nodiscard]] Result<std::string> compose_reply(const Resources& resources,
                                                TurnStore& turns,
                                                std::int64_t person_id,
                                                const Plan& plan,
                                                Language language,
                                                SpeechLevel level,
                                                std::uint64_t seed);

// What the speak stage reads.
struct SpeakInput {
    const Perception& perception;
    const Recall& recall;
    const Feeling& feeling;
    const Plan& plan;
    const PersonState& state;
    std::int64_t conversation_id = 0; // 0 before the first logged turn
    Moment now;
    std::string crisis_resource; // the helpline for the message's language
};

// Writes the reply into `expression`: the builtin composer's, or, for strategies a model may
// word, the LLM brain's, sentence by sentence through the care gate; when the model fails the
// composer's words stand and `brain_error` says why. Errors are the store's.
[[nodiscard]] Result<Reply> speak(const SpeakInput& input,
                                  const Resources& resources,
                                  TurnStore& turns,
                                  Expression& expression,
                                  const Logger& log);

} // namespace samantha::dialogue
