//! The SQLite adapter on rusqlite: WAL, `synchronous=FULL`, one writer thread with group commit
//! ([`writer`]), and a few read-only connections ([`readers`]): short reads by key run in place,
//! larger ones on a Tokio blocking thread. A store call is at most one hand-off to another
//! thread, however many statements it runs.

mod commands;
mod conn;
pub(crate) mod file;
mod migrate;
mod ops;
mod readers;
pub(crate) mod restore;
mod space;
mod writer;

use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
use commands::Command;
use motcua_app::chain::{AuditEntry, AuditRecord, ChainScope, DayRoot, EventLink};
use motcua_app::idempotency::IdempotencyKey;
use motcua_app::store::{
    CalendarJob, DossierQuery, ImportStream, ImportSummary, Inserted, JobBatch, JobStarted,
    SessionRecord, StatsPage, Store, StoreError, UserChange, UserRecord,
};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::feedback::FeedbackItem;
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::Unit;
use readers::Readers;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use writer::Writer;

/// Options of a [`SqliteStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliteOptions {
    /// Commit concurrent writes together (one fsync per batch); off = one commit per write.
    pub group_commit: bool,
    /// Read-only connections in the read pool.
    pub readers: u32,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions {
            group_commit: true,
            readers: 4,
        }
    }
}

