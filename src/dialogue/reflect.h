#pragma once

#include <optional>

#include <samantha/language_model.h>
#include <samantha/log.h>
#include <samantha/types.h>

#include "dialogue/perception.h"
#include "memory/extraction.h"
#include "nlu/risk.h"

// Reflect: after the reply has streamed, an LLM brain reads the message too (DESIGN.md §1). It
// returns what it adds; the commit stage applies it. No earlier stage's result is changed.
namespace samantha::dialogue {

struct Resources;

// What the model's reading adds to the turn.
struct Reflection {
    memory::Extraction extraction;      // the rules' extraction, with the model's additions
    std::optional<UserEmotion> emotion; // a feeling the lexicon missed, when it found one
    std::optional<nlu::RiskLevel> risk; // a higher risk level than the reading's, when it saw one
};

// The model reads `perception.text` when one is configured and allowed to (statements and
// questions, not forget requests); what it adds passes validation and is grounded in the message.
// The rules stay the base and the fallback: a failed reading returns the rules' extraction alone.
[[nodiscard]] Reflection reflect(const Perception& perception,
                                 const memory::Extraction& extraction,
                                 const std::vector<Memory>& current_facts,
                                 CivilDate today,
                                 const Resources& resources,
                                 const Logger& log);

} // namespace samantha::dialogue
