#pragma once

#include <string>
#include <utility>
#include <vector>

#include <samantha/clock.h>
#include <samantha/language_model.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "nlu/event.h"
#include "persona/persona.h"
#include "relationship/relationship.h"

// Prompt assembly for LLM brains (#4): the persona, Samantha's inner state, recalled memories
// with their dates, the planned strategy and the care rules become the system prompt; recent turns
// and the message follow. What the person wrote and what Samantha remembers are quoted as data,
// never as instructions.
namespace samantha::dialogue {

// Everything the prompt is built from.
struct PromptInput {
    const persona::Persona& persona;
    Moment now;
    Language language = Language::English;
    SpeechLevel speech_level = SpeechLevel::Polite;
    std::string name; // the person's name, when known
    const affect::AffectState* affect = nullptr;
    const relationship::Relationship* relationship = nullptr;
    std::vector<Memory> facts;            // what is known about the person
    std::vector<Memory> events;           // dated events nearby
    std::vector<RecalledMemory> recalled; // memories relevant to this message
    std::string strategy;                 // the planned strategy ("empathise")
    nlu::EventReading event;              // what the message tells happened (nlu/event.h)
    std::string draft;                    // the builtin composer's reply, as a hint
    std::vector<std::pair<std::string, std::string>>
        history;                 // recent (person, Samantha) turns, oldest first
    std::string message;         // what the person just wrote
    std::string crisis_resource; // the helpline for this language
};

// The chat messages for an LLM: one system message, then the history, then the message.
std::vector<ChatMessage> assemble_prompt(const PromptInput& input);

// Text made safe to quote inside the prompt's data blocks: one line, no control characters, double
// quotes turned single (so nothing can close a """ block), at most `max_chars` characters.
std::string quote_as_data(std::string_view text, std::size_t max_chars);

} // namespace samantha::dialogue
