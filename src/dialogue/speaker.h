#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <samantha/speech.h>

// The express stage's voice: speaks a reply sentence by sentence as it is written (DESIGN.md §1).
namespace samantha::dialogue {

// How Samantha's feelings colour one reply's voice.
struct VoiceColour {
    std::string emotion = "neutral"; // Samantha's dominant emotion (docs/affect.md)
    float intensity = 0.0f;
    float pleasure = 0.0f; // her mood
    float arousal = 0.0f;
};

class Speaker {
public:
    // Speaks with `synthesizer` into `on_chunk`. `seed` fixes the humaniser's choices; `humanised`
    // false is the --plain voice. An emotion the planner does not know is spoken as neutral.
    Speaker(SpeechSynthesizer& synthesizer,
            const VoiceProfile& voice,
            Language language,
            const VoiceColour& colour,
            std::uint64_t seed,
            bool humanised,
            int sample_rate_hz,
            SpeechSink on_chunk);

    // Speaks the next piece of the reply; `piece` says whether more follows. After a failure the
    // rest of the reply is not spoken (error() says why); the reply's text is unaffected.
    void say(std::string_view text, ProsodyPlanner::Piece piece);

    // Why the voice stopped, or empty.
    const std::string& error() const { return m_error; }

private:
    std::optional<ProsodyPlanner> m_planner;
    SpeechRenderer m_renderer;
    SpeechSink m_on_chunk;
    std::string m_error;
};

} // namespace samantha::dialogue
