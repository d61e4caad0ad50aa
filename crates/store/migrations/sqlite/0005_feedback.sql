-- Feedback on administrative regulations (phản ánh, kiến nghị, PAKN; RULES §10): one row per
-- item, its milestones as local times (TEXT, sortable), `ended_at` = refused_at or
-- published_at, so that a period reads the items received before its end and not ended before
-- its start from one index.
CREATE TABLE feedback (
    code                    TEXT PRIMARY KEY,
    unit_code               TEXT NOT NULL,
    classification          TEXT NOT NULL,
    received_at             TEXT NOT NULL,
    refused_at              TEXT,
    supplement_requested_at TEXT,
    answered_at             TEXT,
    published_at            TEXT,
    ended_at                TEXT
) STRICT;
CREATE INDEX feedback_unit_received ON feedback (unit_code, received_at);
