//! The PostgreSQL adapter: a connection pool and one transaction per write. Dossier codes come
//! from a row of `dossier_sequences` locked by the inserting transaction, so several app
//! processes on one database still number dossiers without gaps or duplicates.

mod ops;

use crate::error::db;
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveDateTime};
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
use sqlx::migrate::Migrator;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::{Postgres, Transaction};
use std::path::Path;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Connections in the pool.
const POOL_SIZE: u32 = 10;
/// Longest wait for a connection: an unreachable server becomes a 503 within seconds rather
/// than at the request timeout.
const ACQUIRE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The storage port on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://…`). Call [`Store::migrate`] before use.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(url)
            .await
            .map_err(db)?;
        Ok(PgStore { pool })
    }

    /// A pooled connection, for reads and single-statement writes (autocommit).
    async fn conn(&self) -> Result<PoolConnection<Postgres>, StoreError> {
        self.pool.acquire().await.map_err(db)
    }

    /// A transaction on a pooled connection.
    async fn begin(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(db)
    }
}

/// Commits `tx`, then gives back `value`.
async fn commit<T>(tx: Transaction<'_, Postgres>, value: T) -> Result<T, StoreError> {
    tx.commit().await.map_err(db)?;
    Ok(value)
}

#[async_trait]
impl Store for PgStore {
    async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(format!("migration: {e}")))?;
        let mut tx = self.begin().await?;
        ops::stats::backfill(&mut tx).await?;
        ops::chain::backfill(&mut tx).await?;
        commit(tx, ()).await
    }

    async fn put_units(&self, units: &[Unit]) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        ops::put_units(&mut tx, units).await?;
        commit(tx, ()).await
    }

    async fn units(&self) -> Result<Vec<Unit>, StoreError> {
        ops::units(&mut *self.conn().await?).await
    }

    async fn create_user(&self, user: &UserRecord) -> Result<(), StoreError> {
        ops::create_user(&mut *self.conn().await?, user).await
    }

    async fn user(&self, username: &str) -> Result<Option<UserRecord>, StoreError> {
        ops::user(&mut *self.conn().await?, username).await
    }

    async fn count_users(&self) -> Result<u64, StoreError> {
        ops::count_users(&mut *self.conn().await?).await
    }

    async fn create_session(&self, session: &SessionRecord) -> Result<(), StoreError> {
        ops::create_session(&mut *self.conn().await?, session).await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        ops::session(&mut *self.conn().await?, token_hash).await
    }

    async fn session_user(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, UserRecord)>, StoreError> {
        ops::session_user(&mut *self.conn().await?, token_hash).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        ops::delete_session(&mut *self.conn().await?, token_hash).await
    }

    async fn replace_sessions(&self, session: &SessionRecord) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        ops::replace_sessions(&mut tx, session).await?;
        commit(tx, ()).await
    }

    async fn delete_user_sessions(
        &self,
        username: &str,
        kind: Option<&str>,
    ) -> Result<u64, StoreError> {
        ops::delete_user_sessions(&mut *self.conn().await?, username, kind).await
    }

    async fn purge_sessions(&self, now: NaiveDateTime) -> Result<u64, StoreError> {
        ops::purge_sessions(&mut *self.conn().await?, now).await
    }

    async fn users(&self) -> Result<Vec<UserRecord>, StoreError> {
        ops::users(&mut *self.conn().await?).await
    }

    async fn set_user_active(&self, change: &UserChange) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        ops::set_user_active(&mut tx, change).await?;
        commit(tx, ()).await
    }

    async fn user_changes(&self, username: &str) -> Result<Vec<UserChange>, StoreError> {
        ops::user_changes(&mut *self.conn().await?, username).await
    }

    async fn ready(&self) -> Result<(), StoreError> {
        let mut conn = self.conn().await?;
        if ops::writable(&mut conn).await? {
            ops::probe(&mut conn).await
        } else {
            Err(StoreError::Database(
                "the PostgreSQL server is read-only (a standby, or read-only by default)"
                    .to_owned(),
            ))
        }
    }

    async fn import_procedures(
        &self,
        specs: &[ProcedureSpec],
    ) -> Result<ImportSummary, StoreError> {
        let mut tx = self.begin().await?;
        let summary = ops::import_procedures(&mut tx, specs).await?;
        commit(tx, summary).await
    }

    async fn procedures(&self) -> Result<Vec<ProcedureVersion>, StoreError> {
        ops::procedures(&mut *self.conn().await?).await
    }

    async fn procedure(
        &self,
        code: &ProcedureCode,
    ) -> Result<Option<ProcedureVersion>, StoreError> {
        ops::procedure(&mut *self.conn().await?, code).await
    }

    async fn insert_dossier(
        &self,
        new: NewDossier,
        actor: &str,
        idempotency_key: Option<&IdempotencyKey>,
    ) -> Result<Inserted, StoreError> {
        let mut tx = self.begin().await?;
        let attempt = match ops::insert_dossier(&mut tx, new, actor, idempotency_key).await {
            Ok(inserted) => commit(tx, inserted).await,
            Err(e) => {
                // Release the sequence row at once (a dropped transaction rolls back later).
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(error = %rollback, "rolling back a failed dossier insert");
                }
                Err(e)
            }
        };
        match (attempt, idempotency_key) {
            // A concurrent request with the same key committed first: our transaction (and
            // its sequence number) rolled back; answer with the dossier it created.
            (Err(StoreError::Conflict(why)), Some(key)) => {
                ops::replay(&mut *self.conn().await?, key)
                    .await?
                    .ok_or(StoreError::Conflict(why))
            }
            (result, _) => result,
        }
    }

    async fn purge_idempotency_keys(&self, before: NaiveDateTime) -> Result<u64, StoreError> {
        ops::purge_idempotency_keys(&mut *self.conn().await?, before).await
    }

    async fn stats_changes(
        &self,
        since: i64,
        after: Option<(i64, DossierCode)>,
        limit: u32,
    ) -> Result<StatsPage, StoreError> {
        ops::stats::changes(&mut *self.conn().await?, since, after, limit).await
    }

    async fn import_dossiers(&self, stream: ImportStream) -> Result<usize, StoreError> {
        let ImportStream {
            mut batches,
            expected,
        } = stream;
        let mut tx = self.begin().await?;
        let mut count = 0;
        while let Some(batch) = batches.recv().await {
            count += batch.len();
            if count > expected {
                break;
            }
            ops::import_dossiers(&mut tx, &batch).await?;
        }
        if count != expected {
            // Dropping the transaction rolls it back.
            return Err(StoreError::Conflict(format!(
                "nhập dữ liệu bị gián đoạn: nhận {count}/{expected} hồ sơ; không nạp gì"
            )));
        }
        commit(tx, count).await
    }

    async fn append_events(
        &self,
        dossier: &Dossier,
        expected_version: u32,
        events: &[Event],
    ) -> Result<Option<DossierCode>, StoreError> {
        let mut tx = self.begin().await?;
        let issued = ops::append_events(&mut tx, dossier, expected_version, events).await?;
        commit(tx, issued).await
    }

    async fn dossier(
        &self,
        code: &DossierCode,
    ) -> Result<Option<(Dossier, Vec<Event>)>, StoreError> {
        ops::dossier(&mut *self.conn().await?, code).await
    }

    async fn list_dossiers(&self, query: &DossierQuery) -> Result<Vec<Dossier>, StoreError> {
        let mut query = query.clone();
        if let Some(after) = &mut query.after {
            after.created_at = ops::to_micros(after.created_at);
        }
        ops::list_dossiers(&mut *self.conn().await?, &query).await
    }

    async fn count_dossiers(&self) -> Result<u64, StoreError> {
        ops::count_dossiers(&mut *self.conn().await?).await
    }

    async fn calendar_overrides(
        &self,
        calendar: &str,
    ) -> Result<Vec<CalendarOverride>, StoreError> {
        ops::calendar_overrides(&mut *self.conn().await?, calendar).await
    }

    async fn calendar_revision(&self, calendar: &str) -> Result<i64, StoreError> {
        ops::calendar_revision(&mut *self.conn().await?, calendar).await
    }

    async fn change_calendar(
        &self,
        calendar: &str,
        day: &CalendarOverride,
        actor: &str,
        at: NaiveDateTime,
    ) -> Result<JobStarted, StoreError> {
        let mut tx = self.begin().await?;
        let started = ops::change_calendar(&mut tx, calendar, day, actor, at).await?;
        commit(tx, started).await
    }

    async fn calendar_job(&self, id: i64) -> Result<Option<CalendarJob>, StoreError> {
        ops::calendar_job(&mut *self.conn().await?, id).await
    }

    async fn calendar_jobs(
        &self,
        unfinished_only: bool,
        limit: u32,
    ) -> Result<Vec<CalendarJob>, StoreError> {
        ops::calendar_jobs(&mut *self.conn().await?, unfinished_only, limit).await
    }

    async fn claim_calendar_job(
        &self,
        owner: &str,
        now: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Option<CalendarJob>, StoreError> {
        let mut tx = self.begin().await?;
        let claimed = ops::claim_calendar_job(&mut tx, owner, now, until).await?;
        commit(tx, claimed).await
    }

    async fn save_job_batch(&self, batch: &JobBatch) -> Result<Vec<DossierCode>, StoreError> {
        let mut tx = self.begin().await?;
        let conflicts = ops::save_job_batch(&mut tx, batch).await?;
        commit(tx, conflicts).await
    }

    async fn backup(&self, _out: &Path) -> Result<(), StoreError> {
        Err(StoreError::Unsupported(
            "back up PostgreSQL with pg_dump (e.g. pg_dump -Fc motcua > motcua.dump)",
        ))
    }

    async fn existing_codes(&self, codes: &[DossierCode]) -> Result<Vec<DossierCode>, StoreError> {
        let list: Vec<&str> = codes.iter().map(DossierCode::as_str).collect();
        let found: Vec<String> = sqlx::query_scalar(crate::sql::EXISTING_CODES_ARRAY)
            .bind(&list)
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(crate::error::db)?;
        found
            .iter()
            .map(|c| DossierCode::parse(c).map_err(|e| StoreError::Database(e.to_string())))
            .collect()
    }

    async fn sequences(&self, unit: &UnitCode) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
        ops::sequences(&mut *self.conn().await?, unit).await
    }

    async fn import_feedback(&self, items: Vec<FeedbackItem>) -> Result<usize, StoreError> {
        let mut tx = self.begin().await?;
        let written = ops::import_feedback(&mut tx, &items).await?;
        commit(tx, written).await
    }

    async fn feedback_for_period(
        &self,
        units: &[UnitCode],
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Result<Vec<FeedbackItem>, StoreError> {
        ops::feedback_for_period(&mut *self.conn().await?, units, from, to).await
    }

    async fn event_links(
        &self,
        scope: &ChainScope,
        after: Option<(String, u32)>,
        limit: u32,
    ) -> Result<Vec<EventLink>, StoreError> {
        ops::chain::event_links(&mut *self.conn().await?, scope, after, limit).await
    }

    async fn day_hashes(&self, day: NaiveDate) -> Result<Vec<(String, String)>, StoreError> {
        ops::chain::day_hashes(&mut *self.conn().await?, day).await
    }

    async fn unsealed_days(&self, before: NaiveDate) -> Result<Vec<NaiveDate>, StoreError> {
        ops::chain::unsealed_days(&mut *self.conn().await?, before).await
    }

    async fn put_roots(&self, roots: &[DayRoot]) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        ops::chain::put_roots(&mut tx, roots).await?;
        commit(tx, ()).await
    }

    async fn roots(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayRoot>, StoreError> {
        ops::chain::roots(&mut *self.conn().await?, from, to).await
    }

    async fn append_audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        ops::chain::append_audit(&mut tx, entry).await?;
        commit(tx, ()).await
    }

    async fn audit_log(&self, after: i64, limit: u32) -> Result<Vec<AuditRecord>, StoreError> {
        ops::chain::audit_log(&mut *self.conn().await?, after, limit).await
    }
}
