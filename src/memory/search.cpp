#include "memory/search.h"

#include "core/time.h"
#include "memory/retrieval_query.h"
#include "memory/slot.h"

namespace samantha::memory {

std::vector<std::string> known_names(const std::vector<Memory>& facts) {
    std::vector<std::string> names;
    for (const Memory& fact : facts) {
        if (fact.kind != MemoryKind::Fact || fact.valid_to || fact.value.empty()) {
            continue;
        }
        const Slot slot = parse_slot(fact.slot);
        if (fact.slot == "name" || (slot.kind == SlotKind::Person && !slot.object.empty())) {
            names.push_back(fact.value);
        }
    }
    return names;
}

Result<std::vector<RecalledMemory>> find_memories(MemoryStore& store,
                                                  std::int64_t person_id,
                                                  std::string_view text,
                                                  Moment now,
                                                  float valence,
                                                  const std::vector<Memory>& facts,
                                                  const RetrievalWeights& weights,
                                                  std::size_t limit) {
    const CivilDate today = core::local_date(now);
    const SearchQuery query = analyse_query(text, today, known_names(facts), weights.synonym);
    auto matches = store.search(person_id, query.terms, weights.candidates, weights.matched);
    if (!matches) {
        return matches.error();
    }
    const RankContext context{
        .now = now.utc, .today = today, .utc_offset = now.utc_offset, .valence = valence};
    return rank_memories(query, matches->candidates, matches->stats, context, weights, limit);
}

} // namespace samantha::memory
