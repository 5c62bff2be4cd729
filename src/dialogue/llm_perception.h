#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <samantha/language_model.h>
#include <samantha/result.h>
#include <samantha/types.h>

#include "memory/extraction.h"
#include "nlu/risk.h"

// LLM-assisted perception (#4): with a model present, facts, dated events and the person's emotion
// are also read by the model through constrained JSON (a JSON schema for OpenAI-compatible
// servers, a GBNF grammar for llama.cpp). The rule-based results stay the base and the fallback:
// the model's add only what the rules missed, after validation.
namespace samantha::dialogue {

// The session every reading shares: its prompt is the same instruction each time, so one context
// (one KV cache, one slot of an embedded model's sessions) serves all people.
inline constexpr const char* reading_session = "read";

// What the model read in a message, validated.
struct ModelReading {
    std::vector<memory::ExtractedFact> facts;
    std::vector<memory::ExtractedEvent> events;
    std::optional<EmotionLabel> emotion;
    std::optional<nlu::RiskLevel> risk; // concern or crisis, when the model read one
};

// Asks `model` to read `text`. Errors are the model's (the caller keeps the rules' reading).
Result<ModelReading> read_with_model(LanguageModel& model,
                                     std::string_view text,
                                     Language language,
                                     CivilDate today,
                                     const std::string& session);

// Parses and validates the model's JSON answer to `message` (InvalidArgument when it is not the
// expected shape); entries that fail validation are dropped, not fatal. A fact's value must occur
// in the message, and an event's title must share a word with it.
Result<ModelReading> parse_model_reading(std::string_view json,
                                         std::string_view message,
                                         Language language,
                                         CivilDate today);

// Adds the model's facts and events that neither the rules found in this message nor memory
// already holds: the model never overrides the rules or changes a stored fact (the person's own
// words through the rules do).
void merge_reading(memory::Extraction& rules,
                   const ModelReading& model,
                   std::span<const Memory> current_facts);

// The GBNF grammar and the JSON schema of the answer.
const std::string& reading_grammar();
const std::string& reading_schema();

} // namespace samantha::dialogue
