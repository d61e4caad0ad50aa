-- A calendar change starts a job that recomputes the due instants of the open dossiers: one row
-- per change, saved with the override in the same transaction. Workers claim a job with a lease
-- (owner, until) and save its cursor and counts with every batch, so a job stopped anywhere
-- resumes where its last batch ended, on this instance or another.
CREATE TABLE calendar_jobs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    override_id   BIGINT NOT NULL UNIQUE REFERENCES calendar_overrides (id),
    calendar      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    -- pending, running, done
    state         TEXT NOT NULL,
    -- Open dossiers when the change was saved; examined and moved so far; conflicts retried.
    total         BIGINT NOT NULL,
    examined      BIGINT NOT NULL DEFAULT 0,
    moved         BIGINT NOT NULL DEFAULT 0,
    retried       BIGINT NOT NULL DEFAULT 0,
    -- The last dossier examined, in the list order (created_at DESC, code DESC).
    cursor_at     TIMESTAMP,
    cursor_code   TEXT,
    lease_owner   TEXT,
    lease_until   TIMESTAMP,
    progressed_at TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP
);
CREATE INDEX calendar_jobs_unfinished ON calendar_jobs (id) WHERE state <> 'done';
