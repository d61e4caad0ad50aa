//! Calendar jobs on SQLite: each function runs inside the writer's transaction or on a reader.

use super::super::conn::{execute, query_all, query_one, query_opt};
use super::append_events;
use crate::jobs::{self, JobRow};
use crate::{codec, sql};
use chrono::NaiveDateTime;
use motcua_app::store::{CalendarJob, JobBatch, JobStarted, StoreError};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::ids::DossierCode;
use rusqlite::{Connection, Row};

fn row(r: &Row<'_>) -> rusqlite::Result<JobRow> {
    Ok(JobRow {
        id: r.get(0)?,
        calendar: r.get(1)?,
        date: r.get(2)?,
        kind: r.get(3)?,
        reason: r.get(4)?,
        reference: r.get(5)?,
        actor: r.get(6)?,
        created_at: r.get(7)?,
        state: r.get(8)?,
        counts: [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?],
        cursor_at: r.get(13)?,
        cursor_code: r.get(14)?,
        lease_owner: r.get(15)?,
        lease_until: r.get(16)?,
        progressed_at: r.get(17)?,
        finished_at: r.get(18)?,
    })
}

/// A job by number.
pub(crate) fn calendar_job(conn: &Connection, id: i64) -> Result<Option<CalendarJob>, StoreError> {
    query_opt(conn, jobs::JOB, &[&id], row)?
        .map(JobRow::job)
        .transpose()
}

/// The latest jobs, newest first.
pub(crate) fn calendar_jobs(
    conn: &Connection,
    unfinished_only: bool,
    limit: u32,
) -> Result<Vec<CalendarJob>, StoreError> {
    let statement = if unfinished_only {
        jobs::UNFINISHED_JOBS
    } else {
        jobs::JOBS
    };
    query_all(conn, statement, &[&i64::from(limit)], row)?
        .into_iter()
        .map(JobRow::job)
        .collect()
}

/// Records the override and its job, or finds the job of the same latest override.
pub(crate) fn change_calendar(
    conn: &Connection,
    calendar: &str,
    day: &CalendarOverride,
    actor: &str,
    at: NaiveDateTime,
) -> Result<JobStarted, StoreError> {
    let kind = codec::enum_code(&day.kind)?;
    let latest: Option<(i64, String, String, String)> =
        query_opt(conn, jobs::LATEST_OVERRIDE, &[&calendar, &day.date], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    if let Some((override_id, k, reason, reference)) = latest
        && (k.as_str(), reason.as_str(), reference.as_str())
            == (kind.as_str(), day.reason.as_str(), day.reference.as_str())
        && let Some(id) = query_opt(conn, jobs::JOB_OF_OVERRIDE, &[&override_id], |r| {
            r.get::<_, i64>(0)
        })?
    {
        let job = calendar_job(conn, id)?
            .ok_or_else(|| StoreError::NotFound(format!("calendar job {id}")))?;
        return Ok(JobStarted {
            job,
            created: false,
        });
    }
    let override_id: i64 = query_one(
        conn,
        jobs::INSERT_OVERRIDE,
        &[
            &calendar,
            &day.date,
            &kind,
            &day.reason,
            &day.reference,
            &actor,
        ],
        |r| r.get(0),
    )?;
    execute(conn, sql::BUMP_CALENDAR_REVISION, &[&calendar])?;
    let total: i64 = query_one(conn, &jobs::count_open(), &[], |r| r.get(0))?;
    let id: i64 = query_one(
        conn,
        jobs::INSERT_JOB,
        &[&override_id, &calendar, &actor, &at, &total],
        |r| r.get(0),
    )?;
    let job = calendar_job(conn, id)?
        .ok_or_else(|| StoreError::NotFound(format!("calendar job {id}")))?;
    Ok(JobStarted { job, created: true })
}

/// Claims the oldest claimable job.
pub(crate) fn claim_calendar_job(
    conn: &Connection,
    owner: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Option<CalendarJob>, StoreError> {
    let claimed: Option<i64> = query_opt(conn, jobs::CLAIM, &[&owner, &now, &until], |r| r.get(0))?;
    match claimed {
        Some(id) => calendar_job(conn, id),
        None => Ok(None),
    }
}

/// Saves a batch; answers the dossiers whose version moved meanwhile. Each update runs in a
/// savepoint: a refused one leaves nothing behind.
pub(crate) fn save_job_batch(
    conn: &Connection,
    batch: &JobBatch,
) -> Result<Vec<DossierCode>, StoreError> {
    let renewed = execute(
        conn,
        jobs::RENEW,
        &[&batch.job, &batch.owner, &batch.lease_until, &batch.at],
    )?;
    if renewed == 0 {
        return Err(jobs::lease_lost(batch));
    }
    let mut conflicts = Vec::new();
    for u in &batch.updates {
        execute(conn, "SAVEPOINT job_update", &[])?;
        match append_events(conn, &u.dossier, u.expected, &u.events) {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => {
                execute(conn, "ROLLBACK TO job_update", &[])?;
                conflicts.push(u.dossier.key().clone());
            }
            Err(e) => return Err(e),
        }
        execute(conn, "RELEASE job_update", &[])?;
    }
    let moved = to_i64(batch.updates.len() - conflicts.len());
    execute(
        conn,
        jobs::COUNT_BATCH,
        &[&batch.job, &moved, &to_i64(conflicts.len())],
    )?;
    if conflicts.is_empty() {
        let (at, code) = batch
            .cursor
            .as_ref()
            .map(|c| (Some(c.created_at), Some(c.code.as_str())))
            .unwrap_or_default();
        let examined = i64::try_from(batch.examined).unwrap_or(i64::MAX);
        execute(conn, jobs::ADVANCE, &[&batch.job, &at, &code, &examined])?;
        if batch.finished {
            execute(conn, jobs::FINISH, &[&batch.job, &batch.at])?;
        }
    }
    Ok(conflicts)
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
