#include "dialogue/pipeline.h"

#include <algorithm>

#include "core/random.h"
#include "core/text.h"
#include "core/time.h"
#include "dialogue/composer.h"
#include "memory/extraction.h"
#include "memory/memory_store.h"
#include "memory/retrieval.h"
#include "memory/terms.h"

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

} // namespace

Result<TurnOutcome> TurnPipeline::run(PersonState& state,
                                      std::int64_t& conversation_id,
                                      std::string_view text,
                                      Moment now) {
    TurnOutcome out;
    // perceive
    out.perception = perceive(text, state.language, *m_resources.lexicon, *m_resources.cues);
    const Perception& p = out.perception;
    out.speech_level = state.speech_level;
    if (p.intent == Intent::TimePassed) {
        return out;
    }
    const CivilDate today = core::local_date(now);
    memory::MemoryStore memories(m_db);
    TurnStore turns(m_db);

    // remember (what to store is decided here; it is written with the rest at the end)
    const memory::Extraction extraction = memory::extract(p.text, p.language, today);

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

    // feel: the companion's own affect and the relationship arrive with #3; v0 reads only the
    // person's emotion, which perceive already judged.

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
                          .speech_level = state.speech_level};
    const Plan plan = plan_reply(input);
    out.strategy = plan.strategy;

    // speak (builtin composer)
    auto recent_replies = turns.recent_replies(state.person_id, no_repeat_turns);
    if (!recent_replies) {
        return recent_replies.error();
    }
    RecentSentences recent;
    for (const auto& reply : *recent_replies) {
        for (auto& sentence : core::split_sentences(reply)) {
            recent.insert(std::move(sentence));
        }
    }
    core::Rng rng(
        core::mix_seed(static_cast<std::uint64_t>(state.person_id),
                       static_cast<std::uint64_t>(state.turn_count) * 7919U +
                           static_cast<std::uint64_t>(now.utc.time_since_epoch().count())));
    const PhraseBook& book =
        p.language == Language::Korean ? *m_resources.korean : *m_resources.english;
    out.reply = compose(plan, book, state.speech_level, p.language, recent, rng);

    // express: the voice and face arrive with #5 and #6; the reply text is the expression here.

    // persist: one transaction for everything this turn learned
    auto tx = storage::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    std::int64_t conversation = conversation_id;
    if (conversation == 0) {
        auto started = turns.start_conversation(state.person_id, now.utc);
        if (!started) {
            return started.error();
        }
        conversation = *started;
    }
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
    if (auto saved = turns.save_state(next); !saved) {
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

} // namespace samantha::dialogue
