-- motcua schema, PostgreSQL. Local times are TIMESTAMP (without time zone);
-- `data` columns hold the serde JSON of the domain types.

CREATE TABLE units (
    code   TEXT PRIMARY KEY,
    parent TEXT,
    kind   TEXT NOT NULL,
    data   JSONB NOT NULL
);
CREATE INDEX units_parent ON units (parent);

CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    grants        JSONB NOT NULL,
    active        BOOLEAN NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_username ON sessions (username);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE procedures (
    code        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    status      TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    data        JSONB NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE dossiers (
    code                TEXT PRIMARY KEY,
    receiving_unit      TEXT NOT NULL,
    competent_unit      TEXT NOT NULL,
    current_unit        TEXT NOT NULL,
    procedure_code      TEXT NOT NULL,
    status              TEXT NOT NULL,
    channel             TEXT NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    received_at         TIMESTAMP,
    due_at              TIMESTAMP,
    ended_at            TIMESTAMP,
    version             BIGINT NOT NULL,
    applicant_phone     TEXT,
    applicant_id_number TEXT,
    data                JSONB NOT NULL
);
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
    seq          BIGINT NOT NULL,
    at           TIMESTAMP NOT NULL,
    actor        TEXT NOT NULL,
    type         TEXT NOT NULL,
    data         JSONB NOT NULL,
    PRIMARY KEY (dossier_code, seq)
);

CREATE TABLE dossier_sequences (
    unit_code TEXT NOT NULL,
    day       DATE NOT NULL,
    last      BIGINT NOT NULL,
    PRIMARY KEY (unit_code, day)
);

CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    dossier_code TEXT NOT NULL REFERENCES dossiers (code)
);

CREATE TABLE calendar_overrides (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    calendar   TEXT NOT NULL,
    date       DATE NOT NULL,
    kind       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    reference  TEXT NOT NULL,
    actor      TEXT NOT NULL,
    -- UTC, from the database clock (audit only).
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX calendar_overrides_calendar ON calendar_overrides (calendar, id);

CREATE TABLE calendar_revisions (
    calendar TEXT PRIMARY KEY,
    revision BIGINT NOT NULL
);
