#include "dialogue/speaker.h"

namespace samantha::dialogue {

Speaker::Speaker(SpeechSynthesizer& synthesizer,
                 const VoiceProfile& voice,
                 Language language,
                 const VoiceColour& colour,
                 std::uint64_t seed,
                 bool humanised,
                 int sample_rate_hz,
                 SpeechSink on_chunk)
    : m_renderer(synthesizer, voice, sample_rate_hz)
    , m_on_chunk(std::move(on_chunk)) {
    ProsodyRequest request{.language = language,
                           .emotion = colour.emotion,
                           .intensity = std::clamp(colour.intensity, 0.0f, 1.0f),
                           .pleasure = colour.pleasure,
                           .arousal = colour.arousal,
                           .voice = voice,
                           .seed = seed,
                           .humanised = humanised};
    auto planner = ProsodyPlanner::open(request);
    if (!planner) {
        request.emotion = "neutral";
        planner = ProsodyPlanner::open(request);
    }
    if (planner) {
        m_planner.emplace(std::move(*planner));
    } else {
        m_error = planner.error().message;
    }
}

void Speaker::say(std::string_view text, ProsodyPlanner::Piece piece) {
    if (!m_error.empty() || !m_planner) {
        return;
    }
    const ProsodyPlan plan = m_planner->next(std::string(text), piece);
    if (auto done = m_renderer.render(plan, m_on_chunk, std::stop_token{}); !done) {
        m_error = done.error().message;
    }
}

} // namespace samantha::dialogue
