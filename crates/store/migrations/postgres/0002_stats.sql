-- Imported dossiers keep their legacy line (format 1: the JSON of `ImportedDossier`) instead
-- of a snapshot and one row per event (format 0); the store rebuilds both when reading.
ALTER TABLE dossiers ADD COLUMN format SMALLINT NOT NULL DEFAULT 0;

-- The statistics projection: one row per received dossier, written with the dossier.
-- Instants are local milliseconds since 1970-01-01 00:00; `flags` is a bit set (see the
-- adapter). `rev` is the id of the writing transaction: readers take the oldest transaction
-- still running as their watermark, so that several servers sharing the database never miss a
-- change and no writer waits for another.
CREATE TABLE dossier_stats (
    code            TEXT PRIMARY KEY,
    rev             BIGINT NOT NULL,
    competent_unit  TEXT NOT NULL,
    procedure_code  TEXT NOT NULL,
    field           TEXT NOT NULL,
    received_at     BIGINT NOT NULL,
    due_at          BIGINT,
    ended_at        BIGINT,
    flags           INTEGER NOT NULL,
    paid_online_vnd BIGINT NOT NULL,
    supplements     INTEGER NOT NULL,
    rating          SMALLINT
);
CREATE INDEX dossier_stats_rev ON dossier_stats (rev, code);

-- Dossiers stored before this migration get their rows on the next start.
CREATE TABLE pending_backfills (name TEXT PRIMARY KEY);
INSERT INTO pending_backfills (name) SELECT 'dossier_stats' WHERE EXISTS (SELECT 1 FROM dossiers);
