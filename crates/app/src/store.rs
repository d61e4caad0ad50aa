//! The storage port. One method per need; each adapter owns its transactions and speaks only
//! domain types and [`StoreError`]. Adapters: SQLite and PostgreSQL (crate `motcua-store`).

pub use crate::calendar_job::{CalendarJob, DossierUpdate, JobBatch, JobStarted, JobState, Lease};
use crate::chain::{AuditEntry, AuditRecord, ChainScope, DayRoot, EventLink};
use crate::idempotency::IdempotencyKey;
pub use crate::usecases::dossiers::PageSize;
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::dossier::{Dossier, Event, NewDossier, Status};
use motcua_domain::feedback::FeedbackItem;
use motcua_domain::history::ImportedDossier;
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::{Grant, Unit};
use motcua_domain::stats::Record;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A storage failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness or version constraint failed (e.g. the dossier changed meanwhile).
    #[error("xung đột dữ liệu: {0}")]
    Conflict(String),
    /// The thing referred to does not exist.
    #[error("không tìm thấy: {0}")]
    NotFound(String),
    /// The operation is not available on this backend.
    #[error("không hỗ trợ: {0}")]
    Unsupported(&'static str),
    /// The database failed; the text is for the log, never for the client.
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Database(String),
    /// The database cannot be reached or cannot write for now (connection lost or refused,
    /// disk full, I/O error): the same request may succeed later. The text is for the log.
    #[error("cơ sở dữ liệu tạm thời không sẵn sàng: {0}")]
    Unavailable(String),
}

/// A user as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    /// Login name (unique).
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Roles and scopes.
    pub grants: Vec<Grant>,
    /// Disabled users cannot sign in.
    pub active: bool,
}

/// A session (browser cookie) or an API token. Only the SHA-256 of the secret is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
    /// Whose.
    pub username: String,
    /// CSRF token bound to the session (empty for API tokens).
    pub csrf_token: String,
    /// `session` or `api`.
    pub kind: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Expires.
    pub expires_at: NaiveDateTime,
}

/// A user enabled or disabled: who did it and when. The store keeps every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserChange {
    /// Whose account.
    pub username: String,
    /// `true`: enabled; `false`: disabled.
    pub active: bool,
    /// Who changed it: a user name, or `operator:<login>` for the command line of the server.
    pub actor: String,
    /// When.
    pub at: NaiveDateTime,
}

/// Result of a catalogue import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportSummary {
    /// Procedures new to the catalogue.
    pub created: u32,
    /// Procedures whose content changed: a new version, the previous one `amended`.
    pub new_versions: u32,
    /// Procedures identical to their current version.
    pub unchanged: u32,
}

/// A dossier just inserted, or found again by its idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    /// The dossier.
    pub dossier: Dossier,
    /// Its events.
    pub events: Vec<Event>,
    /// When the idempotency key had been used (nothing new was created): the digest of the
    /// request that first used it.
    pub replay_of: Option<String>,
}

/// Keyset position in a dossier list: the last row of the previous page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Its creation instant.
    pub created_at: NaiveDateTime,
    /// The key it is stored under ([`Dossier::key`]).
    pub code: DossierCode,
}

impl Cursor {
    /// The position just after `d`.
    pub fn after(d: &Dossier) -> Cursor {
        Cursor {
            created_at: d.created_at,
            code: d.key().clone(),
        }
    }
}

/// Which dossiers to list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierQuery {
    /// Only dossiers whose receiving, competent or current unit is one of these; `None` = all.
    pub units: Option<Vec<UnitCode>>,
    /// Only this status.
    pub status: Option<Status>,
    /// Only open dossiers (received, in progress, paused).
    pub open_only: bool,
    /// Only dossiers due at or before this instant (open ones).
    pub due_before: Option<NaiveDateTime>,
    /// Start after this row.
    pub after: Option<Cursor>,
    /// Page size.
    pub limit: PageSize,
}

