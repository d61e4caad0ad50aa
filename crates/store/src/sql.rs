//! SQL text common to SQLite and PostgreSQL (both accept `$n` parameters, `ON CONFLICT` and
//! `RETURNING`).

pub(crate) const UPSERT_UNIT: &str = "INSERT INTO units (code, parent, kind, data) \
     VALUES ($1, $2, $3, $4) \
     ON CONFLICT (code) DO UPDATE SET parent = excluded.parent, kind = excluded.kind, \
     data = excluded.data";
pub(crate) const UNITS: &str = "SELECT data FROM units ORDER BY code";

pub(crate) const INSERT_USER: &str = "INSERT INTO users \
     (username, full_name, password_hash, grants, active) VALUES ($1, $2, $3, $4, $5)";
pub(crate) const USER: &str = "SELECT username, full_name, password_hash, grants, active \
     FROM users WHERE username = $1";
pub(crate) const COUNT_USERS: &str = "SELECT COUNT(*) FROM users";

pub(crate) const INSERT_SESSION: &str = "INSERT INTO sessions \
     (token_hash, username, csrf_token, kind, created_at, expires_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";
pub(crate) const SESSION: &str = "SELECT token_hash, username, csrf_token, kind, created_at, \
     expires_at FROM sessions WHERE token_hash = $1";
pub(crate) const SESSION_USER: &str = "SELECT s.token_hash, s.username, s.csrf_token, s.kind, \
     s.created_at, s.expires_at, u.full_name, u.password_hash, u.grants, u.active \
     FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = $1";
pub(crate) const DELETE_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
pub(crate) const DELETE_USER_SESSIONS: &str = "DELETE FROM sessions WHERE username = $1";
pub(crate) const DELETE_USER_SESSIONS_OF_KIND: &str =
    "DELETE FROM sessions WHERE username = $1 AND kind = $2";
pub(crate) const PURGE_SESSIONS: &str = "DELETE FROM sessions WHERE expires_at <= $1";

/// PostgreSQL: whether this session may write (not a standby, not read-only by default).
/// The readiness probe's write: one row, stamped by the database clock.
pub(crate) const PROBE: &str = "INSERT INTO readiness (id, probed_at) VALUES (1, CURRENT_TIMESTAMP) \
     ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at";

pub(crate) const PG_WRITABLE: &str = "SELECT NOT pg_is_in_recovery() \
     AND current_setting('transaction_read_only') = 'off'";

pub(crate) const USERS: &str = "SELECT username, full_name, password_hash, grants, active \
     FROM users ORDER BY username";
pub(crate) const SET_USER_ACTIVE: &str = "UPDATE users SET active = $2 WHERE username = $1";
pub(crate) const INSERT_USER_CHANGE: &str =
    "INSERT INTO user_changes (username, active, actor, at) VALUES ($1, $2, $3, $4)";
pub(crate) const USER_CHANGES: &str =
    "SELECT username, active, actor, at FROM user_changes WHERE username = $1 ORDER BY id";

pub(crate) const LATEST_PROCEDURE_SPEC: &str =
    "SELECT version, data FROM procedures WHERE code = $1 ORDER BY version DESC LIMIT 1";
pub(crate) const INSERT_PROCEDURE: &str = "INSERT INTO procedures \
     (code, version, status, name, name_folded, data) VALUES ($1, $2, $3, $4, $5, $6)";
pub(crate) const SET_PROCEDURE_STATUS: &str =
    "UPDATE procedures SET status = $3 WHERE code = $1 AND version = $2";
pub(crate) const LATEST_PROCEDURES: &str = "SELECT p.version, p.status, p.data \
     FROM procedures p \
     WHERE p.version = (SELECT MAX(q.version) FROM procedures q WHERE q.code = p.code) \
     ORDER BY p.code";
pub(crate) const LATEST_PROCEDURE: &str = "SELECT version, status, data FROM procedures \
     WHERE code = $1 ORDER BY version DESC LIMIT 1";

pub(crate) const NEXT_SEQUENCE: &str = "INSERT INTO dossier_sequences (unit_code, day, last) \
     VALUES ($1, $2, 1) \
     ON CONFLICT (unit_code, day) DO UPDATE SET last = dossier_sequences.last + 1 \
     RETURNING last";
/// The next number of a unit's daily series of online submissions.
pub(crate) const NEXT_SUBMISSION: &str = "INSERT INTO submission_sequences (unit_code, day, last) \
     VALUES ($1, $2, 1) \
     ON CONFLICT (unit_code, day) DO UPDATE SET last = submission_sequences.last + 1 \
     RETURNING last";
/// Raises a unit's daily sequence to at least an imported number.
pub(crate) const RAISE_SEQUENCE: &str = "INSERT INTO dossier_sequences (unit_code, day, last) \
     VALUES ($1, $2, $3) \
     ON CONFLICT (unit_code, day) DO UPDATE SET last = CASE \
     WHEN dossier_sequences.last > excluded.last THEN dossier_sequences.last \
     ELSE excluded.last END";
