#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "affect/user_emotion.h"
#include "core/assert.h"
#include "nlu/acts.h"
#include "nlu/event.h"
#include "nlu/risk.h"

// Perceive: what the message is in language, feeling and dialogue act.
namespace samantha::dialogue {

// The dialogue act of a message (phrases/cues.txt).
enum class Intent {
    Statement,
    Question,
    Greeting,
    Goodbye,
    Thanks,
    AskMemory,
    AskName,
    AskSelfNature,
    AskSelfName,
    AskSelfAbout,
    AskSelfFeeling,
    AskSelfLikes,
    TimePassed,
};

// The snake_case name of an intent.
const char* intent_name(Intent intent);

// Something in a message the inner life responds to, whatever the message's act.
// Crisis is not a signal: the risk reading (Perception::risk, nlu/risk.h) reads it.
enum class Signal {
    Insult,
    Apology,
    Romance,
    CasualRequest,
    PoliteRequest,
    Yes,
    No,
    RoleFamily,
    RoleFriend
};

inline constexpr std::size_t signal_count = 9;

// The snake_case name of a signal ("casual_request").
const char* signal_name(Signal signal);

// One cue: how it matches and the normalised phrase.
struct Cue {
    enum class Match { Whole, Prefix, Contains };
    Match match = Match::Whole;
    std::string phrase;
};

// The cue lists, per intent (in the order they are tried) and per signal.
struct CueBook {
    std::vector<std::pair<Intent, std::vector<Cue>>> intents;
    std::vector<std::pair<Signal, std::vector<Cue>>> signals;
};

// Parses phrases/cues.txt. InvalidArgument names the source line.
Result<CueBook> parse_cues(std::string_view text, std::string_view source);

// The built-in cues, parsed once; immutable.
std::shared_ptr<const CueBook> builtin_cues();

// Lower-cases and strips .,!?~… and extra spaces, as cues are written.
std::string normalize_for_cues(std::string_view text);

// What Samantha perceives in one message.
struct Perception {
    std::string text;
    Language language = Language::English;
    UserEmotion emotion;
    Intent intent = Intent::Statement;
    // What the message does, as the act model reads it (nlu/acts.h); questions, requests and
    // thanks are never mined for facts (remember.h). `intent` agrees with it (perceive).
    nlu::DialogueAct act = nlu::DialogueAct::Statement;
    std::array<bool, signal_count> signals{}; // indexed by Signal
    nlu::RiskReading risk; // whether the person may be in danger (nlu/risk.h, docs/care.md)
    // What happened, to whom and when, and whether it is good or bad news (nlu/event.h).
    nlu::EventReading event;

    bool has(Signal signal) const {
        const auto index = static_cast<std::size_t>(signal);
        SAMANTHA_ASSERT(index < signal_count, "a signal outside the Signal enum");
        return signals[index];
    }
};

// The cue book's hits on `text`, as named features of the act model: "cue:<intent>" for each
// intent section with a matching cue (whether or not the message asks), "cue:<signal>" for each
// signal. The act trainer (tools/train_acts) computes them the same way.
std::vector<std::string> cue_features(std::string_view text, const CueBook& cues);

// Perceives `text` (valid UTF-8). `previous` is the conversation's language so far, used when the
// message has no letters to tell (emoji only). `acts` reads the dialogue act (null: the built-in
// nlu::ActReader). The intent is the cue book's; a message no cue names takes its intent from the
// act: a question about the person's own life is AskMemory, one about Samantha AskSelfAbout,
// another question a Question, a short
// greeting, farewell or thanks the matching intent.
Perception perceive(std::string_view text,
                    Language previous,
                    const affect::Lexicon& lexicon,
                    const CueBook& cues,
                    const nlu::ActReader* acts = nullptr);

} // namespace samantha::dialogue
