-- Schema v6: memory search over windows (docs/memory.md, "Windows"). Each memory's index
-- document gains two columns, `before` and `after`: the terms of the messages just before and
-- after it in the same conversation, so a message is found by what was said around it. FTS5 tables
-- cannot gain columns, so the index is made anew; its documents are made by code
-- (memory/terms.cpp), not SQL, and MemoryStore::ensure_index refills it when Samantha opens the
-- database, because memory_index_version says 0.
DROP TABLE memory_terms;
CREATE VIRTUAL TABLE memory_terms USING fts5 (
    terms,
    before,
    after,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
DELETE FROM memory_term_counts;

-- Per person: how many memories the index holds, and the terms of their own and of their
-- windows' neighbours (context_terms: before and after together), for BM25's document count and mean lengths (memory/retrieval.cpp).
CREATE TABLE memory_index_stats (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    memories INTEGER NOT NULL DEFAULT 0,
    terms INTEGER NOT NULL DEFAULT 0,
    context_terms INTEGER NOT NULL DEFAULT 0
);

-- Which version of the analysis in memory/terms.cpp built the index (memory_store.h,
-- index_version); a different one rebuilds it.
CREATE TABLE memory_index_version (
    version INTEGER NOT NULL
);
INSERT INTO memory_index_version (version) VALUES (0);
