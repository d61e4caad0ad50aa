//! The SQLite adapter: WAL, `synchronous=FULL`, one writer task with group commit
//! ([`writer`]), and a pool of read-only connections.

mod commands;
mod ops;
mod writer;

use crate::error::db;
use async_trait::async_trait;
use chrono::NaiveDate;
use commands::Command;
use motcua_app::store::{
    DossierQuery, ImportSummary, Inserted, SessionRecord, Store, StoreError, UserRecord,
};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::Unit;
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Sqlite};
use std::path::Path;
use std::time::Duration;
use writer::Writer;

/// How long a connection waits for a lock held by another process.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
    readers: SqlitePool,
    writer: Writer,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path`. Call [`Store::migrate`] before
    /// use. Needs a Tokio runtime: the writer runs as a task.
    pub async fn open(path: impl AsRef<Path>, options: SqliteOptions) -> Result<Self, StoreError> {
        let base = SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let conn = base
            .clone()
            .create_if_missing(true)
            .connect()
            .await
            .map_err(db)?;
        let readers = SqlitePoolOptions::new()
            .max_connections(options.readers.max(1))
            .connect_with(base.read_only(true))
            .await
            .map_err(db)?;
        Ok(SqliteStore {
            readers,
            writer: Writer::spawn(conn, options.group_commit),
        })
    }

    /// Transactions committed by the writer since opening: with group commit, fewer than the
    /// writes when they arrive together.
    pub fn commits(&self) -> u64 {
        self.writer.commits()
    }

    /// A read-only connection from the pool.
    async fn read(&self) -> Result<PoolConnection<Sqlite>, StoreError> {
        self.readers.acquire().await.map_err(db)
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
        ops::units(&mut *self.read().await?).await
    }

    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
        self.writer
            .run(Command::CreateUser(user.clone()))
            .await?
            .done()
    }

    async fn user(&self, username: &str) -> Result<Option<UserRecord>, StoreError> {
        ops::user(&mut *self.read().await?, username).await
    }

    async fn count_users(&self) -> Result<u64, StoreError> {
        ops::count_users(&mut *self.read().await?).await
    }

    async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        self.writer
            .run(Command::CreateSession(session.clone()))
            .await?
            .done()
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        ops::session(&mut *self.read().await?, token_hash).await
    }

    async fn session_user(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, UserRecord)>, StoreError> {
        ops::session_user(&mut *self.read().await?, token_hash).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        self.writer
            .run(Command::DeleteSession(token_hash.to_owned()))
            .await?
            .done()
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
        ops::procedures(&mut *self.read().await?).await
    }

    async fn procedure(
        &self,
        code: &ProcedureCode,
    ) -> Result<Option<ProcedureVersion>, StoreError> {
        ops::procedure(&mut *self.read().await?, code).await
    }

    async fn insert_dossier(
        &self,
        new: NewDossier,
        actor: &str,
        idempotency_key: Option<&str>,
    ) -> Result<Inserted, StoreError> {
        let command = Command::InsertDossier {
            new,
            actor: actor.to_owned(),
            key: idempotency_key.map(str::to_owned),
        };
        self.writer.run(command).await?.inserted()
    }

    async fn append_events(
        &self,
        dossier: &Dossier,
        expected_version: u32,
        events: &[Event],
    ) -> Result<(), StoreError> {
        let command = Command::AppendEvents {
            dossier: Box::new(dossier.clone()),
            expected: expected_version,
            events: events.to_vec(),
        };
        self.writer.run(command).await?.done()
    }

    async fn dossier(
        &self,
        code: &DossierCode,
    ) -> Result<Option<(Dossier, Vec<Event>)>, StoreError> {
        ops::dossier(&mut *self.read().await?, code).await
    }

    async fn list_dossiers(&self, query: &DossierQuery) -> Result<Vec<Dossier>, StoreError> {
        ops::list_dossiers(&mut *self.read().await?, query, ops::units_filter).await
    }

    async fn count_dossiers(&self) -> Result<u64, StoreError> {
        ops::count_dossiers(&mut *self.read().await?).await
    }

    async fn calendar_overrides(
        &self,
        calendar: &str,
    ) -> Result<Vec<CalendarOverride>, StoreError> {
        ops::calendar_overrides(&mut *self.read().await?, calendar).await
    }

    async fn add_calendar_override(
        &self,
        calendar: &str,
        day: &CalendarOverride,
        actor: &str,
    ) -> Result<(), StoreError> {
        let command = Command::AddCalendarOverride {
            calendar: calendar.to_owned(),
            day: day.clone(),
            actor: actor.to_owned(),
        };
        self.writer.run(command).await?.done()
    }

    async fn calendar_revision(&self, calendar: &str) -> Result<i64, StoreError> {
        ops::calendar_revision(&mut *self.read().await?, calendar).await
    }

    async fn backup(&self, out: &Path) -> Result<(), StoreError> {
        let target = out.to_str().ok_or(StoreError::Unsupported(
            "the backup path must be valid UTF-8",
        ))?;
        match tokio::fs::try_exists(out).await {
            Ok(false) => {}
            Ok(true) => return Err(StoreError::Conflict(format!("{target} already exists"))),
            Err(e) => return Err(StoreError::Database(format!("{target}: {e}"))),
        }
        // A read transaction: a consistent snapshot, while the writer goes on.
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(&mut *self.read().await?)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn sequences(&self, unit: &UnitCode) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
        ops::sequences(&mut *self.read().await?, unit).await
    }
}
