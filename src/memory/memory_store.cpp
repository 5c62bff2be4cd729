#include "memory/memory_store.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "core/time.h"
#include "memory/extraction.h"
#include "memory/terms.h"

namespace samantha::memory {

namespace {

using storage::Value;

constexpr std::string_view memory_columns =
    "m.id, m.kind, m.slot, m.value, m.text, m.language, m.importance, m.valence, m.created_at, "
    "m.valid_to, m.event_date, m.source_turn_id, m.last_recalled_at";

MemoryKind parse_kind(const std::string& kind) {
    if (kind == "fact") {
        return MemoryKind::Fact;
    }
    return kind == "event" ? MemoryKind::Event : MemoryKind::Episode;
}

Memory to_memory(const storage::Row& row) {
    Memory m;
    m.id = row.integer(0);
    m.kind = parse_kind(row.text(1));
    m.slot = row.text(2);
    m.value = row.text(3);
    m.text = row.text(4);
    m.language = row.text(5) == "ko" ? Language::Korean : Language::English;
    m.importance = static_cast<float>(row.real(6));
    m.valence = static_cast<float>(row.real(7));
    m.created_at = std::chrono::sys_seconds{std::chrono::seconds{row.integer(8)}};
    if (!row.is_null(9)) {
        m.valid_to = std::chrono::sys_seconds{std::chrono::seconds{row.integer(9)}};
    }
    if (!row.is_null(10)) {
        if (auto date = core::parse_date(row.text(10))) {
            m.date = *date;
        }
    }
    m.source_turn_id = row.integer(11);
    if (!row.is_null(12)) {
        m.last_recalled_at = std::chrono::sys_seconds{std::chrono::seconds{row.integer(12)}};
    }
    return m;
}

// The space-separated terms of a search document as a JSON array, for one statement that counts
// them all. Terms are letters, digits, Hangul and '_' (memory/terms.h): nothing to escape.
std::string json_array(std::string_view document) {
    std::string out = "[";
    std::size_t start = 0;
    while (start < document.size()) {
        const auto space = document.find(' ', start);
        const auto end = space == std::string_view::npos ? document.size() : space;
        if (end > start) {
            out += out.size() > 1 ? ",\"" : "\"";
            out.append(document.substr(start, end - start));
            out += '"';
        }
        start = end + 1;
    }
    return out + "]";
}

std::int64_t seconds(std::chrono::sys_seconds t) {
    return t.time_since_epoch().count();
}

// A query matching any of the (already person-prefixed) terms. Terms come from split_words,
// which never yields a double quote; quoting makes each a plain string to FTS5, so no user text
// is read as query syntax.
std::string fts_query(const std::vector<std::string>& terms) {
    std::string query;
    for (const auto& term : terms) {
        query += (query.empty() ? "\"" : " OR \"") + term + "\"";
    }
    return query;
}

// How many space-separated terms a document holds.
std::int64_t term_count(std::string_view document) {
    if (document.empty()) {
        return 0;
    }
    return static_cast<std::int64_t>(std::count(document.begin(), document.end(), ' ')) + 1;
}

// A stored document without the person prefix of each term ("p12_coffee p12_jazz" → "coffee
// jazz").
std::string without_prefix(std::string_view document, std::string_view prefix) {
    std::string out;
    out.reserve(document.size());
    std::size_t start = 0;
    while (start < document.size()) {
        auto end = document.find(' ', start);
        if (end == std::string_view::npos) {
            end = document.size();
        }
        std::string_view term = document.substr(start, end - start);
        if (term.starts_with(prefix)) {
            term.remove_prefix(prefix.size());
        }
        if (!term.empty()) {
            if (!out.empty()) {
                out += ' ';
            }
            out.append(term);
        }
        start = end + 1;
    }
    return out;
}

std::string search_document(std::int64_t person_id, const NewMemory& memory) {
    const std::string prefix = person_prefix(person_id);
    std::string source = memory.text;
    if (memory.kind == MemoryKind::Fact) {
        source += " " + memory.value + " " + core::replace_all(memory.slot, ":", " ");
    }
    std::string doc;
    for (const auto& term : index_terms(source)) {
        doc += (doc.empty() ? "" : " ") + prefix + term;
    }
    return doc;
}

} // namespace

Result<std::vector<Memory>> MemoryStore::select(std::string_view where_and_order,
                                                const std::vector<Value>& params) {
    auto rows = m_db.query(
        fmt::format("SELECT {} FROM memories m WHERE {}", memory_columns, where_and_order), params);
    if (!rows) {
        return rows.error();
    }
    std::vector<Memory> out;
    out.reserve(rows->size());
    for (const auto& row : *rows) {
        out.push_back(to_memory(row));
    }
    return out;
}

Result<std::vector<Memory>> MemoryStore::current_facts(std::int64_t person_id) {
    // ORDER BY slot lets the planner answer from the partial index of current facts instead of
    // walking every memory of the person; the caller gets them in the order they were learned.
    auto facts = select(
        "m.person_id = ? AND m.kind = 'fact' AND m.valid_to IS NULL ORDER BY m.slot COLLATE NOCASE",
        {person_id});
    if (facts) {
        std::sort(facts->begin(), facts->end(), [](const Memory& a, const Memory& b) {
            return a.id < b.id;
        });
    }
    return facts;
}

Result<std::vector<Memory>>
MemoryStore::events_between(std::int64_t person_id, CivilDate from, CivilDate to) {
    return select("m.person_id = ? AND m.kind = 'event' AND m.event_date BETWEEN ? AND ? "
                  "ORDER BY m.event_date, m.id",
                  {person_id, core::format_date(from), core::format_date(to)});
}

Result<Matches> MemoryStore::search(std::int64_t person_id,
                                    const std::vector<std::string>& terms,
                                    std::size_t limit) {
    std::vector<WeightedTerm> weighted;
    weighted.reserve(terms.size());
    for (const auto& term : terms) {
        weighted.push_back(WeightedTerm{.term = term, .weight = 1.0f});
    }
    return search(person_id, weighted, limit);
}

Result<Matches> MemoryStore::search(std::int64_t person_id,
                                    const std::vector<WeightedTerm>& terms,
                                    std::size_t limit,
                                    std::int64_t max_matched) {
    Matches out;
    if (terms.empty()) {
        return out;
    }
    // Leave out terms too common to tell memories apart: ranking every memory that says "work"
    // costs time in proportion to their number, and BM25 gives such terms almost no weight
    // (their IDF tends to zero). Rarest terms first, while their memories stay within budget.
    const std::string prefix = person_prefix(person_id);
    std::string placeholders;
    std::vector<Value> prefixed;
    for (const auto& term : terms) {
        placeholders += placeholders.empty() ? "?" : ", ?";
        prefixed.emplace_back(prefix + term.term);
    }
    auto counts =
        m_db.query(fmt::format("SELECT term, memories FROM memory_term_counts WHERE term IN ({}) "
                               "AND memories > 0 ORDER BY memories",
                               placeholders),
                   prefixed);
    if (!counts) {
        return counts.error();
    }
    std::vector<std::string> chosen;
    std::int64_t budget = max_matched;
    for (const auto& row : *counts) {
        const std::int64_t documents = row.integer(1);
        out.stats.holding.emplace(row.text(0).substr(prefix.size()), documents);
        if (documents <= budget) {
            budget -= documents;
            chosen.push_back(row.text(0));
        } else {
            budget = 0; // rarest first: once one is too common, so are the rest
        }
    }
    if (chosen.empty()) {
        return out;
    }
    auto stats = m_db.query(
        "SELECT memories, terms, context_terms FROM memory_index_stats WHERE person_id = ?",
        {person_id});
    if (!stats) {
        return stats.error();
    }
    if (!stats->empty()) {
        const auto& row = stats->front();
        out.stats.memories = row.integer(0);
        if (out.stats.memories > 0) {
            const auto n = static_cast<double>(out.stats.memories);
            out.stats.mean_terms = static_cast<double>(row.integer(1)) / n;
            out.stats.mean_context_terms = static_cast<double>(row.integer(2)) / n;
        }
    }
    // The index's own BM25 (a match in the memory's words counts twice one in its neighbours')
    // only picks the candidates; memory/retrieval.cpp ranks them.
    auto rows = m_db.query(
        fmt::format("SELECT {}, t.score, f.terms, f.before, f.after, "
                    "COALESCE(u.conversation_id, 0) FROM (SELECT rowid AS id, "
                    "-bm25(memory_terms, 1.0, 0.5, 0.5) AS score FROM memory_terms WHERE "
                    "memory_terms MATCH ? ORDER BY score DESC LIMIT ?) t JOIN memories m ON "
                    "m.id = t.id JOIN memory_terms f ON f.rowid = t.id LEFT JOIN turns u ON "
                    "u.id = m.source_turn_id WHERE m.valid_to IS NULL ORDER BY t.score DESC",
                    memory_columns),
        {fts_query(chosen), static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    out.candidates.reserve(rows->size());
    for (const auto& row : *rows) {
        out.candidates.push_back(Candidate{.memory = to_memory(row),
                                           .bm25 = row.real(13),
                                           .terms = without_prefix(row.text(14), prefix),
                                           .before = without_prefix(row.text(15), prefix),
                                           .after = without_prefix(row.text(16), prefix),
                                           .conversation_id = row.integer(17)});
    }
    return out;
}

Result<std::vector<Memory>> MemoryStore::list(std::int64_t person_id, History history) {
    const std::string_view filter = history == History::Included ? "" : " AND m.valid_to IS NULL";
    return select(
        fmt::format("m.person_id = ?{} ORDER BY CASE m.kind WHEN 'fact' THEN 0 WHEN 'event' "
                    "THEN 1 ELSE 2 END, m.event_date, m.id",
                    filter),
        {person_id});
}

Result<Memory> MemoryStore::find(std::int64_t person_id, std::int64_t id) {
    auto found = select("m.person_id = ? AND m.id = ?", {person_id, id});
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return make_error(ErrorCode::NotFound, fmt::format("memory {}: no such memory", id));
    }
    return std::move(found->front());
}

Result<std::int64_t> MemoryStore::count(std::int64_t person_id) {
    auto rows = m_db.query("SELECT COUNT(*) FROM memories WHERE person_id = ?", {person_id});
    if (!rows) {
        return rows.error();
    }
    return rows->at(0).integer(0);
}

Result<Remembered> MemoryStore::remember(std::int64_t person_id,
                                         const NewMemory& memory,
                                         std::chrono::sys_seconds now) {
    Remembered result;
    if (memory.kind == MemoryKind::Fact) {
        auto current = select("m.person_id = ? AND m.kind = 'fact' AND m.slot = ? COLLATE NOCASE "
                              "AND m.valid_to IS NULL",
                              {person_id, memory.slot});
        if (!current) {
            return current.error();
        }
        if (!current->empty()) {
            const Memory& old = current->front();
            if (core::to_lower(old.value) == core::to_lower(memory.value)) {
                result.id = old.id;
                return result;
            }
            result.superseded = old;
        }
    } else if (memory.kind == MemoryKind::Event && memory.date) {
        auto same = m_db.query("SELECT id FROM memories WHERE person_id = ? AND kind = 'event' AND "
                               "event_date = ? AND value = ?",
                               {person_id, core::format_date(*memory.date), memory.value});
        if (!same) {
            return same.error();
        }
        if (!same->empty()) {
            result.id = same->front().integer(0);
            return result;
        }
    }
    Value date;
    if (memory.date) {
        date = core::format_date(*memory.date);
    }
    Value source;
    if (memory.source_turn_id > 0) {
        source = memory.source_turn_id;
    }
    auto inserted = m_db.query(
        "INSERT INTO memories (person_id, kind, slot, value, text, language, importance, valence, "
        "created_at, event_date, source_turn_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {person_id,
         std::string(memory_kind_name(memory.kind)),
         memory.slot,
         memory.value,
         memory.text,
         std::string(language_code(memory.language)),
         static_cast<double>(memory.importance),
         static_cast<double>(memory.valence),
         seconds(now),
         date,
         source});
    if (!inserted) {
        return inserted.error();
    }
    result.id = inserted->at(0).integer(0);
    result.is_new = true;
    if (auto indexed = index(person_id, result.id, search_document(person_id, memory), {});
        !indexed) {
        return indexed.error();
    }
    if (memory.kind == MemoryKind::Episode && memory.source_turn_id > 0) {
        if (auto joined = join_window(person_id, result.id, memory.source_turn_id); !joined) {
            return joined.error();
        }
    }
    if (result.superseded) {
        auto ended = m_db.query("UPDATE memories SET valid_to = ?, superseded_by = ? WHERE id = ?",
                                {seconds(now), result.id, result.superseded->id});
        if (!ended) {
            return ended.error();
        }
        // A superseded fact is history: it stays in the ledger but leaves the search index.
        if (auto unindexed = unindex(person_id, result.superseded->id); !unindexed) {
            return unindexed.error();
        }
    }
    return result;
}

Result<void> MemoryStore::index(std::int64_t person_id,
                                std::int64_t id,
                                const std::string& document,
                                const Window& window) {
    if (auto indexed =
            m_db.query("INSERT INTO memory_terms (rowid, terms, before, after) VALUES (?, ?, ?, ?)",
                       {id, document, window.before, window.after});
        !indexed) {
        return indexed.error();
    }
    auto counted = m_db.query(
        "INSERT INTO memory_term_counts (term, memories) SELECT value, 1 FROM json_each(?) "
        "WHERE true ON CONFLICT (term) DO UPDATE SET memories = memories + 1",
        {json_array(document)});
    if (!counted) {
        return counted.error();
    }
    return add_stats(
        person_id, 1, term_count(document), term_count(window.before) + term_count(window.after));
}

Result<void> MemoryStore::unindex(std::int64_t person_id, std::int64_t id) {
    auto document =
        m_db.query("SELECT terms, before, after FROM memory_terms WHERE rowid = ?", {id});
    if (!document) {
        return document.error();
    }
    if (document->empty()) {
        return {}; // already out of the index (a superseded fact)
    }
    const std::string terms = document->front().text(0);
    const std::int64_t context =
        term_count(document->front().text(1)) + term_count(document->front().text(2));
    auto counted = m_db.query("UPDATE memory_term_counts SET memories = memories - 1 "
                              "WHERE term IN (SELECT value FROM json_each(?))",
                              {json_array(terms)});
    if (!counted) {
        return counted.error();
    }
    auto removed = m_db.query("DELETE FROM memory_terms WHERE rowid = ?", {id});
    if (!removed) {
        return removed.error();
    }
    return add_stats(person_id, -1, -term_count(terms), -context);
}

Result<void> MemoryStore::add_stats(std::int64_t person_id,
                                    std::int64_t memories,
                                    std::int64_t terms,
                                    std::int64_t context_terms) {
    auto added =
        m_db.query("INSERT INTO memory_index_stats (person_id, memories, terms, context_terms) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET "
                   "memories = memories + excluded.memories, terms = terms + excluded.terms, "
                   "context_terms = context_terms + excluded.context_terms",
                   {person_id, memories, terms, context_terms});
    if (!added) {
        return added.error();
    }
    return {};
}

Result<std::pair<std::int64_t, std::int64_t>> MemoryStore::neighbours(std::int64_t person_id,
                                                                      std::int64_t source_turn_id) {
    std::pair<std::int64_t, std::int64_t> found{0, 0};
    if (source_turn_id <= 0) {
        return found;
    }
    // The turns of the same conversation, walked from the episode's own outwards
    // (turns_by_conversation), to the first one that left an episode.
    for (const bool before : {true, false}) {
        auto rows = m_db.query(
            fmt::format("SELECT m.id FROM turns t JOIN memories m ON m.source_turn_id = t.id "
                        "WHERE t.conversation_id = (SELECT conversation_id FROM turns WHERE id = "
                        "?) AND t.id {} ? AND m.kind = 'episode' AND m.person_id = ? "
                        "ORDER BY t.id {} LIMIT 1",
                        before ? "<" : ">",
                        before ? "DESC" : "ASC"),
            {source_turn_id, source_turn_id, person_id});
        if (!rows) {
            return rows.error();
        }
        if (!rows->empty()) {
            (before ? found.first : found.second) = rows->front().integer(0);
        }
    }
    return found;
}

Result<void> MemoryStore::set_window(std::int64_t person_id,
                                     std::int64_t id,
                                     const std::optional<std::string>& before,
                                     const std::optional<std::string>& after) {
    auto current = m_db.query("SELECT before, after FROM memory_terms WHERE rowid = ?", {id});
    if (!current) {
        return current.error();
    }
    if (current->empty()) {
        return {};
    }
    const Window old{.before = current->front().text(0), .after = current->front().text(1)};
    const Window next{.before = before.value_or(old.before), .after = after.value_or(old.after)};
    if (next.before == old.before && next.after == old.after) {
        return {};
    }
    if (auto updated = m_db.query("UPDATE memory_terms SET before = ?, after = ? WHERE rowid = ?",
                                  {next.before, next.after, id});
        !updated) {
        return updated.error();
    }
    return add_stats(person_id,
                     0,
                     0,
                     term_count(next.before) + term_count(next.after) - term_count(old.before) -
                         term_count(old.after));
}

Result<std::string> MemoryStore::own_terms(std::int64_t id) {
    if (id == 0) {
        return std::string();
    }
    auto terms = m_db.query("SELECT terms FROM memory_terms WHERE rowid = ?", {id});
    if (!terms) {
        return terms.error();
    }
    return terms->empty() ? std::string() : terms->front().text(0);
}

Result<void> MemoryStore::refresh_window(std::int64_t person_id, std::int64_t id) {
    auto source = m_db.query("SELECT source_turn_id FROM memories WHERE id = ?", {id});
    if (!source) {
        return source.error();
    }
    if (source->empty()) {
        return {};
    }
    auto around = neighbours(person_id, source->front().integer(0));
    if (!around) {
        return around.error();
    }
    auto before = own_terms(around->first);
    auto after = own_terms(around->second);
    if (!before || !after) {
        return !before ? before.error() : after.error();
    }
    return set_window(person_id, id, *before, *after);
}

Result<void>
MemoryStore::join_window(std::int64_t person_id, std::int64_t id, std::int64_t source_turn_id) {
    auto around = neighbours(person_id, source_turn_id);
    if (!around) {
        return around.error();
    }
    if (around->second != 0) {
        // Not the newest message of its conversation (an import): recompute all three.
        for (const std::int64_t m : {id, around->first, around->second}) {
            if (m == 0) {
                continue;
            }
            if (auto refreshed = refresh_window(person_id, m); !refreshed) {
                return refreshed.error();
            }
        }
        return {};
    }
    if (around->first == 0) {
        return {};
    }
    auto previous = own_terms(around->first);
    auto own = own_terms(id);
    if (!previous || !own) {
        return !previous ? previous.error() : own.error();
    }
    if (auto joined_before = set_window(person_id, id, *previous, std::nullopt); !joined_before) {
        return joined_before.error();
    }
    return set_window(person_id, around->first, std::nullopt, *own);
}

Result<void> MemoryStore::erase(std::int64_t person_id, const Memory& memory) {
    std::pair<std::int64_t, std::int64_t> around{0, 0};
    if (memory.kind == MemoryKind::Episode) {
        auto found = neighbours(person_id, memory.source_turn_id);
        if (!found) {
            return found.error();
        }
        around = *found;
    }
    if (auto unindexed = unindex(person_id, memory.id); !unindexed) {
        return unindexed.error();
    }
    for (const char* sql : {"UPDATE memories SET superseded_by = NULL WHERE superseded_by = ?",
                            "DELETE FROM memories WHERE id = ?"}) {
        if (auto done = m_db.query(sql, {memory.id}); !done) {
            return done.error();
        }
    }
    // The neighbours' windows held the forgotten words: they now join each other instead.
    for (const std::int64_t neighbour : {around.first, around.second}) {
        if (neighbour == 0) {
            continue;
        }
        if (auto refreshed = refresh_window(person_id, neighbour); !refreshed) {
            return refreshed.error();
        }
    }
    if (memory.source_turn_id > 0) {
        auto redacted =
            m_db.query("UPDATE turns SET user_text = '[forgotten]' WHERE id = ? AND person_id = ?",
                       {memory.source_turn_id, person_id});
        if (!redacted) {
            return redacted.error();
        }
    }
    return {};
}

Result<std::vector<Memory>> MemoryStore::forget(std::int64_t person_id,
                                                const std::vector<std::int64_t>& ids) {
    std::vector<Memory> erased;
    const auto already = [&](std::int64_t id) {
        return std::any_of(
            erased.begin(), erased.end(), [id](const Memory& m) { return m.id == id; });
    };
    for (const std::int64_t id : ids) {
        if (already(id)) {
            continue;
        }
        auto target = find(person_id, id);
        if (!target) {
            if (target.error().code == ErrorCode::NotFound) {
                continue;
            }
            return target.error();
        }
        std::vector<Memory> related{*target};
        if (target->kind == MemoryKind::Fact) {
            auto history = select(
                "m.person_id = ? AND m.kind = 'fact' AND m.slot = ? COLLATE NOCASE AND m.id != ?",
                {person_id, target->slot, id});
            if (!history) {
                return history.error();
            }
            related.insert(related.end(), history->begin(), history->end());
        }
        if (target->source_turn_id > 0) {
            // Forgetting a fact or event also forgets the message it came from; forgetting a
            // message also forgets what was learned from it.
            const std::string_view kinds =
                target->kind == MemoryKind::Episode ? "" : " AND m.kind = 'episode'";
            auto episode = select(
                fmt::format("m.person_id = ? AND m.source_turn_id = ? AND m.id != ?{}", kinds),
                {person_id, target->source_turn_id, id});
            if (!episode) {
                return episode.error();
            }
            related.insert(related.end(), episode->begin(), episode->end());
        }
        for (const Memory& m : related) {
            if (already(m.id)) {
                continue;
            }
            if (auto done = erase(person_id, m); !done) {
                return done.error();
            }
            erased.push_back(m);
        }
    }
    return erased;
}

Result<Memory> MemoryStore::correct(std::int64_t person_id,
                                    std::int64_t id,
                                    const std::optional<std::string>& words,
                                    const std::optional<CivilDate>& date) {
    auto found = find(person_id, id);
    if (!found) {
        return found.error();
    }
    const Memory& old = *found;
    if (old.valid_to) {
        return make_error(ErrorCode::Conflict,
                          fmt::format("memory {}: a superseded fact is history; correct the "
                                      "current one",
                                      id));
    }
    if (date && old.kind != MemoryKind::Event) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("date: memory {} is a {}; only an event has a date",
                                      id,
                                      memory_kind_name(old.kind)));
    }
    NewMemory next{.kind = old.kind,
                   .slot = old.slot,
                   .value = old.value,
                   .text = old.text,
                   .language = old.language,
                   .date = date ? date : old.date};
    if (old.kind == MemoryKind::Fact) {
        if (words) {
            std::tie(next.slot, next.value) = corrected_fact(old.slot, old.value, *words);
        }
        next.text = fact_text(next.slot, next.value, next.language);
        if (core::to_lower(next.slot) != core::to_lower(old.slot)) {
            auto taken = select("m.person_id = ? AND m.kind = 'fact' AND m.slot = ? COLLATE "
                                "NOCASE AND m.valid_to IS NULL",
                                {person_id, next.slot});
            if (!taken) {
                return taken.error();
            }
            if (!taken->empty()) {
                return make_error(ErrorCode::Conflict,
                                  fmt::format("memory {}: memory {} already says \"{}\"",
                                              id,
                                              taken->front().id,
                                              taken->front().text));
            }
        }
    } else if (old.kind == MemoryKind::Event) {
        if (words) {
            next.value = *words;
        }
        next.text = next.date ? fmt::format("{} ({})", next.value, core::format_date(*next.date))
                              : next.value;
    } else if (words) {
        next.text = *words;
    }
    Value event_date;
    if (next.date) {
        event_date = core::format_date(*next.date);
    }
    auto updated = m_db.query(
        "UPDATE memories SET slot = ?, value = ?, text = ?, event_date = ? WHERE id = ? AND "
        "person_id = ?",
        {next.slot, next.value, next.text, event_date, id, person_id});
    if (!updated) {
        return updated.error();
    }
    auto window = m_db.query("SELECT before, after FROM memory_terms WHERE rowid = ?", {id});
    if (!window) {
        return window.error();
    }
    const Window kept = window->empty() ? Window{}
                                        : Window{.before = window->front().text(0),
                                                 .after = window->front().text(1)};
    if (auto unindexed = unindex(person_id, id); !unindexed) {
        return unindexed.error();
    }
    if (auto indexed = index(person_id, id, search_document(person_id, next), kept); !indexed) {
        return indexed.error();
    }
    if (old.kind == MemoryKind::Episode) {
        // The neighbours' windows held the mistaken words.
        auto around = neighbours(person_id, old.source_turn_id);
        if (!around) {
            return around.error();
        }
        for (const std::int64_t neighbour : {around->first, around->second}) {
            if (neighbour == 0) {
                continue;
            }
            if (auto refreshed = refresh_window(person_id, neighbour); !refreshed) {
                return refreshed.error();
            }
        }
    }
    return find(person_id, id);
}

