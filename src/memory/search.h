#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/clock.h>
#include <samantha/result.h>
#include <samantha/types.h>

#include "memory/memory_store.h"
#include "memory/retrieval.h"

// Finding memories for a text: the one path that the chat's recall and the person's own search
// (`samantha memory search`, GET /v1/memories/search) share (docs/memory.md, "Retrieval").
namespace samantha::memory {

// The names among `facts` (the person's own, their people's and pets'), for entity boosts.
std::vector<std::string> known_names(const std::vector<Memory>& facts);

// The person's best `limit` current memories for `text` at `now`, best first: the text is
// analysed (memory/retrieval_query.h) with the names among `facts`, the index searched and the
// candidates ranked with `weights` for a person whose valence is `valence`. Errors are the
// store's.
[[nodiscard]] Result<std::vector<RecalledMemory>> find_memories(MemoryStore& store,
                                                                std::int64_t person_id,
                                                                std::string_view text,
                                                                Moment now,
                                                                float valence,
                                                                const std::vector<Memory>& facts,
                                                                const RetrievalWeights& weights,
                                                                std::size_t limit);

} // namespace samantha::memory
