-- Schema v5: the risk reading of each message (#12), so that the care state holds across turns
-- (docs/care.md, "Tiers"), and when the person last spoke of a crisis, for the next day's check-in.
ALTER TABLE turns ADD COLUMN risk_level TEXT NOT NULL DEFAULT 'none';
ALTER TABLE turns ADD COLUMN risk_kind TEXT NOT NULL DEFAULT 'none';
ALTER TABLE care_state ADD COLUMN last_crisis_at INTEGER;