/// An imported dossier to store: its source (kept instead of a snapshot and events, which are
/// rebuilt from it on every read) and the state built from it (for the indexed columns and the
/// statistics row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The legacy line and its procedure.
    pub source: ImportedDossier,
    /// `source.build()`'s dossier.
    pub dossier: Dossier,
}

/// Imported dossiers on their way to [`Store::import_dossiers`], batch by batch.
#[derive(Debug)]
pub struct ImportStream {
    /// The batches, in order.
    pub batches: tokio::sync::mpsc::Receiver<Vec<Imported>>,
    /// How many dossiers the sender will send. The store commits only when it has received
    /// exactly that many: a sender that stops early (an error, a crash) imports nothing. A
    /// large import may also be loaded in bulk (indexes rebuilt once at the end).
    pub expected: usize,
}

impl ImportStream {
    /// A stream holding one batch.
    pub fn of(batch: Vec<Imported>) -> ImportStream {
        let (tx, batches) = tokio::sync::mpsc::channel(1);
        let expected = batch.len();
        // The channel has room for this one batch; the sender is dropped at once.
        let _ = tx.try_send(batch);
        ImportStream { batches, expected }
    }
}

/// One received dossier in the statistics projection (table `dossier_stats`), written by the
/// store in the same transaction as the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRow {
    /// Change stamp: the order in which changes became visible (see [`Store::stats_changes`]).
    pub rev: i64,
    /// The dossier.
    pub code: DossierCode,
    /// The unit it is counted for.
    pub competent_unit: UnitCode,
    /// Its procedure.
    pub procedure_code: ProcedureCode,
    /// Its field (lĩnh vực).
    pub field: String,
    /// Its figures; `unit` and `field` are 0 (the reader numbers them).
    pub record: Record,
}

/// A page of changes to the statistics projection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsPage {
    /// Rows changed at or after the `since` asked for, in (`rev`, code) order.
    pub rows: Vec<StatsRow>,
    /// Where the next refresh starts: every change not visible when this page was asked for
    /// has a `rev` at or above it. Take it from the first page of a refresh.
    pub watermark: i64,
}

