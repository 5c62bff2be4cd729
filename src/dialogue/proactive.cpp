// The proactive path (DESIGN.md §1): when time passes with the person present, the care scheduler
// may speak first. It runs plan → speak → express → commit like a turn of the person's.
#include <optional>

#include "core/random.h"
#include "core/time.h"
#include "dialogue/commit.h"
#include "dialogue/express.h"
#include "dialogue/feel.h"
#include "dialogue/pipeline.h"
#include "dialogue/recall.h"
#include "dialogue/speak.h"
#include "memory/memory_store.h"

namespace samantha::dialogue {

Result<TurnOutput> TurnPipeline::run_proactive(PersonState& state,
                                               std::int64_t& conversation_id,
                                               TurnOutput out,
                                               Moment now,
                                               const SpeechSink& on_speech) {
    const auto inner = load_inner_life(m_db, m_resources, state.person_id, now);
    if (!inner) {
        return inner.error();
    }
    out.companion = companion_state(inner->affect);
    out.relationship = relationship_state(inner->relationship);
    out.speech_level = inner->relationship.speech_level;
    const PersonSettings settings =
        effective_settings(state.preferences, m_resources.care, inner->relationship.role);
    const Language language = state.preferred_language();
    if (!settings.proactive || state.turn_count == 0) {
        return out; // someone Samantha has not met yet hears from her once they speak
    }
    TurnStore turns(m_db);
    memory::MemoryStore memories(m_db);
    auto care = turns.care(state.person_id);
    auto facts = memories.current_facts(state.person_id);
    const CivilDate today = core::local_date(now);
    auto nearby = memories.events_between(state.person_id, core::add_days(today, -1), today);
    if (!care || !facts || !nearby) {
        return !care ? care.error() : !facts ? facts.error() : nearby.error();
    }
    if (!care->proactive_day || *care->proactive_day != today) {
        care->proactive_day = today;
        care->proactive_count = 0;
    }
    const auto plan =
        plan_proactive(ProactiveInput{.persona = *m_resources.persona,
                                      .now = now,
                                      .language = language,
                                      .speech_level = inner->relationship.speech_level,
                                      .name = person_name(*facts),
                                      .relationship = &inner->relationship,
                                      .nearby_events = *nearby,
                                      .last_turn_at = state.last_turn_at,
                                      .last_proactive_at = care->last_proactive_at,
                                      .proactive_today = care->proactive_count,
                                      .enabled = settings.proactive,
                                      .quiet_start_hour = settings.quiet_start_hour,
                                      .quiet_end_hour = settings.quiet_end_hour,
                                      .max_per_day = m_resources.care.max_proactive_per_day,
                                      .last_crisis_at = care->last_crisis_at});
    if (!plan) {
        return out;
    }
    const std::uint64_t seed =
        core::mix_seed(static_cast<std::uint64_t>(state.person_id),
                       static_cast<std::uint64_t>(now.utc.time_since_epoch().count()));
    auto reply = compose_reply(m_resources,
                               turns,
                               state.person_id,
                               *plan,
                               language,
                               inner->relationship.speech_level,
                               seed);
    if (!reply) {
        return reply.error();
    }
    if (reply->empty()) {
        return out;
    }
    Expression expression(m_resources,
                          inner->affect,
                          language,
                          voice_seed(state.person_id, state.turn_count, now),
                          TextSink{},
                          on_speech);
    expression.whole(*reply);
    care->proactive_count += 1;
    care->last_proactive_at = now.utc;
    // Logged with an empty message, so the no-repeat rule and the follow-up-once rule see it;
    // the person's own last_turn_at is left alone (absence is measured from their words).
    TurnWrite write{
        .person_id = state.person_id,
        .conversation_id = conversation_id,
        .record = TurnRecord{.person_id = state.person_id,
                             .at = now,
                             .user_text = "",
                             .reply = *reply,
                             .language = language,
                             .strategy = std::string("proactive_") + strategy_name(plan->strategy),
                             .emotion = {}},
        .touched = mentioned_events(*nearby, *reply),
        .care = *care};
    const auto committed = commit_turn(m_db, write);
    if (!committed) {
        return committed.error();
    }
    conversation_id = committed->conversation_id;
    out.reply = *reply;
    out.voice_error = expression.voice_error();
    out.strategy = strategy_name(plan->strategy);
    out.proactive = true;
    out.language = language;
    return out;
}

} // namespace samantha::dialogue