Result<void> MemoryStore::erase_all(std::int64_t person_id) {
    // Every search term of the person carries their prefix, so their term counts go by range.
    const std::string prefix = person_prefix(person_id);
    for (const auto& [sql, param] :
         {std::pair<const char*, Value>{"DELETE FROM memory_terms WHERE rowid IN (SELECT id FROM "
                                        "memories WHERE person_id = ?)",
                                        person_id},
          {"DELETE FROM memory_term_counts WHERE term GLOB ?", prefix + "*"},
          {"DELETE FROM memory_index_stats WHERE person_id = ?", person_id},
          {"UPDATE memories SET superseded_by = NULL WHERE person_id = ?", person_id},
          {"DELETE FROM memories WHERE person_id = ?", person_id}}) {
        if (auto done = m_db.query(sql, {param}); !done) {
            return done.error();
        }
    }
    return {};
}

Result<void> MemoryStore::ensure_index() {
    auto version = m_db.query("SELECT version FROM memory_index_version");
    if (!version) {
        return version.error();
    }
    if (!version->empty() && version->front().integer(0) == index_version) {
        return {};
    }
    auto tx = storage::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    for (const char* sql : {"DELETE FROM memory_terms",
                            "DELETE FROM memory_term_counts",
                            "DELETE FROM memory_index_stats",
                            "DELETE FROM memory_index_version"}) {
        if (auto done = m_db.query(sql); !done) {
            return done.error();
        }
    }
    auto rows =
        m_db.query("SELECT m.id, m.person_id, m.kind, m.slot, m.value, m.text, "
                   "COALESCE(t.conversation_id, 0) FROM memories m LEFT JOIN turns t ON "
                   "t.id = m.source_turn_id WHERE m.valid_to IS NULL ORDER BY m.person_id, m.id");
    if (!rows) {
        return rows.error();
    }
    std::vector<std::string> documents;
    documents.reserve(rows->size());
    // The episodes of each conversation, in order: a window is an episode and its neighbours.
    std::map<std::int64_t, std::vector<std::size_t>> conversations;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto& row = (*rows)[i];
        const MemoryKind kind = parse_kind(row.text(2));
        documents.push_back(search_document(
            row.integer(1),
            NewMemory{
                .kind = kind, .slot = row.text(3), .value = row.text(4), .text = row.text(5)}));
        if (kind == MemoryKind::Episode && row.integer(6) != 0) {
            conversations[row.integer(6)].push_back(i);
        }
    }
    std::vector<Window> windows(rows->size());
    for (const auto& [conversation, episodes] : conversations) {
        for (std::size_t k = 0; k < episodes.size(); ++k) {
            if (k > 0) {
                windows[episodes[k]].before = documents[episodes[k - 1]];
            }
            if (k + 1 < episodes.size()) {
                windows[episodes[k]].after = documents[episodes[k + 1]];
            }
        }
    }
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto& row = (*rows)[i];
        if (auto indexed = index(row.integer(1), row.integer(0), documents[i], windows[i]);
            !indexed) {
            return indexed.error();
        }
    }
    if (auto done =
            m_db.query("INSERT INTO memory_index_version (version) VALUES (?)", {index_version});
        !done) {
        return done.error();
    }
    return tx->commit();
}

Result<void> MemoryStore::mark_recalled(std::int64_t person_id,
                                        const std::vector<std::int64_t>& ids,
                                        std::chrono::sys_seconds now) {
    for (const std::int64_t id : ids) {
        auto done =
            m_db.query("UPDATE memories SET last_recalled_at = ?, recall_count = recall_count + 1 "
                       "WHERE id = ? AND person_id = ?",
                       {seconds(now), id, person_id});
        if (!done) {
            return done.error();
        }
    }
    return {};
}

} // namespace samantha::memory
