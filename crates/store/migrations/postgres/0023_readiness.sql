-- One row the readiness probe (/readyz) writes each time: a probe that commits a real change
-- fails when the database cannot take a write (disk full, I/O error, read-only), where an empty
-- transaction would still succeed.
CREATE TABLE readiness (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    probed_at  TEXT NOT NULL
);
