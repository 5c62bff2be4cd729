-- Schema v3: who may speak for whom on the server (#6). A person's bearer token is stored only as
-- its SHA-256; the token itself is shown once, when the person is created.
CREATE TABLE access_tokens (
    handle TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
