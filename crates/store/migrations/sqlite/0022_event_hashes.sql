-- Tamper-evident history (docs/operations.md, «Lịch sử không sửa được»).
-- Each event carries the hash of the previous event of its dossier and its own; `day` is the
-- day it was written (the day whose root covers it). Rows written before this migration are
-- given their hashes by the migration step that follows it (in Rust), in (dossier, seq) order.
ALTER TABLE dossier_events ADD COLUMN prev_hash TEXT;
ALTER TABLE dossier_events ADD COLUMN hash TEXT;
ALTER TABLE dossier_events ADD COLUMN day TEXT;
CREATE INDEX dossier_events_day ON dossier_events (day, dossier_code, seq);

-- The root of each receiving unit's finished day: written once, never changed.
CREATE TABLE audit_roots (
    day       TEXT NOT NULL,
    unit      TEXT NOT NULL,
    root      TEXT NOT NULL,
    count     INTEGER NOT NULL,
    sealed_at TEXT NOT NULL,
    PRIMARY KEY (day, unit)
) STRICT;

-- Who did what outside dossiers: sign-ins, accounts, calendars, imports, exports of personal
-- data. One chain in the order of `id`; never updated or deleted.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    what      TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_roots_no_update BEFORE UPDATE ON audit_roots
BEGIN SELECT RAISE(ABORT, 'audit_roots is append-only'); END;
CREATE TRIGGER audit_roots_no_delete BEFORE DELETE ON audit_roots
BEGIN SELECT RAISE(ABORT, 'audit_roots is append-only'); END;
