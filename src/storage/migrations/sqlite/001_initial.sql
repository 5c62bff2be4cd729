-- Samantha schema v1. Times are integer seconds since the Unix epoch (UTC); utc_offset_min is the
-- person's local offset when the row was written. The same statements (minus FTS5) are valid on
-- PostgreSQL with INTEGER PRIMARY KEY → BIGSERIAL.

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Per-person conversation state that every turn reads and writes.
CREATE TABLE person_state (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    language TEXT NOT NULL DEFAULT 'en',
    speech_level TEXT NOT NULL DEFAULT 'polite',
    first_turn_at INTEGER,
    last_turn_at INTEGER,
    utc_offset_min INTEGER NOT NULL DEFAULT 0,
    turn_count INTEGER NOT NULL DEFAULT 0
);

-- The companion's own state per person, one JSON document per key (affect, relationship, care),
-- for the inner-life models that build on this schema.
CREATE TABLE companion_state (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, key)
);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    last_turn_at INTEGER NOT NULL
);

CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    user_text TEXT NOT NULL,
    reply TEXT NOT NULL,
    language TEXT NOT NULL,
    strategy TEXT NOT NULL,
    emotion TEXT NOT NULL,
    valence REAL NOT NULL,
    arousal REAL NOT NULL
);

CREATE INDEX turns_by_person ON turns (person_id, id);

CREATE TABLE memories (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('fact', 'event', 'episode')),
    slot TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    importance REAL NOT NULL,
    valence REAL NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    valid_to INTEGER,
    superseded_by INTEGER REFERENCES memories(id) ON DELETE SET NULL,
    event_date TEXT,
    source_turn_id INTEGER REFERENCES turns(id) ON DELETE SET NULL,
    last_recalled_at INTEGER,
    recall_count INTEGER NOT NULL DEFAULT 0
);

-- Current facts are few, history and episodes many: queries for current facts must use this
-- partial index (memory_store.cpp orders them by slot so the planner picks it).
-- Slots compare without ASCII case ("pref:BTS" is "pref:bts"); the ledger keeps what was said.
CREATE INDEX memories_current_facts ON memories (person_id, slot COLLATE NOCASE) WHERE kind = 'fact' AND valid_to IS NULL;
CREATE INDEX memories_events_by_date ON memories (person_id, event_date) WHERE kind = 'event';
CREATE INDEX memories_by_person ON memories (person_id, id);
CREATE INDEX memories_by_source_turn ON memories (source_turn_id) WHERE source_turn_id IS NOT NULL;

-- Search terms per memory (rowid = memories.id), prepared by memory/terms.cpp: lower-cased
-- English stems, and Korean words, stems and syllable bigrams, each prefixed with its person
-- ("p12_coffee"), so every person has doclists of their own and one person's search never reads
-- another's. '_' joins the prefix to the term; typed text never contains it.
CREATE VIRTUAL TABLE memory_terms USING fts5 (
    terms,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);

-- How many indexed memories hold each (person-prefixed) term, kept by memory_store.cpp, to leave
-- out terms too common to tell memories apart. (fts5vocab answers the same question, but scans:
-- about 2 ms per lookup at 100k memories against 0.05 ms here.)
CREATE TABLE memory_term_counts (
    term TEXT PRIMARY KEY,
    memories INTEGER NOT NULL
) WITHOUT ROWID;
