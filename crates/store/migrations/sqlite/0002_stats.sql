-- Imported dossiers keep their legacy line (format 1: the JSON of `ImportedDossier`) instead
-- of a snapshot and one row per event (format 0); the store rebuilds both when reading.
ALTER TABLE dossiers ADD COLUMN format INTEGER NOT NULL DEFAULT 0;

-- The statistics projection: one row per received dossier, written with the dossier.
-- Instants are local milliseconds since 1970-01-01 00:00; `flags` is a bit set (see the
-- adapter); `rev` orders changes: the writer bumps `stats_revision` once per change.
CREATE TABLE dossier_stats (
    code            TEXT PRIMARY KEY,
    rev             INTEGER NOT NULL,
    competent_unit  TEXT NOT NULL,
    procedure_code  TEXT NOT NULL,
    field           TEXT NOT NULL,
    received_at     INTEGER NOT NULL,
    due_at          INTEGER,
    ended_at        INTEGER,
    flags           INTEGER NOT NULL,
    paid_online_vnd INTEGER NOT NULL,
    supplements     INTEGER NOT NULL,
    rating          INTEGER
) STRICT;
CREATE INDEX dossier_stats_rev ON dossier_stats (rev, code);

CREATE TABLE stats_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO stats_revision (id, n) VALUES (1, 0);

-- Dossiers stored before this migration get their rows on the next start.
CREATE TABLE pending_backfills (name TEXT PRIMARY KEY) STRICT;
INSERT INTO pending_backfills (name) SELECT 'dossier_stats' WHERE EXISTS (SELECT 1 FROM dossiers);