/// The storage port on a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    readers: Arc<Readers>,
    writer: Writer,
    /// The database file, for the free space of its file system.
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path`. Call [`Store::migrate`] before
    /// use. Needs a Tokio runtime: reads run on its blocking threads (the writer has its own).
    pub async fn open(path: impl AsRef<Path>, options: SqliteOptions) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        let file = path.clone();
        let (writer, readers) = tokio::task::spawn_blocking(move || {
            // The writer creates the file: it opens first.
            let file = path.clone();
            let writer = Writer::spawn(move || conn::open_writer(&file), options.group_commit)?;
            let readers = (0..options.readers.max(1))
                .map(|_| conn::open_reader(&path))
                .collect::<Result<Vec<_>, _>>()?;
            Ok::<_, StoreError>((writer, readers))
        })
        .await
        .map_err(|e| StoreError::Database(format!("opening SQLite: {e}")))??;
        Ok(SqliteStore {
            readers: Readers::new(readers),
            writer,
            path: file,
        })
    }

    /// Transactions committed by the writer since opening: with group commit, fewer than the
    /// writes when they arrive together.
    pub fn commits(&self) -> u64 {
        self.writer.commits()
    }

    /// Times the writer thread died and was started again on a new connection.
    pub fn writer_restarts(&self) -> u64 {
        self.writer.restarts()
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        self.writer.run(Command::Migrate).await?.done()
    }

    async fn put_units(&self, units: &[Unit]) -> Result<(), StoreError> {
        self.writer
            .run(Command::PutUnits(units.to_vec()))
            .await?
            .done()
    }

    async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        self.readers.scan(ops::units).await
    }

    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
        self.writer
            .run(Command::CreateUser(user.clone()))
            .await?
            .done()
    }

    async fn user(&self, username: &str) -> Result<Option<UserRecord>, StoreError> {
        self.readers.lookup(|c| ops::user(c, username)).await
    }

    async fn count_users(&self) -> Result<u64, StoreError> {
        self.readers.scan(ops::count_users).await
    }

    async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        self.writer
            .run(Command::CreateSession(session.clone()))
            .await?
            .done()
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.readers.lookup(|c| ops::session(c, token_hash)).await
    }

    async fn session_user(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, UserRecord)>, StoreError> {
        self.readers
            .lookup(|c| ops::session_user(c, token_hash))
            .await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.writer
            .run(Command::DeleteSession(token_hash.to_owned()))
            .await?
            .done()
    }

    async fn replace_sessions(&self, session: &SessionRecord) -> Result<(), StoreError> {
        self.writer
            .run(Command::ReplaceSessions(session.clone()))
            .await?
            .done()
    }

    async fn delete_user_sessions(
        &self,
        username: &str,
        kind: Option<&str>,
    ) -> Result<u64, StoreError> {
        let command = Command::DeleteUserSessions {
            username: username.to_owned(),
            kind: kind.map(str::to_owned),
        };
        count(self.writer.run(command).await?.count()?)
    }

    async fn purge_sessions(&self, now: NaiveDateTime) -> Result<u64, StoreError> {
        count(
            self.writer
                .run(Command::PurgeSessions(now))
                .await?
                .count()?,
        )
    }

    async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        self.readers.scan(ops::users).await
    }

    async fn set_user_active(&self, change: &UserChange) -> Result<(), StoreError> {
        self.writer
            .run(Command::SetUserActive(change.clone()))
            .await?
            .done()
    }

    async fn user_changes(&self, username: &str) -> Result<Vec<UserChange>, StoreError> {
        let username = username.to_owned();
        self.readers
            .scan(move |c| ops::user_changes(c, &username))
            .await
    }

    async fn ready(&self) -> Result<(), StoreError> {
        self.writer.run(Command::Probe).await?.done()?;
        space::check(&self.path)
    }

    fn alive(&self) -> bool {
        self.writer.alive()
    }

    async fn import_procedures(
        &self,
        specs: &[ProcedureSpec],
    ) -> Result<ImportSummary, StoreError> {
        self.writer
            .run(Command::ImportProcedures(specs.to_vec()))
            .await?
            .imported()
    }

    async fn procedures(&self) -> Result<Vec<ProcedureVersion>, StoreError> {
        self.readers.scan(ops::procedures).await
    }

    async fn procedure(
        &self,
        code: &ProcedureCode,
    ) -> Result<Option<ProcedureVersion>, StoreError> {
        self.readers.lookup(|c| ops::procedure(c, code)).await
    }

    async fn insert_dossier(
        &self,
        new: NewDossier,
        actor: &str,
        idempotency_key: Option<&IdempotencyKey>,
    ) -> Result<Inserted, StoreError> {
        let command = Command::InsertDossier {
            new,
            actor: actor.to_owned(),
            key: idempotency_key.cloned(),
        };
        self.writer.run(command).await?.inserted()
    }

    async fn purge_idempotency_keys(&self, before: NaiveDateTime) -> Result<u64, StoreError> {
        let n = self
            .writer
            .run(Command::PurgeIdempotencyKeys(before))
            .await?
            .count()?;
        Ok(u64::try_from(n).unwrap_or(u64::MAX))
    }

    async fn import_dossiers(&self, stream: ImportStream) -> Result<usize, StoreError> {
        self.writer
            .run(Command::ImportDossiers(std::sync::Mutex::new(Some(stream))))
            .await?
            .count()
    }

    async fn stats_changes(
        &self,
        since: i64,
        after: Option<(i64, DossierCode)>,
        limit: u32,
    ) -> Result<StatsPage, StoreError> {
        self.readers
            .scan(move |c| ops::stats::changes(c, since, after, limit))
            .await
    }

    async fn append_events(
        &self,
        dossier: &Dossier,
        expected_version: u32,
        events: &[Event],
    ) -> Result<Option<DossierCode>, StoreError> {
        let command = Command::AppendEvents {
            dossier: Box::new(dossier.clone()),
            expected: expected_version,
            events: events.to_vec(),
        };
        self.writer.run(command).await?.appended()
    }

    async fn dossier(
        &self,
        code: &DossierCode,
    ) -> Result<Option<(Dossier, Vec<Event>)>, StoreError> {
        self.readers.lookup(|c| ops::dossier(c, code)).await
    }

    async fn list_dossiers(&self, query: &DossierQuery) -> Result<Vec<Dossier>, StoreError> {
        let query = query.clone();
        self.readers
            .scan(move |c| ops::list_dossiers(c, &query))
            .await
    }

    async fn count_dossiers(&self) -> Result<u64, StoreError> {
        self.readers.scan(ops::count_dossiers).await
    }

    async fn calendar_overrides(
        &self,
        calendar: &str,
    ) -> Result<Vec<CalendarOverride>, StoreError> {
        let calendar = calendar.to_owned();
        self.readers
            .scan(move |c| ops::calendar_overrides(c, &calendar))
            .await
    }

    async fn calendar_revision(&self, calendar: &str) -> Result<i64, StoreError> {
        self.readers
            .lookup(|c| ops::calendar_revision(c, calendar))
            .await
    }

    async fn change_calendar(
        &self,
        calendar: &str,
        day: &CalendarOverride,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<JobStarted, StoreError> {
        let command = Command::ChangeCalendar {
            calendar: calendar.to_owned(),
            day: day.clone(),
            actor: actor.to_owned(),
            at,
        };
        self.writer.run(command).await?.started()
    }

    async fn calendar_job(&self, id: i64) -> Result<Option<CalendarJob>, StoreError> {
        self.readers.lookup(|c| ops::calendar_job(c, id)).await
    }

    async fn calendar_jobs(
        &self,
        unfinished_only: bool,
        limit: u32,
    ) -> Result<Vec<CalendarJob>, StoreError> {
        self.readers
            .lookup(|c| ops::calendar_jobs(c, unfinished_only, limit))
            .await
    }

    async fn claim_calendar_job(
        &self,
        owner: &str,
        now: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Option<CalendarJob>, StoreError> {
        let command = Command::ClaimCalendarJob {
            owner: owner.to_owned(),
            now,
            until,
        };
        self.writer.run(command).await?.claimed()
    }

    async fn save_job_batch(&self, batch: &JobBatch) -> Result<Vec<DossierCode>, StoreError> {
        self.writer
            .run(Command::SaveJobBatch(Box::new(batch.clone())))
            .await?
            .conflicts()
    }

    async fn backup(&self, out: &Path) -> Result<(), StoreError> {
        let target = out
            .to_str()
            .ok_or(StoreError::Unsupported(
                "the backup path must be valid UTF-8",
            ))?
            .to_owned();
        match tokio::fs::try_exists(out).await {
            Ok(false) => {}
            Ok(true) => return Err(StoreError::Conflict(format!("{target} already exists"))),
            Err(e) => return Err(StoreError::Database(format!("{target}: {e}"))),
        }
        // A read transaction: a consistent snapshot, while the writer goes on. The WAL grows
        // meanwhile (it cannot start over under a snapshot): empty it afterwards.
        self.readers
            .scan(move |c| conn::execute(c, "VACUUM INTO $1", &[&target]).map(drop))
            .await?;
        self.checkpoint().await
    }

    async fn checkpoint(&self) -> Result<(), StoreError> {
        self.writer.run(Command::Checkpoint).await?.done()
    }

    async fn existing_codes(&self, codes: &[DossierCode]) -> Result<Vec<DossierCode>, StoreError> {
        let codes = codes.to_vec();
        self.readers
            .scan(move |c| ops::existing_codes(c, &codes))
            .await
    }

    async fn sequences(&self, unit: &UnitCode) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
        let unit = unit.clone();
        self.readers.scan(move |c| ops::sequences(c, &unit)).await
    }

    async fn import_feedback(&self, items: Vec<FeedbackItem>) -> Result<usize, StoreError> {
        self.writer
            .run(Command::ImportFeedback(items))
            .await?
            .count()
    }

    async fn feedback_for_period(
        &self,
        units: &[UnitCode],
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<FeedbackItem>, StoreError> {
        let units = units.to_vec();
        self.readers
            .scan(move |c| ops::feedback_for_period(c, &units, from, to))
            .await
    }

    async fn event_links(
        &self,
        scope: &ChainScope,
        after: Option<(String, u32)>,
        limit: u32,
    ) -> Result<Vec<EventLink>, StoreError> {
        let scope = scope.clone();
        self.readers
            .scan(move |c| ops::chain::event_links(c, &scope, after, limit))
            .await
    }

    async fn day_hashes(&self, day: NaiveDate) -> Result<Vec<(String, String)>, StoreError> {
        self.readers
            .scan(move |c| ops::chain::day_hashes(c, day))
            .await
    }

    async fn unsealed_days(&self, before: NaiveDate) -> Result<Vec<NaiveDate>, StoreError> {
        self.readers
            .scan(move |c| ops::chain::unsealed_days(c, before))
            .await
    }

    async fn put_roots(&self, roots: &[DayRoot]) -> Result<(), StoreError> {
        self.writer
            .run(Command::PutRoots(roots.to_vec()))
            .await?
            .done()
    }

    async fn roots(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayRoot>, StoreError> {
        self.readers
            .scan(move |c| ops::chain::roots(c, from, to))
            .await
    }

    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.writer
            .run(Command::AppendAudit(entry.clone()))
            .await?
            .done()
    }

    async fn audit_log(&self, after: i64, limit: u32) -> Result<Vec<AuditRecord>, StoreError> {
        self.readers
            .scan(move |c| ops::chain::audit_log(c, after, limit))
            .await
    }
}

/// A row count as the port's `u64`.
fn count(n: usize) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::Database(format!("count {n}")))
}
