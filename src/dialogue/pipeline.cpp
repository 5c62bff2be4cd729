#include "dialogue/pipeline.h"

#include <algorithm>
#include <chrono>

#include "affect/affect_store.h"
#include "core/random.h"
#include "core/text.h"
#include "core/time.h"
#include "dialogue/composer.h"
#include "dialogue/llm_perception.h"
#include "dialogue/prompt.h"
#include "dialogue/speaker.h"
#include "memory/extraction.h"
#include "memory/memory_store.h"
#include "memory/retrieval.h"
#include "memory/terms.h"
#include "relationship/relationship_store.h"

namespace samantha::dialogue {

Resources builtin_resources(std::shared_ptr<const persona::Persona> persona) {
    return Resources{.persona = std::move(persona),
                     .lexicon = affect::builtin_lexicon(),
                     .cues = builtin_cues(),
                     .english = builtin_phrasebook(Language::English),
                     .korean = builtin_phrasebook(Language::Korean)};
}

namespace {

constexpr std::size_t recall_candidates = 32;
constexpr std::size_t recall_limit = 3;
constexpr int no_repeat_turns = 20;

// Whether the message itself is worth keeping as an episode.
bool is_episode(const Perception& p) {
    switch (p.intent) {
    case Intent::Statement:
    case Intent::Question:
        return true;
    default:
        return false;
    }
}

// What a forget request points at: the best BM25 matches (at least half the best score), or,
// for "forget that" with no words, what the last turn stored.
Result<std::vector<std::int64_t>> forget_targets(memory::MemoryStore& store,
                                                 TurnStore& turns,
                                                 std::int64_t person_id,
                                                 const std::string& what) {
    std::vector<std::int64_t> ids;
    const auto terms = memory::query_terms(what);
    if (terms.empty()) {
        auto last = turns.last_turn_id(person_id);
        if (!last) {
            return last.error();
        }
        if (!*last) {
            return ids;
        }
        auto all = store.list(person_id, memory::History::CurrentOnly);
        if (!all) {
            return all.error();
        }
        for (const Memory& m : *all) {
            if (m.source_turn_id == **last) {
                ids.push_back(m.id);
            }
        }
        return ids;
    }
    auto candidates = store.search(person_id, terms, 16);
    if (!candidates) {
        return candidates.error();
    }
    double best = 0.0;
    for (const auto& c : *candidates) {
        best = std::max(best, c.bm25);
    }
    for (const auto& c : *candidates) {
        if (c.bm25 >= 0.5 * best && best > 0.0) {
            ids.push_back(c.memory.id);
        }
    }
    return ids;
}

// Every sentence of the given replies, for the no-repeat rule.
RecentSentences sentences_of(const std::vector<std::string>& replies) {
    RecentSentences recent;
    for (const auto& reply : replies) {
        for (auto& sentence : core::split_sentences(reply)) {
            recent.insert(std::move(sentence));
        }
    }
    return recent;
}

// Samantha's affect and the relationship as they stand at `now`, before this turn.
struct InnerLife {
    bool ok = true;
    Error error;
    affect::Temperament temperament;
    affect::AffectState affect;
    relationship::Relationship relationship;
};

InnerLife load_inner_life(storage::Database& db,
                          const Resources& resources,
                          std::int64_t person_id,
                          Moment now) {
    InnerLife inner;
    const auto& big = resources.persona->big_five;
    inner.temperament =
        affect::temperament_from(affect::Traits{.openness = big.openness,
                                                .conscientiousness = big.conscientiousness,
                                                .extraversion = big.extraversion,
                                                .agreeableness = big.agreeableness,
                                                .neuroticism = big.neuroticism});
    auto affect = affect::AffectStore(db).load(person_id);
    if (!affect) {
        inner.ok = false;
        inner.error = affect.error();
        return inner;
    }
    inner.affect = affect::decay(*affect, inner.temperament, now.utc);
    auto bond = relationship::RelationshipStore(db).load(person_id, resources.default_role);
    if (!bond) {
        inner.ok = false;
        inner.error = bond.error();
        return inner;
    }
    inner.relationship = relationship::cool(*bond, now.utc);
    if (resources.role_forced) {
        inner.relationship.role = resources.default_role;
    }
    return inner;
}

// The 존댓말/반말 negotiation (docs/relationship.md): the person may ask for 반말 (or 존댓말) at
// any time; a pending proposal of Samantha's is decided by the person's yes or no; a proposal
// left unanswered for a day lapses like a refusal.
SpeechChange negotiate_speech_level(relationship::Relationship& bond,
                                    const Perception& p,
                                    std::chrono::sys_seconds now) {
    if (p.has(Signal::CasualRequest) && bond.speech_level == SpeechLevel::Polite) {
        bond.speech_level = SpeechLevel::Casual;
        bond.casual_proposal_pending = false;
        return SpeechChange::PersonAsked;
    }
    if (p.has(Signal::PoliteRequest) && bond.speech_level == SpeechLevel::Casual) {
        bond.speech_level = SpeechLevel::Polite;
        bond.casual_refused_at = now;
        return SpeechChange::BackToPolite;
    }
    if (!bond.casual_proposal_pending) {
        return SpeechChange::None;
    }
    if (p.has(Signal::No)) {
        bond.casual_proposal_pending = false;
        bond.casual_refused_at = now;
        return SpeechChange::Refused;
    }
    if (p.has(Signal::Yes)) {
        bond.casual_proposal_pending = false;
        bond.speech_level = SpeechLevel::Casual;
        return SpeechChange::Accepted;
    }
    if (bond.casual_proposed_at && now - *bond.casual_proposed_at > std::chrono::hours(24)) {
        bond.casual_proposal_pending = false;
        bond.casual_refused_at = *bond.casual_proposed_at;
    }
    return SpeechChange::None;
}

// Minutes of conversation a message adds: the time since the previous one within a sitting
// (at most 5), or one minute for the first message of a sitting.
double conversation_minutes(const std::optional<std::chrono::sys_seconds>& last,
                            std::chrono::sys_seconds now) {
    if (!last) {
        return 1.0;
    }
    const double gap = std::chrono::duration<double, std::ratio<60>>(now - *last).count();
    return gap >= 0.0 && gap < 30.0 ? std::min(gap, 5.0) : 1.0;
}

// How warm the message is toward Samantha, in [-1, 1].
float warmth_of(const Perception& p) {
    if (p.has(Signal::Insult)) {
        return -1.0f;
    }
    float warmth = 0.6f;
    if (p.intent == Intent::Thanks || p.emotion.label == EmotionLabel::Gratitude ||
        p.emotion.label == EmotionLabel::Affection || p.emotion.valence > 0.3f) {
        warmth += 0.25f;
    }
    return warmth;
}

// What the message discloses, and how deeply (social penetration theory's breadth and depth):
// facts about oneself are peripheral (1), likes and people a layer in (2), feelings (3), and
// what one has never told anyone the core (4).
std::pair<relationship::Topic, int> disclosure_of(const memory::Extraction& extraction,
                                                  const Perception& p) {
    using relationship::Topic;
    std::pair<Topic, int> best{Topic::Self, 0};
    const auto offer = [&](Topic topic, int depth) {
        if (depth > best.second) {
            best = {topic, depth};
        }
    };
    for (const auto& fact : extraction.facts) {
        if (fact.slot.starts_with("person:")) {
            offer(Topic::Family, 2);
        } else if (fact.slot.starts_with("pref:") || fact.slot.starts_with("favorite:") ||
                   fact.slot.starts_with("habit:")) {
            offer(Topic::Self, 2);
        } else if (fact.slot == "job" || fact.slot == "workplace" || fact.slot == "school" ||
                   fact.slot == "major") {
            offer(Topic::Work, 1);
        } else {
            offer(Topic::Self, 1);
        }
    }
    if (!extraction.events.empty()) {
        offer(Topic::Dreams, 1);
    }
    if (p.emotion.intensity >= 0.3f && p.emotion.label != EmotionLabel::Neutral) {
        offer(Topic::Feelings, p.emotion.valence < 0.0f ? 3 : 2);
    }
    const std::string lower = core::to_lower(p.text);
    for (const std::string_view core_cue : {"never told anyone",
                                            "nobody knows",
                                            "no one knows",
                                            "my secret",
                                            "비밀",
                                            "아무한테도 말 안",
                                            "아무한테도 말하지"}) {
        if (core::contains(lower, core_cue)) {
            offer(Topic::Feelings, 4);
        }
    }
    return best;
}

// The turns an LLM sees: this conversation's, in a window that moves forward 20 exchanges at a
// time (20–40 exchanges long), so that the prompt's prefix stays the same for 20 turns and an
// embedded model's KV cache is reused; a new conversation starts from the person's last 8.
constexpr int history_step = 20;

Result<std::vector<std::pair<std::string, std::string>>>
llm_history(TurnStore& turns, std::int64_t person_id, std::int64_t conversation_id) {
    if (conversation_id == 0) {
        return turns.recent_exchanges(person_id, 8);
    }
    auto all = turns.conversation_exchanges(conversation_id, 10 * history_step);
    if (!all) {
        return all.error();
    }
    const auto n = static_cast<int>(all->size());
    const int start = std::max(0, ((n - history_step) / history_step) * history_step);
    all->erase(all->begin(), all->begin() + start);
    return all;
}

// Strategies whose words must be exact stay with the builtin composer: crisis replies with their
// helpline, the ledger's answers, forgetting, and the speech-level and role agreements.
bool llm_speaks(Strategy strategy) {
    switch (strategy) {
    case Strategy::Care:
    case Strategy::AnswerMemory:
    case Strategy::Forget:
    case Strategy::SpeechLevel:
    case Strategy::Role:
    case Strategy::Silent:
        return false;
    default:
        return true;
    }
}

// Asks the LLM for the reply, passing it on sentence by sentence so that no manipulative sentence
// (docs/care.md) ever reaches the person: one stops the generation and fails the attempt.
struct Spoken {
    std::string text;
    int prompt_tokens = 0;  // prompt tokens the model evaluated
    double prompt_ms = 0.0; // time it took to evaluate them
    double ms = 0.0;        // time the model took in all
};

Result<Spoken> speak_with_llm(LanguageModel& model,
                              const PromptInput& prompt,
                              const std::string& session,
                              const TextSink& on_text) {
    std::string pending;
    bool manipulative = false;
    const auto release = [&](bool final) {
        while (true) {
            std::size_t cut = std::string::npos;
            for (std::size_t i = 0; i < pending.size(); ++i) {
                const char c = pending[i];
                if (c == '.' || c == '!' || c == '?' || c == '\n') {
                    cut = i + 1;
                    break;
                }
            }
            if (cut == std::string::npos) {
                if (!final || core::trim(pending).empty()) {
                    return true;
                }
                cut = pending.size();
            }
            const std::string sentence = pending.substr(0, cut);
            pending.erase(0, cut);
            if (is_manipulative(sentence)) {
                manipulative = true;
                return false;
            }
            if (on_text && !core::trim(sentence).empty()) {
                on_text(sentence);
            }
        }
    };
    GenerationRequest request{
        .messages = assemble_prompt(prompt), .sampling = {}, .json_schema = {}, .session = session};
    const auto started = std::chrono::steady_clock::now();
    auto result = model.generate(
        request,
        [&](std::string_view piece) {
            pending.append(piece);
            return release(false);
        },
        std::stop_token{});
    if (manipulative) {
        return make_error(ErrorCode::InvalidArgument,
                          "the model's reply broke a care rule (a manipulative sentence)");
    }
    if (!result) {
        return result.error();
    }
    if (!release(true)) {
        return make_error(ErrorCode::InvalidArgument,
                          "the model's reply broke a care rule (a manipulative sentence)");
    }
    const std::string text(core::trim(result->text));
    if (text.empty()) {
        return make_error(ErrorCode::Unavailable, "the model returned an empty reply");
    }
    return Spoken{
        .text = text,
        .prompt_tokens = result->prompt_tokens,
        .prompt_ms = result->prompt_ms,
        .ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count()};
}

// The humaniser's seed for one turn: the same turn is spoken the same way.
std::uint64_t voice_seed(const PersonState& state, Moment now) {
    return core::mix_seed(static_cast<std::uint64_t>(state.person_id) * 104729U +
                              static_cast<std::uint64_t>(state.turn_count),
                          static_cast<std::uint64_t>(now.utc.time_since_epoch().count()));
}

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

Result<TurnOutcome> TurnPipeline::run(PersonState& state,
                                      std::int64_t& conversation_id,
                                      std::string_view text,
                                      Moment now,
                                      const TextSink& on_text,
                                      const SpeechSink& on_speech) {
    TurnOutcome out;
    // perceive
    out.perception =
        perceive(text, state.preferred_language(), *m_resources.lexicon, *m_resources.cues);
    const Perception& p = out.perception;
    out.speech_level = state.speech_level;
    if (p.intent == Intent::TimePassed) {
        return run_proactive(state, conversation_id, std::move(out), now, on_speech);
    }
    const CivilDate today = core::local_date(now);
    memory::MemoryStore memories(m_db);
    TurnStore turns(m_db);

    // remember (what to store is decided here; it is written with the rest at the end)
    memory::Extraction extraction = memory::extract(p.text, p.language, today);

    // recall
    auto facts = memories.current_facts(state.person_id);
    if (!facts) {
        return facts.error();
    }
    auto nearby = memories.events_between(
        state.person_id, core::add_days(today, -1), core::add_days(today, 7));
    if (!nearby) {
        return nearby.error();
    }
    auto candidates =
        memories.search(state.person_id, memory::query_terms(p.text), recall_candidates);
    if (!candidates) {
        return candidates.error();
    }
    out.recalled = memory::rank_memories(
        *candidates, now.utc, p.emotion.valence, memory::RetrievalWeights{}, recall_limit);
    std::vector<Memory> forget_matches;
    std::vector<std::int64_t> forget_ids;
    if (extraction.forget) {
        auto ids = forget_targets(memories, turns, state.person_id, *extraction.forget);
        if (!ids) {
            return ids.error();
        }
        forget_ids = std::move(*ids);
        for (const auto id : forget_ids) {
            if (auto m = memories.find(state.person_id, id)) {
                forget_matches.push_back(std::move(*m));
            }
        }
        out.recalled.clear();
    }

    // feel: Samantha's own affect, and the relationship after the time apart
    const InnerLife inner = load_inner_life(m_db, m_resources, state.person_id, now);
    if (!inner.ok) {
        return inner.error;
    }
    const double hours_apart =
        state.last_turn_at
            ? std::chrono::duration<double, std::ratio<3600>>(now.utc - *state.last_turn_at).count()
            : 0.0;
    auto last_emotion = turns.last_turn_emotion(state.person_id);
    if (!last_emotion) {
        return last_emotion.error();
    }
    affect::Appraisal appraisal{.user = p.emotion,
                                .thanked = p.intent == Intent::Thanks,
                                .insulted = p.has(Signal::Insult),
                                .apologised = p.has(Signal::Apology),
                                .affectionate = p.emotion.label == EmotionLabel::Affection,
                                .hours_since_last_turn = hours_apart,
                                .worry_resolved =
                                    *last_emotion == "anxiety" && p.emotion.valence > 0.3f};
    const affect::AffectState felt = affect::feel(
        inner.affect, affect::appraise(appraisal, inner.temperament, now.utc), inner.temperament);
    relationship::Relationship bond = inner.relationship;
    const SpeechChange speech = negotiate_speech_level(bond, p, now.utc);
    // A role agreed in conversation: a friendship may become family ("you're like family to
    // me"), and any role may step back to friends. A romantic role is never taken up in chat;
    // it is set explicitly (--role partner), and the partner role is never forced on anyone.
    bool role_changed = false;
    if (!m_resources.role_forced && !bond.rupture) {
        if (p.has(Signal::RoleFamily) && bond.role == relationship::Role::Friend &&
            bond.ladder >= relationship::Stage::Experimenting) {
            bond.role = relationship::Role::Family;
            role_changed = true;
        } else if (p.has(Signal::RoleFriend) && bond.role != relationship::Role::Friend) {
            relationship::change_role(bond, relationship::Role::Friend);
            role_changed = true;
        }
    }

    // plan
    std::vector<FactChange> changes;
    std::string name;
    for (const Memory& f : *facts) {
        if (f.slot == "name") {
            name = f.value;
        }
    }
    for (const auto& fact : extraction.facts) {
        const auto current = std::find_if(facts->begin(), facts->end(), [&](const Memory& m) {
            return core::to_lower(m.slot) == core::to_lower(fact.slot);
        });
        if (current == facts->end()) {
            changes.push_back(FactChange{.fact = fact, .previous = std::nullopt});
        } else if (core::to_lower(current->value) != core::to_lower(fact.value)) {
            changes.push_back(FactChange{.fact = fact, .previous = *current});
        }
        if (fact.slot == "name") {
            name = fact.value;
        }
    }
    std::vector<memory::ExtractedEvent> new_events;
    for (const auto& event : extraction.events) {
        const bool known = std::any_of(nearby->begin(), nearby->end(), [&](const Memory& m) {
            return m.date == event.date && m.value == event.title;
        });
        if (!known) {
            new_events.push_back(event);
        }
    }
    const PlanInput input{.perception = p,
                          .persona = *m_resources.persona,
                          .now = now,
                          .turn_count = state.turn_count,
                          .name = name,
                          .new_facts = changes,
                          .new_events = new_events,
                          .current_facts = *facts,
                          .recalled = out.recalled,
                          .nearby_events = *nearby,
                          .forget_requested = extraction.forget.has_value(),
                          .forgotten = forget_matches,
                          .speech_level = bond.speech_level,
                          .affect = &felt,
                          .relationship = &bond,
                          .speech_change = speech,
                          .role_changed = role_changed,
                          .may_propose_casual = relationship::may_propose_casual(bond, now.utc),
                          .hours_since_last_turn = hours_apart,
                          .crisis_resource = p.language == Language::Korean
                                                 ? m_resources.care.crisis_resource_ko
                                                 : m_resources.care.crisis_resource_en};
    const Plan plan = plan_reply(input);
    out.strategy = plan.strategy;

    // speak (builtin composer)
    auto recent_replies = turns.recent_replies(state.person_id, no_repeat_turns);
    if (!recent_replies) {
        return recent_replies.error();
    }
    const RecentSentences recent = sentences_of(*recent_replies);
    core::Rng rng(
        core::mix_seed(static_cast<std::uint64_t>(state.person_id),
                       static_cast<std::uint64_t>(state.turn_count) * 7919U +
                           static_cast<std::uint64_t>(now.utc.time_since_epoch().count())));
    const PhraseBook& book =
        p.language == Language::Korean ? *m_resources.korean : *m_resources.english;
    out.reply = compose(plan, book, bond.speech_level, p.language, recent, rng);
    out.speech_level = bond.speech_level;
    // express: the reply is spoken as it is written (each sentence as it passes the care gate).
    std::optional<Speaker> speaker =
        speaker_for(m_resources, felt, p.language, voice_seed(state, now), on_speech);
    const auto write_whole = [&](const std::string& reply) {
        if (on_text) {
            on_text(reply);
        }
        if (speaker) {
            speaker->say(reply, ProsodyPlanner::Piece::Ends);
        }
    };
    const TextSink write_sentence = [&](std::string_view sentence) {
        const bool go_on = !on_text || on_text(sentence);
        if (speaker) {
            speaker->say(sentence, ProsodyPlanner::Piece::Continues);
        }
        return go_on;
    };
    if (m_resources.brain && llm_speaks(plan.strategy)) {
        auto history = llm_history(turns, state.person_id, conversation_id);
        if (!history) {
            return history.error();
        }
        const PromptInput prompt{.persona = *m_resources.persona,
                                 .now = now,
                                 .language = p.language,
                                 .speech_level = bond.speech_level,
                                 .name = name,
                                 .affect = &felt,
                                 .relationship = &bond,
                                 .facts = *facts,
                                 .events = *nearby,
                                 .recalled = out.recalled,
                                 .strategy = strategy_name(plan.strategy),
                                 .draft = out.reply,
                                 .history = *history,
                                 .message = p.text,
                                 .crisis_resource = input.crisis_resource};
        auto written = speak_with_llm(*m_resources.brain,
                                      prompt,
                                      std::to_string(state.person_id),
                                      on_text || speaker ? write_sentence : TextSink{});
        if (written) {
            out.reply = std::move(written->text);
            out.brain = m_resources.brain->name();
            out.brain_prompt_tokens = written->prompt_tokens;
            out.brain_prompt_ms = written->prompt_ms;
            out.brain_ms = written->ms;
        } else {
            // The builtin composer's reply stands; nothing of the turn is lost.
            out.brain_error = written.error().message;
            m_log.info("brain {} failed, the builtin composer answers: {}",
                       m_resources.brain->name(),
                       written.error().message);
            write_whole(out.reply);
        }
    } else {
        write_whole(out.reply);
    }
    if (speaker) {
        out.voice_error = speaker->error();
    }
    if (plan.proposed_casual) {
        bond.casual_proposal_pending = true;
        bond.casual_proposed_at = now.utc;
    }
    const bool used_memory =
        plan.strategy == Strategy::RecallMemory ||
        std::any_of(out.recalled.begin(), out.recalled.end(), [&](const RecalledMemory& r) {
            return r.memory.kind == MemoryKind::Fact && !r.memory.value.empty() &&
                   r.memory.value.size() > 2 && core::contains(out.reply, r.memory.value);
        });
    if (m_resources.brain && m_resources.model_perception &&
        (p.intent == Intent::Statement || p.intent == Intent::Question) && !extraction.forget) {
        // The model reads the message too, after the reply has streamed (the reply does not wait
        // for it; a model brain has read the message itself). What it adds passes validation and
        // is stored with the rest; the rules stay the base (and the fallback when it fails).
        auto reading =
            read_with_model(*m_resources.brain, p.text, p.language, today, reading_session);
        if (reading) {
            merge_reading(extraction, *reading, *facts);
            if (reading->emotion && p.emotion.label == EmotionLabel::Neutral &&
                *reading->emotion != EmotionLabel::Neutral) {
                out.perception.emotion.label = *reading->emotion;
                out.perception.emotion.intensity = std::max(out.perception.emotion.intensity, 0.3f);
            }
        } else {
            m_log.debug("the model could not read the message: {}", reading.error().message);
        }
    }

    const auto disclosed = disclosure_of(extraction, p);
    relationship::TurnSignals signals{
        .now = now.utc,
        .today = today,
        .minutes = conversation_minutes(state.last_turn_at, now.utc),
        .warmth = warmth_of(p),
        .topic = disclosed.first,
        .depth = disclosed.second,
        .companion_topic = relationship::Topic::Feelings,
        .companion_depth = plan.shared_feeling ? std::min(4, 1 + static_cast<int>(bond.ladder)) : 0,
        .insulted = p.has(Signal::Insult),
        .apologised = p.has(Signal::Apology),
        .detail_remembered = used_memory,
        .follow_up_kept = plan.followed_up};
    bond = relationship::update(bond, signals);
    out.affect = felt;
    out.relationship = bond;

    // express: the voice and face arrive with #5 and #6; the reply text is the expression here.

    // persist: one transaction for everything this turn learned
    auto tx = storage::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto open = turns.conversation_for(state.person_id, conversation_id, now.utc);
    if (!open) {
        return open.error();
    }
    const std::int64_t conversation = *open;
    TurnRecord record{.conversation_id = conversation,
                      .person_id = state.person_id,
                      .at = now,
                      // A request to forget is not kept word for word either.
                      .user_text = extraction.forget ? "[forget request]" : p.text,
                      .reply = out.reply,
                      .language = p.language,
                      .strategy = strategy_name(plan.strategy),
                      .emotion = p.emotion};
    auto turn_id = turns.add_turn(record);
    if (!turn_id) {
        return turn_id.error();
    }
    out.turn_id = *turn_id;
    if (!forget_ids.empty()) {
        auto erased = memories.forget(state.person_id, forget_ids);
        if (!erased) {
            return erased.error();
        }
        out.forgotten = std::move(*erased);
    }
    if (!extraction.forget && is_episode(p)) {
        const float importance =
            std::min(1.0f,
                     0.2f + 0.5f * p.emotion.intensity +
                         (extraction.facts.empty() && extraction.events.empty() ? 0.0f : 0.1f));
        auto stored = memories.remember(state.person_id,
                                        memory::NewMemory{.kind = MemoryKind::Episode,
                                                          .text = p.text,
                                                          .language = p.language,
                                                          .importance = importance,
                                                          .valence = p.emotion.valence,
                                                          .source_turn_id = *turn_id},
                                        now.utc);
        if (!stored) {
            return stored.error();
        }
    }
    for (const auto& fact : extraction.facts) {
        auto stored = memories.remember(state.person_id,
                                        memory::NewMemory{.kind = MemoryKind::Fact,
                                                          .slot = fact.slot,
                                                          .value = fact.value,
                                                          .text = fact.text,
                                                          .language = p.language,
                                                          .importance = fact.importance,
                                                          .valence = p.emotion.valence,
                                                          .source_turn_id = *turn_id},
                                        now.utc);
        if (!stored) {
            return stored.error();
        }
        if (stored->is_new) {
            auto m = memories.find(state.person_id, stored->id);
            if (m) {
                out.remembered.push_back(std::move(*m));
            }
        }
    }
    for (const auto& event : extraction.events) {
        auto stored = memories.remember(state.person_id,
                                        memory::NewMemory{.kind = MemoryKind::Event,
                                                          .slot = event.is_plan ? "plan" : "event",
                                                          .value = event.title,
                                                          .text = event.text,
                                                          .language = p.language,
                                                          .importance = event.importance,
                                                          .valence = p.emotion.valence,
                                                          .date = event.date,
                                                          .source_turn_id = *turn_id},
                                        now.utc);
        if (!stored) {
            return stored.error();
        }
        if (stored->is_new) {
            auto m = memories.find(state.person_id, stored->id);
            if (m) {
                out.remembered.push_back(std::move(*m));
            }
        }
    }
    std::vector<std::int64_t> touched;
    for (const auto& r : out.recalled) {
        touched.push_back(r.memory.id);
    }
    for (const Memory& e : *nearby) {
        if (!e.value.empty() && core::contains(out.reply, e.value)) {
            touched.push_back(e.id);
        }
    }
    if (auto marked = memories.mark_recalled(state.person_id, touched, now.utc); !marked) {
        return marked.error();
    }
    PersonState next = state;
    next.language = p.language;
    next.turn_count += 1;
    next.last_turn_at = now.utc;
    next.utc_offset = now.utc_offset;
    if (!next.first_turn_at) {
        next.first_turn_at = now.utc;
    }
    next.speech_level = bond.speech_level;
    if (auto saved = turns.save_state(next); !saved) {
        return saved.error();
    }
    if (auto saved = affect::AffectStore(m_db).save(state.person_id, felt); !saved) {
        return saved.error();
    }
    if (auto saved = relationship::RelationshipStore(m_db).save(state.person_id, bond); !saved) {
        return saved.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    state = std::move(next);
    conversation_id = conversation;
    m_log.debug("turn {} strategy={} language={}",
                out.turn_id,
                strategy_name(plan.strategy),
                language_code(p.language));
    return out;
}

Result<TurnOutcome> TurnPipeline::run_proactive(PersonState& state,
                                                std::int64_t& conversation_id,
                                                TurnOutcome out,
                                                Moment now,
                                                const SpeechSink& on_speech) {
    const InnerLife inner = load_inner_life(m_db, m_resources, state.person_id, now);
    if (!inner.ok) {
        return inner.error;
    }
    out.affect = inner.affect;
    out.relationship = inner.relationship;
    out.speech_level = inner.relationship.speech_level;
    const Preferences& chosen = state.preferences;
    const bool proactive = chosen.proactive.value_or(m_resources.care.proactive);
    const Language language = state.preferred_language();
    if (!proactive || state.turn_count == 0) {
        return out; // someone Samantha has not met yet hears from her once they speak
    }
    TurnStore turns(m_db);
    memory::MemoryStore memories(m_db);
    auto care = turns.care(state.person_id);
    if (!care) {
        return care.error();
    }
    const CivilDate today = core::local_date(now);
    if (!care->proactive_day || *care->proactive_day != today) {
        care->proactive_day = today;
        care->proactive_count = 0;
    }
    auto facts = memories.current_facts(state.person_id);
    if (!facts) {
        return facts.error();
    }
    std::string name;
    for (const Memory& f : *facts) {
        if (f.slot == "name") {
            name = f.value;
        }
    }
    auto nearby = memories.events_between(state.person_id, core::add_days(today, -1), today);
    if (!nearby) {
        return nearby.error();
    }
    const ProactiveInput input{
        .persona = *m_resources.persona,
        .now = now,
        .language = language,
        .speech_level = inner.relationship.speech_level,
        .name = name,
        .relationship = &inner.relationship,
        .nearby_events = *nearby,
        .last_turn_at = state.last_turn_at,
        .last_proactive_at = care->last_proactive_at,
        .proactive_today = care->proactive_count,
        .enabled = proactive,
        .quiet_start_hour = chosen.quiet_start_hour.value_or(m_resources.care.quiet_start_hour),
        .quiet_end_hour = chosen.quiet_end_hour.value_or(m_resources.care.quiet_end_hour),
        .max_per_day = m_resources.care.max_proactive_per_day};
    const auto plan = plan_proactive(input);
    if (!plan) {
        return out;
    }
    auto recent_replies = turns.recent_replies(state.person_id, no_repeat_turns);
    if (!recent_replies) {
        return recent_replies.error();
    }
    const RecentSentences recent = sentences_of(*recent_replies);
    core::Rng rng(core::mix_seed(static_cast<std::uint64_t>(state.person_id),
                                 static_cast<std::uint64_t>(now.utc.time_since_epoch().count())));
    const PhraseBook& book =
        language == Language::Korean ? *m_resources.korean : *m_resources.english;
    out.reply = compose(*plan, book, inner.relationship.speech_level, language, recent, rng);
    if (out.reply.empty()) {
        return out;
    }
    if (auto speaker =
            speaker_for(m_resources, inner.affect, language, voice_seed(state, now), on_speech)) {
        speaker->say(out.reply, ProsodyPlanner::Piece::Ends);
        out.voice_error = speaker->error();
    }
    out.strategy = plan->strategy;
    out.proactive = true;
    out.perception.language = language;

    auto tx = storage::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto open = turns.conversation_for(state.person_id, conversation_id, now.utc);
    if (!open) {
        return open.error();
    }
    const std::int64_t conversation = *open;
    // Logged with an empty message, so the no-repeat rule and the follow-up-once rule see it;
    // the person's own last_turn_at is left alone (absence is measured from their words).
    auto turn_id = turns.add_turn(
        TurnRecord{.conversation_id = conversation,
                   .person_id = state.person_id,
                   .at = now,
                   .user_text = "",
                   .reply = out.reply,
                   .language = language,
                   .strategy = std::string("proactive_") + strategy_name(plan->strategy),
                   .emotion = {}});
    if (!turn_id) {
        return turn_id.error();
    }
    out.turn_id = *turn_id;
    std::vector<std::int64_t> touched;
    for (const Memory& e : *nearby) {
        if (!e.value.empty() && core::contains(out.reply, e.value)) {
            touched.push_back(e.id);
        }
    }
    if (auto marked = memories.mark_recalled(state.person_id, touched, now.utc); !marked) {
        return marked.error();
    }
    care->proactive_count += 1;
    care->last_proactive_at = now.utc;
    if (auto saved = turns.save_care(state.person_id, *care); !saved) {
        return saved.error();
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    conversation_id = conversation;
    return out;
}

Result<std::pair<affect::AffectState, relationship::Relationship>>
TurnPipeline::inner_life(std::int64_t person_id, Moment now) {
    InnerLife inner = load_inner_life(m_db, m_resources, person_id, now);
    if (!inner.ok) {
        return inner.error;
    }
    return std::make_pair(std::move(inner.affect), std::move(inner.relationship));
}

} // namespace samantha::dialogue
