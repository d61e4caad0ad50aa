-- motcua schema, SQLite. Local times are TEXT `YYYY-MM-DD HH:MM:SS[.fff]` (sortable as text);
-- `data` columns hold the serde JSON of the domain types.

CREATE TABLE units (
    code   TEXT PRIMARY KEY,
    parent TEXT,
    kind   TEXT NOT NULL,
    data   TEXT NOT NULL
) STRICT;
CREATE INDEX units_parent ON units (parent);

CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    grants        TEXT NOT NULL,
    active        INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_username ON sessions (username);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE procedures (
    code        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (code, version)
) STRICT;

CREATE TABLE dossiers (
    code                TEXT PRIMARY KEY,
    receiving_unit      TEXT NOT NULL,
    competent_unit      TEXT NOT NULL,
    current_unit        TEXT NOT NULL,
    procedure_code      TEXT NOT NULL,
    status              TEXT NOT NULL,
    channel             TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    received_at         TEXT,
    due_at              TEXT,
    ended_at            TEXT,
    version             INTEGER NOT NULL,
    applicant_phone     TEXT,
    applicant_id_number TEXT,
    data                TEXT NOT NULL
) STRICT;
CREATE INDEX dossiers_created ON dossiers (created_at DESC, code DESC);
CREATE INDEX dossiers_status ON dossiers (status, created_at DESC, code DESC);
CREATE INDEX dossiers_due ON dossiers (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX dossiers_receiving ON dossiers (receiving_unit, created_at DESC, code DESC);
CREATE INDEX dossiers_competent ON dossiers (competent_unit, created_at DESC, code DESC);
CREATE INDEX dossiers_current ON dossiers (current_unit, created_at DESC, code DESC);
CREATE INDEX dossiers_phone ON dossiers (applicant_phone) WHERE applicant_phone IS NOT NULL;
CREATE INDEX dossiers_id_number ON dossiers (applicant_id_number)
    WHERE applicant_id_number IS NOT NULL;

CREATE TABLE dossier_events (
    dossier_code TEXT NOT NULL REFERENCES dossiers (code),
    seq          INTEGER NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    type         TEXT NOT NULL,
    data         TEXT NOT NULL,
    PRIMARY KEY (dossier_code, seq)
) STRICT;

CREATE TABLE dossier_sequences (
    unit_code TEXT NOT NULL,
    day       TEXT NOT NULL,
    last      INTEGER NOT NULL,
    PRIMARY KEY (unit_code, day)
) STRICT;

CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL REFERENCES dossiers (code)
) STRICT;

CREATE TABLE calendar_overrides (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    calendar   TEXT NOT NULL,
    date       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    reference  TEXT NOT NULL,
    actor      TEXT NOT NULL,
    -- UTC, from the database clock (audit only).
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
) STRICT;
CREATE INDEX calendar_overrides_calendar ON calendar_overrides (calendar, id);

CREATE TABLE calendar_revisions (
    calendar TEXT PRIMARY KEY,
    revision INTEGER NOT NULL
) STRICT;
