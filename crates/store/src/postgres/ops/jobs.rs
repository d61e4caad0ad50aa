//! Calendar jobs on PostgreSQL; [`super::super::PgStore`] owns the transactions.

use super::{append_events, to_micros};
use crate::codec;
use crate::error::db;
use crate::jobs::{self, JobRow};
use crate::sql;
use chrono::NaiveDateTime;
use motcua_app::store::{CalendarJob, JobBatch, JobStarted, StoreError};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::ids::DossierCode;
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};

fn row(r: &PgRow) -> Result<JobRow, sqlx::Error> {
    Ok(JobRow {
        id: r.try_get(0)?,
        calendar: r.try_get(1)?,
        date: r.try_get(2)?,
        kind: r.try_get(3)?,
        reason: r.try_get(4)?,
        reference: r.try_get(5)?,
        actor: r.try_get(6)?,
        created_at: r.try_get(7)?,
        state: r.try_get(8)?,
        counts: [
            r.try_get(9)?,
            r.try_get(10)?,
            r.try_get(11)?,
            r.try_get(12)?,
        ],
        cursor_at: r.try_get(13)?,
        cursor_code: r.try_get(14)?,
        lease_owner: r.try_get(15)?,
        lease_until: r.try_get(16)?,
        progressed_at: r.try_get(17)?,
        finished_at: r.try_get(18)?,
    })
}

/// A job by number.
pub(crate) async fn calendar_job(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Option<CalendarJob>, StoreError> {
    let found = sqlx::query(jobs::JOB)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    found
        .map(|r| row(&r).map_err(db).and_then(JobRow::job))
        .transpose()
}

/// The latest jobs, newest first.
pub(crate) async fn calendar_jobs(
    conn: &mut PgConnection,
    unfinished_only: bool,
    limit: u32,
) -> Result<Vec<CalendarJob>, StoreError> {
    let statement = if unfinished_only {
        jobs::UNFINISHED_JOBS
    } else {
        jobs::JOBS
    };
    let rows = sqlx::query(statement)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    rows.iter()
        .map(|r| row(r).map_err(db).and_then(JobRow::job))
        .collect()
}

/// Records the override and its job, or finds the job of the same latest override. The
/// calendar's revision row is locked first, so that two identical requests at once record one
/// change.
pub(crate) async fn change_calendar(
    conn: &mut PgConnection,
    calendar: &str,
    day: &CalendarOverride,
    actor: &str,
    at: NaiveDateTime,
) -> Result<JobStarted, StoreError> {
    sqlx::query(PG_LOCK_REVISION_INSERT)
        .bind(calendar)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    sqlx::query(PG_LOCK_REVISION)
        .bind(calendar)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    let kind = codec::enum_code(&day.kind)?;
    let latest: Option<(i64, String, String, String)> = sqlx::query_as(jobs::LATEST_OVERRIDE)
        .bind(calendar)
        .bind(day.date)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    if let Some((override_id, k, reason, reference)) = latest
        && (k.as_str(), reason.as_str(), reference.as_str())
            == (kind.as_str(), day.reason.as_str(), day.reference.as_str())
    {
        let id: Option<i64> = sqlx::query_scalar(jobs::JOB_OF_OVERRIDE)
            .bind(override_id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?;
        if let Some(id) = id {
            let job = calendar_job(conn, id)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("calendar job {id}")))?;
            return Ok(JobStarted {
                job,
                created: false,
            });
        }
    }
    let override_id: i64 = sqlx::query_scalar(jobs::INSERT_OVERRIDE)
        .bind(calendar)
        .bind(day.date)
        .bind(&kind)
        .bind(&day.reason)
        .bind(&day.reference)
        .bind(actor)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    sqlx::query(sql::BUMP_CALENDAR_REVISION)
        .bind(calendar)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(jobs::count_open()))
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let id: i64 = sqlx::query_scalar(jobs::INSERT_JOB)
        .bind(override_id)
        .bind(calendar)
        .bind(actor)
        .bind(to_micros(at))
        .bind(total)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    let job = calendar_job(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("calendar job {id}")))?;
    Ok(JobStarted { job, created: true })
}

/// Makes sure the calendar has a revision row, to lock it.
const PG_LOCK_REVISION_INSERT: &str = "INSERT INTO calendar_revisions (calendar, revision) \
     VALUES ($1, 0) ON CONFLICT (calendar) DO NOTHING";
const PG_LOCK_REVISION: &str =
    "SELECT revision FROM calendar_revisions WHERE calendar = $1 FOR UPDATE";

/// Claims the oldest claimable job.
pub(crate) async fn claim_calendar_job(
    conn: &mut PgConnection,
    owner: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Option<CalendarJob>, StoreError> {
    let claimed: Option<i64> = sqlx::query_scalar(jobs::PG_CLAIM)
        .bind(owner)
        .bind(to_micros(now))
        .bind(to_micros(until))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    match claimed {
        Some(id) => calendar_job(conn, id).await,
        None => Ok(None),
    }
}

/// Saves a batch; answers the dossiers whose version moved meanwhile. A version conflict is
/// found before anything of that dossier is written; any other failure aborts the batch.
pub(crate) async fn save_job_batch(
    conn: &mut PgConnection,
    batch: &JobBatch,
) -> Result<Vec<DossierCode>, StoreError> {
    // Locks the job's row: a claim by another worker waits for this batch, then sees the
    // renewed lease.
    let renewed = sqlx::query(jobs::RENEW)
        .bind(batch.job)
        .bind(&batch.owner)
        .bind(to_micros(batch.lease_until))
        .bind(to_micros(batch.at))
        .execute(&mut *conn)
        .await
        .map_err(db)?
        .rows_affected();
    if renewed == 0 {
        return Err(crate::jobs::lease_lost(batch));
    }
    let mut conflicts = Vec::new();
    for u in &batch.updates {
        match append_events(conn, &u.dossier, u.expected, &u.events).await {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => conflicts.push(u.dossier.key().clone()),
            Err(e) => return Err(e),
        }
    }
    let moved = i64::try_from(batch.updates.len() - conflicts.len()).unwrap_or(i64::MAX);
    sqlx::query(jobs::COUNT_BATCH)
        .bind(batch.job)
        .bind(moved)
        .bind(i64::try_from(conflicts.len()).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    if conflicts.is_empty() {
        sqlx::query(jobs::ADVANCE)
            .bind(batch.job)
            .bind(batch.cursor.as_ref().map(|c| to_micros(c.created_at)))
            .bind(batch.cursor.as_ref().map(|c| c.code.as_str()))
            .bind(i64::try_from(batch.examined).unwrap_or(i64::MAX))
            .execute(&mut *conn)
            .await
            .map_err(db)?;
        if batch.finished {
            sqlx::query(jobs::FINISH)
                .bind(batch.job)
                .bind(to_micros(batch.at))
                .execute(&mut *conn)
                .await
                .map_err(db)?;
        }
    }
    Ok(conflicts)
}
