#include "memory/memory_store.h"

#include <algorithm>

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

Result<std::vector<Candidate>> MemoryStore::search(std::int64_t person_id,
                                                   const std::vector<std::string>& terms,
                                                   std::size_t limit) {
    std::vector<Candidate> out;
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
        prefixed.emplace_back(prefix + term);
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
    std::int64_t budget = max_matched_memories;
    for (const auto& row : *counts) {
        const std::int64_t documents = row.integer(1);
        if (documents > budget) {
            break;
        }
        budget -= documents;
        chosen.push_back(row.text(0));
    }
    if (chosen.empty()) {
        return out;
    }
    auto rows = m_db.query(
        fmt::format("SELECT {}, t.score FROM (SELECT rowid AS id, -rank AS score FROM memory_terms "
                    "WHERE memory_terms MATCH ? ORDER BY rank LIMIT ?) t "
                    "JOIN memories m ON m.id = t.id WHERE m.valid_to IS NULL ORDER BY t.score DESC",
                    memory_columns),
        {fts_query(chosen), static_cast<std::int64_t>(limit)});
    if (!rows) {
        return rows.error();
    }
    out.reserve(rows->size());
    for (const auto& row : *rows) {
        out.push_back(Candidate{.memory = to_memory(row), .bm25 = row.real(13)});
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
    if (auto indexed = index(result.id, search_document(person_id, memory)); !indexed) {
        return indexed.error();
    }
    if (result.superseded) {
        auto ended = m_db.query("UPDATE memories SET valid_to = ?, superseded_by = ? WHERE id = ?",
                                {seconds(now), result.id, result.superseded->id});
        if (!ended) {
            return ended.error();
        }
        // A superseded fact is history: it stays in the ledger but leaves the search index.
        if (auto unindexed = unindex(result.superseded->id); !unindexed) {
            return unindexed.error();
        }
    }
    return result;
}

Result<void> MemoryStore::index(std::int64_t id, const std::string& document) {
    if (auto indexed =
            m_db.query("INSERT INTO memory_terms (rowid, terms) VALUES (?, ?)", {id, document});
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
    return {};
}

Result<void> MemoryStore::unindex(std::int64_t id) {
    auto document = m_db.query("SELECT terms FROM memory_terms WHERE rowid = ?", {id});
    if (!document) {
        return document.error();
    }
    if (document->empty()) {
        return {}; // already out of the index (a superseded fact)
    }
    auto counted = m_db.query("UPDATE memory_term_counts SET memories = memories - 1 "
                              "WHERE term IN (SELECT value FROM json_each(?))",
                              {json_array(document->front().text(0))});
    if (!counted) {
        return counted.error();
    }
    auto removed = m_db.query("DELETE FROM memory_terms WHERE rowid = ?", {id});
    if (!removed) {
        return removed.error();
    }
    return {};
}

Result<void> MemoryStore::erase(std::int64_t person_id, const Memory& memory) {
    if (auto unindexed = unindex(memory.id); !unindexed) {
        return unindexed.error();
    }
    for (const char* sql : {"UPDATE memories SET superseded_by = NULL WHERE superseded_by = ?",
                            "DELETE FROM memories WHERE id = ?"}) {
        if (auto done = m_db.query(sql, {memory.id}); !done) {
            return done.error();
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
    if (auto unindexed = unindex(id); !unindexed) {
        return unindexed.error();
    }
    if (auto indexed = index(id, search_document(person_id, next)); !indexed) {
        return indexed.error();
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
          {"UPDATE memories SET superseded_by = NULL WHERE person_id = ?", person_id},
          {"DELETE FROM memories WHERE person_id = ?", person_id}}) {
        if (auto done = m_db.query(sql, {param}); !done) {
            return done.error();
        }
    }
    return {};
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
