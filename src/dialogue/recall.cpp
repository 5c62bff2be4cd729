#include "dialogue/recall.h"

#include <algorithm>

#include "core/text.h"
#include "core/time.h"
#include "memory/retrieval.h"
#include "memory/search.h"
#include "memory/terms.h"

namespace samantha::dialogue {
namespace {

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
    auto matches = store.search(person_id, terms, 16);
    if (!matches) {
        return matches.error();
    }
    // Only memories whose own words match are forgotten: a neighbour in the window ("My name is
    // Jun." after "I smoke every day.") is not what the person asked to forget.
    std::vector<memory::Candidate> candidates;
    for (auto& c : matches->candidates) {
        const auto own = core::split_words(c.terms);
        const bool matches_own = std::any_of(terms.begin(), terms.end(), [&](const std::string& t) {
            return std::find(own.begin(), own.end(), t) != own.end();
        });
        if (matches_own) {
            candidates.push_back(std::move(c));
        }
    }
    double best = 0.0;
    for (const auto& c : candidates) {
        best = std::max(best, c.bm25);
    }
    for (const auto& c : candidates) {
        if (c.bm25 >= 0.5 * best && best > 0.0) {
            ids.push_back(c.memory.id);
        }
    }
    return ids;
}

// The extracted facts that are new, or change what is known (compared without case).
std::vector<FactChange> fact_changes(const memory::Extraction& extraction,
                                     const std::vector<Memory>& facts) {
    std::vector<FactChange> changes;
    for (const auto& fact : extraction.facts) {
        const auto current = std::find_if(facts.begin(), facts.end(), [&](const Memory& m) {
            return core::to_lower(m.slot) == core::to_lower(fact.slot);
        });
        if (current == facts.end()) {
            changes.push_back(FactChange{.fact = fact, .previous = std::nullopt});
        } else if (core::to_lower(current->value) != core::to_lower(fact.value)) {
            changes.push_back(FactChange{.fact = fact, .previous = *current});
        }
    }
    return changes;
}

} // namespace

std::vector<std::int64_t> mentioned_events(const std::vector<Memory>& events,
                                           const std::string& reply) {
    std::vector<std::int64_t> ids;
    for (const Memory& e : events) {
        if (!e.value.empty() && core::contains(reply, e.value)) {
            ids.push_back(e.id);
        }
    }
    return ids;
}

std::string person_name(const std::vector<Memory>& facts) {
    for (const Memory& f : facts) {
        if (f.slot == "name") {
            return f.value;
        }
    }
    return "";
}

Result<Recall> recall(const Perception& perception,
                      const memory::Extraction& extraction,
                      std::int64_t person_id,
                      Moment now,
                      memory::MemoryStore& memories,
                      TurnStore& turns) {
    const CivilDate today = core::local_date(now);
    Recall found;
    auto facts = memories.current_facts(person_id);
    if (!facts) {
        return facts.error();
    }
    found.facts = std::move(*facts);
    auto nearby =
        memories.events_between(person_id, core::add_days(today, -1), core::add_days(today, 7));
    if (!nearby) {
        return nearby.error();
    }
    found.nearby_events = std::move(*nearby);
    auto recalled = memory::find_memories(memories,
                                          person_id,
                                          perception.text,
                                          now,
                                          perception.emotion.valence,
                                          found.facts,
                                          memory::RetrievalWeights{.matched = recall_matched},
                                          recall_limit);
    if (!recalled) {
        return recalled.error();
    }
    found.recalled = std::move(*recalled);
    if (extraction.forget) {
        auto ids = forget_targets(memories, turns, person_id, *extraction.forget);
        if (!ids) {
            return ids.error();
        }
        found.forget_ids = std::move(*ids);
        for (const auto id : found.forget_ids) {
            if (auto m = memories.find(person_id, id)) {
                found.forget_matches.push_back(std::move(*m));
            }
        }
        found.recalled.clear();
    }
    found.name = person_name(found.facts);
    for (const auto& fact : extraction.facts) {
        if (fact.slot == "name") {
            found.name = fact.value;
        }
    }
    found.new_facts = fact_changes(extraction, found.facts);
    for (const auto& event : extraction.events) {
        const bool known = std::any_of(
            found.nearby_events.begin(), found.nearby_events.end(), [&](const Memory& m) {
                return m.date == event.date && m.value == event.title;
            });
        if (!known) {
            found.new_events.push_back(event);
        }
    }
    return found;
}

} // namespace samantha::dialogue
