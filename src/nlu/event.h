#pragma once

#include <string>
#include <string_view>

#include <samantha/types.h>

// What happened, as a message tells it (docs/affect.md, "The event of a message"): the event or
// topic, who it happened to (the person, a named other, a loved one or a pet), when (past, now,
// a plan), and its appraisal, good or bad for the person or for someone they love (OCC's
// desirability and fortunes-of-others, Ortony, Clore & Collins 1988). Read from the authored
// lexicon in src/nlu/event/lexicon.txt, with the emotion reading's valence as the fallback
// appraisal. Pure.
namespace samantha::nlu {

// When the event is, against the message.
enum class EventTime { Now, Past, Plan };

// Whether the event is good or bad news for the person or someone they love.
enum class Appraisal { Neutral, Good, Bad };

// "now", "past", "plan".
const char* event_time_name(EventTime time);

// "neutral", "good", "bad".
const char* appraisal_name(Appraisal appraisal);

// The reading of one message.
struct EventReading {
    // The event or topic as a short phrase in the message's words, seen from Samantha's side
    // ("my driving test" → "your driving test"; "제주도"); empty when none stands out.
    std::string topic;
    // A named place the message mentions ("Mount Rainier", "Lisbon"); English only.
    std::string place;
    // Who else it is about: a name ("Joe"), else the relation from Samantha's side ("your
    // sister", "언니"); empty when it is about the person alone.
    std::string who;
    // The relation word that `who` came from ("sister", "cat", "언니"); empty for a bare name.
    std::string relation;
    bool pet = false; // the relation is an animal
    bool loved_one =
        false; // the event happened to someone of theirs (family, friend, partner, pet)
    EventTime time = EventTime::Now;
    Appraisal appraisal = Appraisal::Neutral;
    bool cued = false;        // the appraisal comes from event words, not from the valence alone
    bool laughing = false;    // laughter or a joke marker ("haha", "ㅋㅋ", "knock knock")
    bool thanking = false;    // thanks in any words ("thank you so much for…", "고마워")
    bool refers_back = false; // a pronoun points at someone named before ("she", "he", "걔")
};

// Reads the event of `text` in `language`. `valence` is the emotion reading's ([-1, 1]): it
// decides the appraisal when no event word does (|valence| ≥ 0.35). `plan_act` is whether the act
// model read the message as a plan.
EventReading read_event(std::string_view text, Language language, float valence, bool plan_act);

// Fills what `now` leaves unsaid from the message before it in the same conversation: "My dog
// Choco has been sick." then "She's home now and eating again." is still about Choco. The
// referents carry over when `now` names neither a who nor a topic of its own (who also when a
// pronoun points back); when, the appraisal, laughter and thanks stay the message's own, and
// thanks take nothing over.
void carry_over(EventReading& now, const EventReading& before);

// What a question about Samantha asks after: "dating", "emotions" (whether she feels sad, angry,
// jealous), "sincere" (whether she means it), "love", "lonely", "away" (what she does when the
// person is gone), "dream", "nature" (is she real), "tired", "fear", "body", "age", "others"
// (whether she talks with others), "laugh", "believe", "thoughts", "feeling", "likes", a favourite
// thing
// ("favorite.season", ".book", ".animal", ".food", ".time", ".color", ".song", ".movie",
// ".place"), or "" for none of these.
std::string self_topic(std::string_view text);

} // namespace samantha::nlu
