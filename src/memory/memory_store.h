#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
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

// The version of the index documents that memory/terms.cpp makes. When the analysis changes,
// this number goes up and ensure_index() rebuilds every person's index from the ledger.
inline constexpr std::int64_t index_version = 1;

// What a search found: the best candidates by the index's BM25, with their documents, and the
// person's index statistics for ranking them (memory/retrieval.h).
struct Matches {
    std::vector<Candidate> candidates;
    IndexStats stats;
};

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

    // Current memories matching any of `terms` (memory/terms.h) in their own words or their
    // window's, best BM25 first, at most `limit`, with the statistics of every term. Empty terms
    // give no candidates. Terms held by so many memories that together they would exceed
    // `max_matched` (by default max_matched_memories) do not choose candidates, rarest kept first
    // (docs/memory.md); they still count in the statistics, so ranking weighs them. The index
    // scores every matched memory, so `max_matched` bounds the search's cost.
    Result<Matches> search(std::int64_t person_id,
                           const std::vector<WeightedTerm>& terms,
                           std::size_t limit,
                           std::int64_t max_matched = max_matched_memories);

    // search() with every term weighing 1.
    Result<Matches>
    search(std::int64_t person_id, const std::vector<std::string>& terms, std::size_t limit);

    // Rebuilds the whole index (every person's terms, windows, term counts and statistics) when
    // it was built by another version of the analysis than index_version, as after the
    // migration that added windows. Idempotent; cheap when the index is current.
    Result<void> ensure_index();

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

    // The terms of a memory's neighbours in its window (space-separated, person-prefixed).
    struct Window {
        std::string before;
        std::string after;
    };

    // Adds a memory's search document (and its window) to the index, its terms to the term
    // counts and the person's statistics.
    Result<void> index(std::int64_t person_id,
                       std::int64_t id,
                       const std::string& document,
                       const Window& window);

    // Takes a memory out of the index, the term counts and the statistics (no-op when it is not
    // indexed).
    Result<void> unindex(std::int64_t person_id, std::int64_t id);

    // The episodes just before and after an episode in its conversation (0 when none).
    Result<std::pair<std::int64_t, std::int64_t>> neighbours(std::int64_t person_id,
                                                             std::int64_t source_turn_id);

    // An indexed memory's own terms ("" for id 0 or a memory out of the index).
    Result<std::string> own_terms(std::int64_t id);

    // Sets the sides of an indexed memory's window that are given, and the statistics.
    Result<void> set_window(std::int64_t person_id,
                            std::int64_t id,
                            const std::optional<std::string>& before,
                            const std::optional<std::string>& after);

    // Sets an indexed memory's window to its neighbours' terms, as they are now.
    Result<void> refresh_window(std::int64_t person_id, std::int64_t id);

    // Adds a new episode to its window: it gets the previous episode's terms before it, and the
    // previous episode gets its terms after.
    Result<void> join_window(std::int64_t person_id, std::int64_t id, std::int64_t source_turn_id);

    // Adds to the person's index statistics.
    Result<void> add_stats(std::int64_t person_id,
                           std::int64_t memories,
                           std::int64_t terms,
                           std::int64_t context_terms);

    storage::Database& m_db;
};

} // namespace samantha::memory
