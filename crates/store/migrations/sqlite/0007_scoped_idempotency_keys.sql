-- Idempotency keys belong to one user on one channel (pages or API) and remember the request
-- they came with; keys made before this migration are dropped (they live a day at most).
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    username       TEXT NOT NULL,
    channel        TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_digest TEXT NOT NULL,
    dossier_code   TEXT NOT NULL REFERENCES dossiers (code),
    created_at     TEXT NOT NULL,
    PRIMARY KEY (username, channel, key)
) STRICT;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