/// Codes among a JSON array of codes that exist (SQLite).
pub(crate) const EXISTING_CODES_JSON: &str = "SELECT code FROM dossiers WHERE code IN (SELECT value FROM json_each($1)) \
     UNION ALL SELECT code FROM dossier_codes WHERE code IN (SELECT value FROM json_each($1))";
/// Codes among an array of codes that exist (PostgreSQL).
pub(crate) const EXISTING_CODES_ARRAY: &str = "SELECT code FROM dossiers WHERE code = ANY($1) \
     UNION ALL SELECT code FROM dossier_codes WHERE code = ANY($1)";
pub(crate) const SEQUENCES: &str =
    "SELECT day, last FROM dossier_sequences WHERE unit_code = $1 ORDER BY day";

pub(crate) const INSERT_DOSSIER: &str = "INSERT INTO dossiers \
     (code, receiving_unit, competent_unit, current_unit, procedure_code, status, channel, \
      created_at, received_at, due_at, ended_at, version, applicant_phone, \
      applicant_id_number, data) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
pub(crate) const UPDATE_DOSSIER: &str = "UPDATE dossiers SET \
     current_unit = $3, status = $4, received_at = $5, due_at = $6, ended_at = $7, \
     version = $8, data = $9, format = 0 \
     WHERE code = $1 AND version = $2";
/// A dossier row by its key or by the code its reception gave it: its format and JSON (SQLite;
/// PostgreSQL reads `data::text`).
pub(crate) const DOSSIER: &str = "SELECT format, data FROM dossiers \
     WHERE code = coalesce((SELECT dossier FROM dossier_codes WHERE code = $1), $1)";
/// [`DOSSIER`] for PostgreSQL.
pub(crate) const PG_DOSSIER: &str = "SELECT format, data::text FROM dossiers \
     WHERE code = coalesce((SELECT dossier FROM dossier_codes WHERE code = $1), $1)";
/// Points the code a reception gave to the dossier submitted online under its key.
pub(crate) const INSERT_DOSSIER_CODE: &str =
    "INSERT INTO dossier_codes (code, dossier) VALUES ($1, $2)";
/// The format and JSON of a dossier row at a version, locked for the change (PostgreSQL).
pub(crate) const PG_DOSSIER_FOR_UPDATE: &str =
    "SELECT format, data::text FROM dossiers WHERE code = $1 AND version = $2 FOR UPDATE";
/// The format and JSON of a dossier row at a version (SQLite: the writer is alone).
pub(crate) const DOSSIER_AT_VERSION: &str =
    "SELECT format, data FROM dossiers WHERE code = $1 AND version = $2";
/// An imported row: columns, `format` 1 and its source.
pub(crate) const INSERT_IMPORTED: &str = "INSERT INTO dossiers \
     (code, receiving_unit, competent_unit, current_unit, procedure_code, status, channel, \
      created_at, received_at, due_at, ended_at, version, applicant_phone, \
      applicant_id_number, data, format) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1)";
pub(crate) const COUNT_DOSSIERS: &str = "SELECT COUNT(*) FROM dossiers";

/// Followed by `VALUES (…), (…)`, one row per event (PostgreSQL: one round trip per change).
pub(crate) const INSERT_EVENTS: &str = "INSERT INTO dossier_events \
     (dossier_code, seq, at, actor, type, data, prev_hash, hash, day) ";
/// One event (SQLite: no round trips, so one cached statement run once per event).
pub(crate) const INSERT_EVENT: &str = "INSERT INTO dossier_events \
     (dossier_code, seq, at, actor, type, data, prev_hash, hash, day) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
/// The hash of a dossier's last event (the link the next one continues).
pub(crate) const LAST_EVENT_HASH: &str = "SELECT hash FROM dossier_events \
     WHERE dossier_code = $1 ORDER BY seq DESC LIMIT 1";
/// Events up to a version: with the state read first, the pair is consistent without a snapshot.
pub(crate) const EVENTS: &str = "SELECT data FROM dossier_events \
     WHERE dossier_code = $1 AND seq <= $2 ORDER BY seq";

pub(crate) const INSERT_IDEMPOTENCY_KEY: &str = "INSERT INTO idempotency_keys \
     (username, channel, key, request_digest, dossier_code, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6)";
pub(crate) const IDEMPOTENCY_KEY: &str = "SELECT dossier_code, request_digest \
     FROM idempotency_keys WHERE username = $1 AND channel = $2 AND key = $3";
pub(crate) const PURGE_IDEMPOTENCY_KEYS: &str =
    "DELETE FROM idempotency_keys WHERE created_at < $1";

pub(crate) const BUMP_CALENDAR_REVISION: &str = "INSERT INTO calendar_revisions (calendar, revision) VALUES ($1, 1) \
     ON CONFLICT (calendar) DO UPDATE SET revision = calendar_revisions.revision + 1";
pub(crate) const CALENDAR_OVERRIDES: &str = "SELECT date, kind, reason, reference \
     FROM calendar_overrides WHERE calendar = $1 ORDER BY id";
