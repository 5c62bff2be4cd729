-- Samantha schema v2: the inner life (#3). Samantha's affect, the relationship and the care
-- scheduler's state, one row per person.

CREATE TABLE affect_state (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    pleasure REAL NOT NULL,
    arousal REAL NOT NULL,
    dominance REAL NOT NULL,
    emotions TEXT NOT NULL DEFAULT '',      -- "kind:intensity:felt_at;…"
    updated_at INTEGER NOT NULL
);

CREATE TABLE relationship_state (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    ladder TEXT NOT NULL,
    closeness REAL NOT NULL,
    trust REAL NOT NULL,
    familiarity REAL NOT NULL,
    disclosure TEXT NOT NULL,               -- "p0,p1,…,p7|c0,…,c7" depths per topic
    days_together INTEGER NOT NULL,
    last_day TEXT,
    minutes REAL NOT NULL,
    turns INTEGER NOT NULL,
    last_turn_at INTEGER,
    role TEXT NOT NULL,
    rupture INTEGER NOT NULL,
    apologised INTEGER NOT NULL,
    repair REAL NOT NULL,
    last_repair_day TEXT,
    ruptures INTEGER NOT NULL,
    repairs INTEGER NOT NULL,
    details_remembered INTEGER NOT NULL,
    follow_ups_kept INTEGER NOT NULL,
    gain_day TEXT,
    closeness_gained_today REAL NOT NULL,
    trust_gained_today REAL NOT NULL,
    speech_level TEXT NOT NULL,
    casual_proposal_pending INTEGER NOT NULL,
    casual_proposed_at INTEGER,
    casual_refused_at INTEGER
);

CREATE TABLE care_state (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    proactive_day TEXT,                     -- the local date the count is for
    proactive_count INTEGER NOT NULL DEFAULT 0,
    last_proactive_at INTEGER
);
