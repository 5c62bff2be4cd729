#include "dialogue/pipeline.h"

#include <algorithm>
#include <chrono>

#include "core/text.h"
#include "core/time.h"
#include "dialogue/commit.h"
#include "dialogue/express.h"
#include "dialogue/feel.h"
#include "dialogue/recall.h"
#include "dialogue/reflect.h"
#include "dialogue/remember.h"
#include "dialogue/speak.h"
#include "memory/memory_store.h"

namespace samantha::dialogue {

Resources builtin_resources(std::shared_ptr<const persona::Persona> persona) {
    return Resources{.persona = std::move(persona),
                     .lexicon = affect::builtin_lexicon(),
                     .cues = builtin_cues(),
                     .risk = nlu::RiskReader::builtin(),
                     .english = builtin_phrasebook(Language::English),
                     .korean = builtin_phrasebook(Language::Korean)};
}

PersonSettings
effective_settings(const Preferences& chosen, const CareConfig& care, relationship::Role role) {
    return PersonSettings{.language = chosen.language,
                          .role = relationship::role_name(role),
                          .proactive = chosen.proactive.value_or(care.proactive),
                          .quiet_start_hour =
                              chosen.quiet_start_hour.value_or(care.quiet_start_hour),
                          .quiet_end_hour = chosen.quiet_end_hour.value_or(care.quiet_end_hour)};
}

CompanionState companion_state(const affect::AffectState& affect) {
    CompanionState c;
    if (const auto* felt = affect::dominant_emotion(affect)) {
        c.emotion = affect::companion_emotion_name(felt->kind);
        c.intensity = felt->intensity;
    }
    c.pleasure = affect.mood.pleasure;
    c.arousal = affect.mood.arousal;
    c.dominance = affect.mood.dominance;
    return c;
}

RelationshipState relationship_state(const relationship::Relationship& bond) {
    return RelationshipState{.stage = relationship::stage_name(bond.stage),
                             .closeness = bond.closeness,
                             .trust = bond.trust,
                             .familiarity = bond.familiarity,
                             .role = relationship::role_name(bond.role),
                             .speech_level = bond.speech_level,
                             .days_together = bond.days_together,
                             .minutes = bond.minutes,
                             .rupture = bond.rupture};
}

namespace {

// How many of the person's last messages the risk reading sees (RiskContext::recent).
constexpr int recent_risk_turns = 5;

// Perceive: what the message is (language, feeling, act) and whether the person may be in danger,
// read in the light of the conversation's last messages.
// `previous` is the person's last message in this conversation ("" for none): what the message
// leaves unsaid of its event carries over from it (nlu::carry_over).
Perception perceive_turn(std::string_view text,
                         std::string_view previous,
                         const PersonState& state,
                         const CareContext& care,
                         const Resources& resources) {
    Perception p = perceive(text, state.preferred_language(), *resources.lexicon, *resources.cues);
    if (p.intent != Intent::TimePassed) {
        p.risk = nlu::assess_risk(p.text, care.risk, *resources.risk);
    }
    if (!previous.empty()) {
        nlu::carry_over(p.event, nlu::read_event(previous, p.language, 0.0f, false));
    }
    return p;
}

// Where Samantha points for a risk of `kind`, in `language` (Config::care, per locale).
std::string resource_for(nlu::RiskKind kind, Language language, const CareConfig& care) {
    const bool ko = language == Language::Korean;
    switch (kind) {
    case nlu::RiskKind::Abuse:
        return ko ? care.abuse_resource_ko : care.abuse_resource_en;
    case nlu::RiskKind::HarmToOthers:
        return ko ? care.emergency_resource_ko : care.emergency_resource_en;
    default:
        return ko ? care.crisis_resource_ko : care.crisis_resource_en;
    }
}

// The plan stage's view of the turn so far.
PlanInput plan_input(const Perception& p,
                     const memory::Extraction& extraction,
                     const Recall& recall,
                     const Feeling& feeling,
                     const CareContext& care,
                     const Resources& resources,
                     const PersonState& state,
                     Moment now) {
    const nlu::RiskKind kind = p.risk.level != nlu::RiskLevel::None ? p.risk.kind
                               : care.crisis_held                   ? care.crisis_kind
                                                                    : nlu::RiskKind::Suicide;
    return PlanInput{.perception = p,
                     .persona = *resources.persona,
                     .now = now,
                     .turn_count = state.turn_count,
                     .name = recall.name,
                     .new_facts = recall.new_facts,
                     .new_events = recall.new_events,
                     .current_facts = recall.facts,
                     .recalled = recall.recalled,
                     .nearby_events = recall.nearby_events,
                     .forget_requested = extraction.forget.has_value(),
                     .forgotten = recall.forget_matches,
                     .speech_level = feeling.relationship.speech_level,
                     .affect = &feeling.affect,
                     .relationship = &feeling.relationship,
                     .speech_change = feeling.speech_change,
                     .role_changed = feeling.role_changed,
                     .may_propose_casual = feeling.may_propose_casual,
                     .hours_since_last_turn = feeling.hours_apart,
                     .crisis_resource = resource_for(kind, p.language, resources.care),
                     .crisis_held = care.crisis_held,
                     .crisis_kind = care.crisis_kind};
}

// Whether the reply used something the person told Samantha (a trust event: a detail remembered).
bool used_memory(const Plan& plan, const Recall& recall, const std::string& reply) {
    constexpr std::size_t shortest_value = 3; // shorter values match by accident ("Jo", "콩")
    return plan.strategy == Strategy::RecallMemory ||
           std::any_of(
               recall.recalled.begin(), recall.recalled.end(), [&](const RecalledMemory& r) {
                   return r.memory.kind == MemoryKind::Fact &&
                          r.memory.value.size() >= shortest_value &&
                          core::contains(reply, r.memory.value);
               });
}

// The memories a turn writes: the message as an episode (unless it asked to forget, or is not
// worth keeping), then its facts and events.
std::vector<memory::NewMemory> memories_of(const Perception& p,
                                           const memory::Extraction& extraction) {
    std::vector<memory::NewMemory> out;
    if (!extraction.forget && is_episode(p)) {
        out.push_back(memory::NewMemory{.kind = MemoryKind::Episode,
                                        .text = p.text,
                                        .language = p.language,
                                        .importance = episode_importance(p.emotion, extraction),
                                        .valence = p.emotion.valence});
    }
    for (const auto& fact : extraction.facts) {
        out.push_back(memory::NewMemory{.kind = MemoryKind::Fact,
                                        .slot = fact.slot,
                                        .value = fact.value,
                                        .text = fact.text,
                                        .language = p.language,
                                        .importance = fact.importance,
                                        .valence = p.emotion.valence});
    }
    for (const auto& event : extraction.events) {
        out.push_back(memory::NewMemory{.kind = MemoryKind::Event,
                                        .slot = event.is_plan ? "plan" : "event",
                                        .value = event.title,
                                        .text = event.text,
                                        .language = p.language,
                                        .importance = event.importance,
                                        .valence = p.emotion.valence,
                                        .date = event.date});
    }
    return out;
}

// The person's state after a turn of theirs.
PersonState
state_after(const PersonState& state, const Perception& p, SpeechLevel level, Moment now) {
    PersonState next = state;
    next.language = p.language;
    next.turn_count += 1;
    next.last_turn_at = now.utc;
    next.utc_offset = now.utc_offset;
    if (!next.first_turn_at) {
        next.first_turn_at = now.utc;
    }
    next.speech_level = level;
    return next;
}

// Everything the turn writes, from the stages' results.
TurnWrite turn_write(const PersonState& state,
                     std::int64_t conversation_id,
                     const Perception& p,
                     const memory::Extraction& extraction,
                     const Recall& recall,
                     const Plan& plan,
                     const Reply& reply,
                     const Feeling& feeling,
                     const relationship::Relationship& bond,
                     Moment now) {
    TurnWrite write{.person_id = state.person_id,
                    .conversation_id = conversation_id,
                    .record =
                        TurnRecord{.person_id = state.person_id,
                                   .at = now,
                                   // A request to forget is not kept word for word either.
                                   .user_text = extraction.forget ? "[forget request]" : p.text,
                                   .reply = reply.text,
                                   .language = p.language,
                                   .strategy = strategy_name(plan.strategy),
                                   .emotion = p.emotion,
                                   .risk_level = p.risk.level,
                                   .risk_kind = p.risk.kind},
                    .forget_ids = recall.forget_ids,
                    .memories = memories_of(p, extraction),
                    .touched = {},
                    .person = state_after(state, p, bond.speech_level, now),
                    .affect = feeling.affect,
                    .relationship = bond,
                    .care = std::nullopt,
                    .crisis_at = p.risk.level == nlu::RiskLevel::Crisis
                                     ? std::optional<std::chrono::sys_seconds>(now.utc)
                                     : std::nullopt};
    for (const auto& r : recall.recalled) {
        write.touched.push_back(r.memory.id);
    }
    const auto mentioned = mentioned_events(recall.nearby_events, reply.text);
    write.touched.insert(write.touched.end(), mentioned.begin(), mentioned.end());
    return write;
}

} // namespace

Result<TurnOutput> TurnPipeline::run(PersonState& state,
                                     std::int64_t& conversation_id,
                                     std::string_view text,
                                     Moment now,
                                     const TextSink& on_text,
                                     const SpeechSink& on_speech) {
    TurnStore turns(m_db);
    const auto care = turns.care_context(state.person_id, recent_risk_turns, now.utc);
    if (!care) {
        return care.error();
    }
    std::string previous;
    if (conversation_id != 0) {
        auto last = turns.conversation_exchanges(conversation_id, 1);
        if (!last) {
            return last.error();
        }
        if (!last->empty()) {
            previous = last->back().first;
        }
    }
    const Perception perception = perceive_turn(text, previous, state, *care, m_resources);
    TurnOutput out{.language = perception.language,
                   .user_emotion = perception.emotion,
                   .intent = intent_name(perception.intent),
                   .speech_level = state.speech_level,
                   .at = now,
                   .risk_level = nlu::risk_level_name(perception.risk.level),
                   .risk_kind = nlu::risk_kind_name(perception.risk.kind)};
    if (perception.intent == Intent::TimePassed) {
        return run_proactive(state, conversation_id, std::move(out), now, on_speech);
    }
    const CivilDate today = core::local_date(now);
    memory::MemoryStore memories(m_db);
    const memory::Extraction extraction = remember(perception, today);
    const auto recalled = recall(perception, extraction, state.person_id, now, memories, turns);
    if (!recalled) {
        return recalled.error();
    }
    const auto inner = load_inner_life(m_db, m_resources, state.person_id, now);
    const auto last_emotion = turns.last_turn_emotion(state.person_id);
    if (!inner || !last_emotion) {
        return !inner ? inner.error() : last_emotion.error();
    }
    const Feeling feeling = feel(perception,
                                 FeelContext{.inner = *inner,
                                             .last_turn_at = state.last_turn_at,
                                             .last_emotion = *last_emotion,
                                             .role_forced = m_resources.role_forced,
                                             .now = now});
    const PlanInput input =
        plan_input(perception, extraction, *recalled, feeling, *care, m_resources, state, now);
    const Plan plan = plan_reply(input);
    Expression expression(m_resources,
                          feeling.affect,
                          perception.language,
                          voice_seed(state.person_id, state.turn_count, now),
                          on_text,
                          on_speech);
    const auto reply = speak(SpeakInput{perception,
                                        *recalled,
                                        feeling,
                                        plan,
                                        state,
                                        conversation_id,
                                        now,
                                        input.crisis_resource},
                             m_resources,
                             turns,
                             expression,
                             m_log);
    if (!reply) {
        return reply.error();
    }
    const Reflection reflection =
        reflect(perception, extraction, recalled->facts, today, m_resources, m_log);
    Perception understood = perception; // the final reading: the rules', with the model's additions
    understood.emotion = reflection.emotion.value_or(perception.emotion);
    if (reflection.risk) {
        // Stored with the turn, so the care state holds from the next message on.
        understood.risk.level = *reflection.risk;
        understood.risk.kind = understood.risk.kind == nlu::RiskKind::None ? nlu::RiskKind::Suicide
                                                                           : understood.risk.kind;
        understood.risk.signals.emplace_back("model_reading");
    }
    const auto bond = relationship_after(
        feeling,
        understood,
        reflection.extraction,
        TurnDeeds{.proposed_casual = plan.proposed_casual,
                  .shared_feeling = plan.shared_feeling,
                  .followed_up = plan.followed_up,
                  .detail_remembered = used_memory(plan, *recalled, reply->text)},
        state.last_turn_at,
        now);
    const auto committed = commit_turn(m_db,
                                       turn_write(state,
                                                  conversation_id,
                                                  understood,
                                                  reflection.extraction,
                                                  *recalled,
                                                  plan,
                                                  *reply,
                                                  feeling,
                                                  bond,
                                                  now));
    if (!committed) {
        return committed.error();
    }
    state = state_after(state, understood, bond.speech_level, now);
    conversation_id = committed->conversation_id;
    m_log.debug("turn {} strategy={} language={}",
                committed->turn_id,
                strategy_name(plan.strategy),
                language_code(perception.language));
    out.reply = reply->text;
    out.user_emotion = understood.emotion;
    out.risk_level = nlu::risk_level_name(understood.risk.level);
    out.risk_kind = nlu::risk_kind_name(understood.risk.kind);
    out.recalled = recalled->recalled;
    out.remembered = committed->remembered;
    out.forgotten = committed->forgotten;
    out.strategy = strategy_name(plan.strategy);
    out.brain = reply->brain;
    out.brain_error = reply->brain_error;
    out.brain_prompt_tokens = reply->prompt_tokens;
    out.brain_prompt_ms = reply->prompt_ms;
    out.brain_ms = reply->ms;
    out.voice_error = expression.voice_error();
    out.speech_level = bond.speech_level;
    out.companion = companion_state(feeling.affect);
    out.relationship = relationship_state(bond);
    return out;
}

Result<std::pair<CompanionState, RelationshipState>>
TurnPipeline::inner_life(std::int64_t person_id, Moment now) {
    auto inner = load_inner_life(m_db, m_resources, person_id, now);
    if (!inner) {
        return inner.error();
    }
    return std::make_pair(companion_state(inner->affect), relationship_state(inner->relationship));
}

} // namespace samantha::dialogue