pub(crate) const CALENDAR_REVISION: &str =
    "SELECT revision FROM calendar_revisions WHERE calendar = $1";

/// Inserts a feedback item, or replaces the stored item with its code (a later export of the
/// feedback system carries the milestones reached since).
pub(crate) const UPSERT_FEEDBACK: &str = "INSERT INTO feedback \
     (code, unit_code, classification, received_at, refused_at, supplement_requested_at, \
      answered_at, published_at, ended_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
     ON CONFLICT (code) DO UPDATE SET unit_code = excluded.unit_code, \
     classification = excluded.classification, received_at = excluded.received_at, \
     refused_at = excluded.refused_at, \
     supplement_requested_at = excluded.supplement_requested_at, \
     answered_at = excluded.answered_at, published_at = excluded.published_at, \
     ended_at = excluded.ended_at";
/// The feedback of units (a JSON array, SQLite) received before `$3` and not ended before `$2`,
/// columns in the order the readers map them.
pub(crate) const FEEDBACK_FOR_PERIOD_JSON: &str = "SELECT code, unit_code, classification, \
     received_at, refused_at, supplement_requested_at, answered_at, published_at \
     FROM feedback WHERE unit_code IN (SELECT value FROM json_each($1)) \
     AND received_at < $3 AND (ended_at IS NULL OR ended_at >= $2) ORDER BY code";
/// [`FEEDBACK_FOR_PERIOD_JSON`] with the units as an array (PostgreSQL).
pub(crate) const FEEDBACK_FOR_PERIOD_ARRAY: &str = "SELECT code, unit_code, classification, \
     received_at, refused_at, supplement_requested_at, answered_at, published_at \
     FROM feedback WHERE unit_code = ANY($1) \
     AND received_at < $3 AND (ended_at IS NULL OR ended_at >= $2) ORDER BY code";

// The hash chains (see `motcua_app::chain`). `$n IS NULL OR …` leaves a bound open.
/// Events with their links of one scope, after a (code, seq) position; `$3` is a pattern of the
/// codes for `$match` (SQLite: `GLOB`, case-sensitive; PostgreSQL: `LIKE`, `\` escaping `_`).
macro_rules! event_links {
    ($match:literal) => {
        concat!(
            "SELECT dossier_code, seq, at, actor, type, data, prev_hash, hash \
             FROM dossier_events \
             WHERE (dossier_code > $1 OR (dossier_code = $1 AND seq > $2)) \
               AND dossier_code ",
            $match,
            " $3 AND ($4 IS NULL OR day >= $4) AND ($5 IS NULL OR day <= $5) \
             ORDER BY dossier_code, seq LIMIT $6"
        )
    };
}
pub(crate) const SQLITE_EVENT_LINKS: &str = event_links!("GLOB");
pub(crate) const PG_EVENT_LINKS: &str = event_links!("LIKE");
/// The hashes of a day's events.
pub(crate) const DAY_HASHES: &str = "SELECT dossier_code, hash FROM dossier_events \
     WHERE day = $1 ORDER BY dossier_code, seq";
/// Days with events before `$1`, after the last sealed day.
pub(crate) const UNSEALED_DAYS: &str = "SELECT DISTINCT day FROM dossier_events \
     WHERE day < $1 AND (NOT EXISTS (SELECT 1 FROM audit_roots) \
       OR day > (SELECT MAX(day) FROM audit_roots)) ORDER BY day";
pub(crate) const INSERT_ROOT: &str = "INSERT INTO audit_roots \
     (day, unit, root, count, sealed_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (day, unit) DO NOTHING";
pub(crate) const ROOTS: &str = "SELECT day, unit, root, count, sealed_at FROM audit_roots \
     WHERE ($1 IS NULL OR day >= $1) AND ($2 IS NULL OR day <= $2) ORDER BY day, unit";
pub(crate) const LAST_AUDIT: &str = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
pub(crate) const INSERT_AUDIT: &str = "INSERT INTO audit_log \
     (id, at, actor, action, what, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)";
pub(crate) const AUDIT_LOG: &str = "SELECT id, at, actor, action, what, prev_hash, hash \
     FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2";
/// Events written before the chain, in order, after a (code, seq) position.
pub(crate) const UNHASHED_EVENTS: &str = "SELECT dossier_code, seq, at, actor, type, data \
     FROM dossier_events WHERE hash IS NULL \
       AND (dossier_code > $1 OR (dossier_code = $1 AND seq > $2)) \
     ORDER BY dossier_code, seq LIMIT $3";
/// The hash of the event before `$2` of dossier `$1`.
pub(crate) const HASH_BEFORE: &str = "SELECT hash FROM dossier_events \
     WHERE dossier_code = $1 AND seq < $2 ORDER BY seq DESC LIMIT 1";
pub(crate) const SET_EVENT_LINK: &str = "UPDATE dossier_events \
     SET prev_hash = $3, hash = $4, day = $5 WHERE dossier_code = $1 AND seq = $2";
