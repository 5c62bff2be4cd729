#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <samantha/types.h>

// Rule-based extraction of what a message tells about the person (docs/memory.md,
// "Extraction"): who they are, the people and animals in their life, likes, dislikes and habits,
// dated events, and requests to forget. Pure: the same text and date give the same result.
namespace samantha::memory {

// A fact to store. Slots: name, age, birthday (MM-DD), city, hometown, workplace, work_city
// (where the person works), job, school, major, person:<relation>[:<name>], pref:<object> (value
// like|dislike), favorite:<category>, habit:<what>. A fact with a slot that already holds another
// value supersedes it.
struct ExtractedFact {
    std::string slot;
    std::string value;
    std::string text; // how the ledger shows it, in the language it was said
    float importance = 0.5f;
};

// A dated event ("job interview" on 2026-11-28), or a dated plan told as a clause ("you're flying
// to Jeju"; English plans are turned to the second person, as Samantha will say them back).
struct ExtractedEvent {
    std::string title;
    bool is_plan = false; // the title is a clause, not a noun phrase; stored with slot "plan"
    CivilDate date;
    std::string text; // title and date, for the ledger
    float importance = 0.8f;
};

// Everything one message gave.
struct Extraction {
    std::vector<ExtractedFact> facts;
    std::vector<ExtractedEvent> events;
    // Set when the message asks to forget something: the words that say what ("that I smoke").
    std::optional<std::string> forget;
};

// Extracts facts, events and a forget request from `text` (valid UTF-8), resolving dates
// against `today`, the person's local date. `language` is the message's language; both
// languages' rules run, so mixed messages work.
Extraction extract(std::string_view text, Language language, CivilDate today);

// The ledger text of a fact slot/value in `language` ("lives in: Busan", "사는 곳: 부산").
std::string fact_text(std::string_view slot, std::string_view value, Language language);

// A fact's slot and value after the person corrects its words to `words`: a named person's slot
// follows the new name ("person:friend:emma" → "person:friend:emily"); a preference takes a new
// object, or a new polarity when `words` is like/dislike (좋아함/싫어함); any other fact takes
// `words` as its value.
std::pair<std::string, std::string>
corrected_fact(std::string_view slot, std::string_view value, std::string_view words);

// The relation part of a person:/pet slot ("person:sister:emma" → "sister"), or "".
std::string slot_relation(std::string_view slot);

} // namespace samantha::memory
