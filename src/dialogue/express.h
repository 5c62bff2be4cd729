#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <samantha/language_model.h>
#include <samantha/speech.h>
#include <samantha/types.h>

#include "affect/companion.h"
#include "dialogue/speaker.h"

// Express: the reply leaves Samantha as text and, when a voice is on, as speech, each sentence as
// soon as it is written (DESIGN.md §1; docs/prosody.md).
namespace samantha::dialogue {

struct Resources;

// Where one reply goes. Built before the speak stage, which writes into it; one per turn.
class Expression {
public:
    // `on_text` receives the text, `on_speech` the voice (when `resources.voice` is set), coloured
    // by `felt`; `seed` fixes the humaniser's choices. Either sink may be empty.
    Expression(const Resources& resources,
               const affect::AffectState& felt,
               Language language,
               std::uint64_t seed,
               TextSink on_text,
               const SpeechSink& on_speech);

    // Whether anyone listens as the reply is written (a model then streams into `sentence`).
    [[nodiscard]] bool streaming() const { return static_cast<bool>(m_on_text) || m_speaker; }

    // One sentence of a reply still being written. Returns false when the text's receiver wants
    // no more (the model should stop).
    bool sentence(std::string_view text);

    // A whole reply at once (the builtin composer, or its answer after a model failed).
    void whole(const std::string& text);

    // Why the reply was not (all) spoken, or "".
    [[nodiscard]] std::string voice_error() const;

private:
    TextSink m_on_text;
    std::optional<Speaker> m_speaker;
};

// The humaniser's seed for one turn: the same turn is spoken the same way (the primes only spread
// person ids and turn counts apart before mixing).
[[nodiscard]] std::uint64_t voice_seed(std::int64_t person_id, std::int64_t turn_count, Moment now);

} // namespace samantha::dialogue
