#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "memory/retrieval.h"
#include "storage/database.h"

// The memory ledger in the database: episodes, facts with validity times, dated events, and the
// search index. The only file of memory/ that touches storage.
namespace samantha::memory {

// A memory to store.
struct NewMemory {
    MemoryKind kind = MemoryKind::Episode;
    std::string slot;
    std::string value;
    std::string text;
    Language language = Language::English;
    float importance = 0.3f;
    float valence = 0.0f;
    std::optional<CivilDate> date;
    std::int64_t source_turn_id = 0;
};

// What remember() did.
struct Remembered {
    std::int64_t id = 0;
    bool is_new = false;              // false when the same fact or event was already known
    std::optional<Memory> superseded; // the fact this one replaced, if any
};

// The most memories one search ranks; it bounds the cost of a search at any ledger size.
inline constexpr std::int64_t max_matched_memories = 2000;

// Whether a listing includes superseded facts.
enum class History { CurrentOnly, Included };

// Reads and writes one database's memories. Not thread-safe; the writes are meant to run inside
// the turn's transaction, which the caller holds.
class MemoryStore {
public:
    explicit MemoryStore(storage::Database& db)
        : m_db(db) {}

    // Current (not superseded) facts of a person, oldest first.
    Result<std::vector<Memory>> current_facts(std::int64_t person_id);

    // Events dated within [from, to], soonest first.
    Result<std::vector<Memory>>
    events_between(std::int64_t person_id, CivilDate from, CivilDate to);

    // Current memories matching any of `terms` (memory/terms.h), best BM25 first, at most
    // `limit`. Empty terms give no candidates. Terms held by so many memories that together they
    // would exceed max_matched_memories are left out, rarest kept first (docs/memory.md).
    Result<std::vector<Candidate>>
    search(std::int64_t person_id, const std::vector<std::string>& terms, std::size_t limit);

    // The whole ledger of a person, facts first, then events by date, then episodes by time.
    Result<std::vector<Memory>> list(std::int64_t person_id, History history);

    // One memory of the person, or NotFound.
    Result<Memory> find(std::int64_t person_id, std::int64_t id);

    // Number of memories (all kinds, current and history) of the person.
    Result<std::int64_t> count(std::int64_t person_id);

    // Stores a memory. Slots compare without ASCII case. A fact whose slot holds a different
    // value ends that fact (valid_to = now)
    // and links it to the new one; the same value again only refreshes it. An event with the same
    // text and date as a stored one is not stored twice.
    Result<Remembered>
    remember(std::int64_t person_id, const NewMemory& memory, std::chrono::sys_seconds now);

    // Erases memories for good: the rows, their search terms, the history of a forgotten fact's
    // slot, the message it came from (or, for a message, what was learned from it), and the
    // message text in the turn log. Returns what
    // was erased. Ids that are not the person's are ignored.
    Result<std::vector<Memory>> forget(std::int64_t person_id,
                                       const std::vector<std::int64_t>& ids);

    // Corrects one current memory in place (Conversation::correct in <samantha/engine.h>): the
    // words are already valid text. Returns the memory as it now stands.
    Result<Memory> correct(std::int64_t person_id,
                           std::int64_t id,
                           const std::optional<std::string>& words,
                           const std::optional<CivilDate>& date);

    // Erases every memory of the person, with their search terms and term counts.
    Result<void> erase_all(std::int64_t person_id);

    // Records that memories were recalled now (refreshes their recency).
    Result<void> mark_recalled(std::int64_t person_id,
                               const std::vector<std::int64_t>& ids,
                               std::chrono::sys_seconds now);

private:
    Result<std::vector<Memory>> select(std::string_view where_and_order,
                                       const std::vector<storage::Value>& params);

    Result<void> erase(std::int64_t person_id, const Memory& memory);

    // Adds a memory's search document to the index and its terms to the term counts.
    Result<void> index(std::int64_t id, const std::string& document);

    // Takes a memory out of the index and the term counts (no-op when it is not indexed).
    Result<void> unindex(std::int64_t id);

    storage::Database& m_db;
};

} // namespace samantha::memory
