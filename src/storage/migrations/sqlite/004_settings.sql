-- Schema v4: what each person chose in their settings (#6). NULL means the server's default
-- (Config::care, and the language of each message). The role lives in relationship_state.
ALTER TABLE person_state ADD COLUMN preferred_language TEXT;
ALTER TABLE person_state ADD COLUMN proactive INTEGER;
ALTER TABLE person_state ADD COLUMN quiet_start_hour INTEGER;
ALTER TABLE person_state ADD COLUMN quiet_end_hour INTEGER;

-- A conversation's turns (the history route, the LLM brain's context, cascading deletes).
CREATE INDEX turns_by_conversation ON turns (conversation_id, id);
