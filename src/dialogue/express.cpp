#include "dialogue/express.h"

#include <utility>

#include "core/random.h"
#include "dialogue/pipeline.h"

namespace samantha::dialogue {
namespace {

// The voice of one reply, coloured by what Samantha feels; none when speech is off.
std::optional<Speaker> speaker_for(const Resources& resources,
                                   const affect::AffectState& felt,
                                   Language language,
                                   std::uint64_t seed,
                                   const SpeechSink& on_speech) {
    if (!resources.voice || !on_speech) {
        return std::nullopt;
    }
    VoiceColour colour{.pleasure = felt.mood.pleasure, .arousal = felt.mood.arousal};
    if (const auto* strongest = affect::dominant_emotion(felt)) {
        colour.emotion = affect::companion_emotion_name(strongest->kind);
        colour.intensity = strongest->intensity;
    }
    return std::optional<Speaker>(std::in_place,
                                  *resources.voice,
                                  resources.persona->voice,
                                  language,
                                  colour,
                                  seed,
                                  resources.voice_humanised,
                                  resources.voice_sample_rate_hz,
                                  on_speech);
}

} // namespace

Expression::Expression(const Resources& resources,
                       const affect::AffectState& felt,
                       Language language,
                       std::uint64_t seed,
                       TextSink on_text,
                       const SpeechSink& on_speech)
    : m_on_text(std::move(on_text))
    , m_speaker(speaker_for(resources, felt, language, seed, on_speech)) {}

bool Expression::sentence(std::string_view text) {
    const bool go_on = !m_on_text || m_on_text(text);
    if (m_speaker) {
        m_speaker->say(text, ProsodyPlanner::Piece::Continues);
    }
    return go_on;
}

void Expression::whole(const std::string& text) {
    if (m_on_text) {
        m_on_text(text);
    }
    if (m_speaker) {
        m_speaker->say(text, ProsodyPlanner::Piece::Ends);
    }
}

std::string Expression::voice_error() const {
    return m_speaker ? m_speaker->error() : std::string();
}

std::uint64_t voice_seed(std::int64_t person_id, std::int64_t turn_count, Moment now) {
    constexpr std::uint64_t person_prime = 104729U; // the 10,000th prime
    return core::mix_seed(static_cast<std::uint64_t>(person_id) * person_prime +
                              static_cast<std::uint64_t>(turn_count),
                          static_cast<std::uint64_t>(now.utc.time_since_epoch().count()));
}

} // namespace samantha::dialogue
