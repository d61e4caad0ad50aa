-- Tamper-evident history (docs/operations.md, «Lịch sử không sửa được»).
-- Each event carries the hash of the previous event of its dossier and its own; `day` is the
-- day it was written (the day whose root covers it). Rows written before this migration are
-- given their hashes by the migration step that follows it (in Rust), in (dossier, seq) order.
ALTER TABLE dossier_events ADD COLUMN prev_hash TEXT;
ALTER TABLE dossier_events ADD COLUMN hash TEXT;
ALTER TABLE dossier_events ADD COLUMN day DATE;
CREATE INDEX dossier_events_day ON dossier_events (day, dossier_code, seq);

-- The root of each receiving unit's finished day: written once, never changed.
CREATE TABLE audit_roots (
    day       DATE NOT NULL,
    unit      TEXT NOT NULL,
    root      TEXT NOT NULL,
    count     BIGINT NOT NULL,
    sealed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (day, unit)
);

-- Who did what outside dossiers: sign-ins, accounts, calendars, imports, exports of personal
-- data. One chain in the order of `id`; never updated or deleted.
CREATE TABLE audit_log (
    id        BIGINT PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    what      TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE FUNCTION motcua_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION motcua_append_only();
CREATE TRIGGER audit_roots_append_only BEFORE UPDATE OR DELETE ON audit_roots
    FOR EACH ROW EXECUTE FUNCTION motcua_append_only();