/// The storage port.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Applies pending migrations.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Inserts or updates units (by code).
    async fn put_units(&self, units: &[Unit]) -> Result<(), StoreError>;
    /// Every unit, active or not.
    async fn units(&self) -> Result<Vec<Unit>, StoreError>;

    /// Creates a user; `Conflict` if the name is taken.
    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError>;
    /// A user by login name.
    async fn user(&self, username: &str) -> Result<Option<UserRecord>, StoreError>;
    /// Every user, active or not, by login name.
    async fn users(&self) -> Result<Vec<UserRecord>, StoreError>;
    /// Number of users.
    async fn count_users(&self) -> Result<u64, StoreError>;

    /// Stores a session or token.
    async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError>;
    /// A session by the hash of its secret (expired ones included; the caller checks).
    async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError>;
    /// A session with its user, in one round trip.
    async fn session_user(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, UserRecord)>, StoreError>;
    /// Deletes a session.
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Stores a session and, in the same transaction, deletes the user's other sessions of the
    /// same kind.
    async fn replace_sessions(&self, session: &SessionRecord) -> Result<(), StoreError>;
    /// Deletes `username`'s sessions of `kind` (`session`, `api`), or all of them with `None`;
    /// answers how many.
    async fn delete_user_sessions(
        &self,
        username: &str,
        kind: Option<&str>,
    ) -> Result<u64, StoreError>;
    /// Deletes every session and token expired at `now`; answers how many.
    async fn purge_sessions(&self, now: NaiveDateTime) -> Result<u64, StoreError>;

    /// Enables or disables `change.username` and records the change; disabling also deletes
    /// every session and token of the user, in the same transaction. `NotFound` without such
    /// a user.
    async fn set_user_active(&self, change: &UserChange) -> Result<(), StoreError>;
    /// The changes recorded for `username`, oldest first.
    async fn user_changes(&self, username: &str) -> Result<Vec<UserChange>, StoreError>;

    /// Whether a write can be made now: a transaction through the SQLite writer, a query on
    /// PostgreSQL (refused on a read-only server). The caller bounds how long it waits.
    async fn ready(&self) -> Result<(), StoreError>;
    /// `false` once the store knows it can no longer write at all (the SQLite writer thread has
    /// ended). Cheap: no I/O.
    fn alive(&self) -> bool {
        true
    }

    /// Imports procedures all or nothing: a new code → version 1; changed content → a new
    /// version, the previous one `amended`; identical → unchanged.
    async fn import_procedures(&self, specs: &[ProcedureSpec])
    -> Result<ImportSummary, StoreError>;
    /// The current (latest) version of every procedure.
    async fn procedures(&self) -> Result<Vec<ProcedureVersion>, StoreError>;
    /// The current version of one procedure.
    async fn procedure(&self, code: &ProcedureCode)
    -> Result<Option<ProcedureVersion>, StoreError>;

    /// Inserts a new dossier with its events, allocating its code from the receiving unit's
    /// daily sequence in the same transaction (unique and gapless across app instances).
    /// With an idempotency key already used (same user, channel and key), returns that dossier
    /// with `replay_of` set and creates nothing.
    async fn insert_dossier(
        &self,
        new: NewDossier,
        actor: &str,
        idempotency_key: Option<&IdempotencyKey>,
    ) -> Result<Inserted, StoreError>;
    /// Deletes idempotency keys made before `before`; answers how many.
    async fn purge_idempotency_keys(&self, before: NaiveDateTime) -> Result<u64, StoreError>;
    /// Appends events and stores the new state, if the stored version is still
    /// `expected_version`; otherwise `Conflict`. When the dossier
    /// [awaits its code](Dossier::awaits_code), the store numbers it on its reception day in the
    /// same transaction, stores it [issued](Dossier::issue_code) and answers the code; the
    /// caller issues it to its own copy.
    async fn append_events(
        &self,
        dossier: &Dossier,
        expected_version: u32,
        events: &[Event],
    ) -> Result<Option<DossierCode>, StoreError>;
    /// A dossier and its events, by its code or its submission number.
    async fn dossier(
        &self,
        code: &DossierCode,
    ) -> Result<Option<(Dossier, Vec<Event>)>, StoreError>;
    /// A page of dossiers.
    async fn list_dossiers(&self, query: &DossierQuery) -> Result<Vec<Dossier>, StoreError>;
    /// Number of dossiers.
    async fn count_dossiers(&self) -> Result<u64, StoreError>;

    /// The overrides of a named calendar, in the order they were made.
    async fn calendar_overrides(&self, calendar: &str)
    -> Result<Vec<CalendarOverride>, StoreError>;
    /// A number that changes whenever the calendar's overrides change (for caches).
    async fn calendar_revision(&self, calendar: &str) -> Result<i64, StoreError>;

    /// Records a change of a calendar's day (an override; the revision increases) and the job
    /// that recomputes the open dossiers, in one transaction; the job's `total` is the number
    /// of open dossiers then. When the calendar's latest override of that date has the same
    /// kind, reason and reference, records nothing and answers the job it started, with
    /// `created = false` (a repeated request).
    async fn change_calendar(
        &self,
        calendar: &str,
        day: &CalendarOverride,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<JobStarted, StoreError>;
    /// A calendar job by number.
    async fn calendar_job(&self, id: i64) -> Result<Option<CalendarJob>, StoreError>;
    /// The latest calendar jobs, newest first, at most `limit`; only those not done with
    /// `unfinished_only`.
    async fn calendar_jobs(
        &self,
        unfinished_only: bool,
        limit: u32,
    ) -> Result<Vec<CalendarJob>, StoreError>;
    /// Claims the oldest job not done whose lease is free, expired at `now` or already
    /// `owner`'s: the lease becomes (`owner`, `until`), the state `running`. `None` when there
    /// is none.
    async fn claim_calendar_job(
        &self,
        owner: &str,
        now: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Option<CalendarJob>, StoreError>;
    /// Saves one batch of a job in one transaction, if `batch.owner` still holds its lease
    /// (otherwise `Conflict`, nothing written): appends each update whose dossier is still at
    /// its expected version, renews the lease and counts the moved dossiers. Answers the
    /// dossiers changed meanwhile, whose updates were left out; only when there are none are
    /// the cursor and the examined count saved and, with `finished`, the job done.
    async fn save_job_batch(&self, batch: &JobBatch) -> Result<Vec<DossierCode>, StoreError>;

    /// A consistent copy of the database into `out` while it is in use (SQLite only); the
    /// write-ahead log is emptied afterwards.
    async fn backup(&self, out: &Path) -> Result<(), StoreError>;

    /// Copies the write-ahead log into the database file and empties it (SQLite: after large
    /// work and when the server stops); nothing to do on PostgreSQL, which manages its own.
    async fn checkpoint(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Dates on which `unit` received dossiers, with the last sequence number (for checks).
    async fn sequences(&self, unit: &UnitCode) -> Result<Vec<(NaiveDate, u32)>, StoreError>;

    /// Inserts imported dossiers with their own codes: every batch of `stream` in one
    /// transaction, all or nothing (see [`ImportStream::expected`]); answers how many were
    /// inserted. Each unit's daily sequence is raised to at least the imported numbers so new
    /// codes never collide. The store keeps each source and rebuilds the dossier and its events
    /// from it when read; the first change to an imported dossier stores its rebuilt events for
    /// good. Other writes wait while an import runs.
    async fn import_dossiers(&self, stream: ImportStream) -> Result<usize, StoreError>;

    /// The statistics rows changed at or after `since` (0: all), after the keyset position
    /// `after` (`rev`, code), at most `limit` of them. Changes keep coming while pages are read;
    /// the first page's watermark is where the next refresh starts, so none is missed (a row
    /// may come twice: it is the latest state each time).
    async fn stats_changes(
        &self,
        since: i64,
        after: Option<(i64, DossierCode)>,
        limit: u32,
    ) -> Result<StatsPage, StoreError>;

    /// Which of `codes` already exist, in one query.
    async fn existing_codes(&self, codes: &[DossierCode]) -> Result<Vec<DossierCode>, StoreError>;

    /// Stores feedback items (PAKN), all or nothing: a new code is inserted, a stored one is
    /// replaced by the item given (with the milestones reached since); answers how many were
    /// written.
    async fn import_feedback(&self, items: Vec<FeedbackItem>) -> Result<usize, StoreError>;
    /// The feedback items of `units` that matter for the instants `[from, to)`: received before
    /// `to` and not ended (refused, or answer published) before `from`, by code.
    async fn feedback_for_period(
        &self,
        units: &[UnitCode],
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<FeedbackItem>, StoreError>;

    /// Dossier events with their links in (code, seq) order, after the position `after`
    /// (code, seq), at most `limit`: those of `scope`.
    async fn event_links(
        &self,
        scope: &ChainScope,
        after: Option<(String, u32)>,
        limit: u32,
    ) -> Result<Vec<EventLink>, StoreError>;
    /// The (code, hash) of the events written on `day`, in (code, seq) order.
    async fn day_hashes(&self, day: NaiveDate) -> Result<Vec<(String, String)>, StoreError>;
    /// The days before `before` and after the last sealed day on which events were written.
    async fn unsealed_days(&self, before: NaiveDate) -> Result<Vec<NaiveDate>, StoreError>;
    /// Stores sealed roots; a root already stored is kept as it is (several servers sealing
    /// the same day compute the same roots).
    async fn put_roots(&self, roots: &[DayRoot]) -> Result<(), StoreError>;
    /// The sealed roots of the days from `from` to `to` (each included), by day and unit.
    async fn roots(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayRoot>, StoreError>;
    /// Appends `entry` to the audit log, linked to the last entry (one chain, also with
    /// several servers).
    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The audit log after id `after`, at most `limit` entries, in id order.
    async fn audit_log(&self, after: i64, limit: u32) -> Result<Vec<AuditRecord>, StoreError>;
}
