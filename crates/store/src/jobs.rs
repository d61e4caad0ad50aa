//! Calendar jobs: SQL text common to both backends, and a stored row as a [`CalendarJob`].

use crate::codec;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::store::{CalendarJob, Cursor, JobBatch, JobState, Lease, StoreError};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::ids::DossierCode;

/// The columns of a job with its override, in [`JobRow`] order.
macro_rules! job_select {
    ($tail:literal) => {
        concat!(
            "SELECT j.id, j.calendar, o.date, o.kind, o.reason, o.reference, j.actor, \
             j.created_at, j.state, j.total, j.examined, j.moved, j.retried, j.cursor_at, \
             j.cursor_code, j.lease_owner, j.lease_until, j.progressed_at, j.finished_at \
             FROM calendar_jobs j JOIN calendar_overrides o ON o.id = j.override_id ",
            $tail
        )
    };
}

pub(crate) const JOB: &str = job_select!("WHERE j.id = $1");
pub(crate) const JOBS: &str = job_select!("ORDER BY j.id DESC LIMIT $1");
pub(crate) const UNFINISHED_JOBS: &str =
    job_select!("WHERE j.state <> 'done' ORDER BY j.id DESC LIMIT $1");

/// The calendar's latest override of a date.
pub(crate) const LATEST_OVERRIDE: &str = "SELECT id, kind, reason, reference \
     FROM calendar_overrides WHERE calendar = $1 AND date = $2 ORDER BY id DESC LIMIT 1";
pub(crate) const JOB_OF_OVERRIDE: &str = "SELECT id FROM calendar_jobs WHERE override_id = $1";
pub(crate) const INSERT_OVERRIDE: &str = "INSERT INTO calendar_overrides \
     (calendar, date, kind, reason, reference, actor) VALUES ($1, $2, $3, $4, $5, $6) \
     RETURNING id";
pub(crate) const INSERT_JOB: &str = "INSERT INTO calendar_jobs \
     (override_id, calendar, actor, created_at, state, total, progressed_at) \
     VALUES ($1, $2, $3, $4, 'pending', $5, $4) RETURNING id";

/// Renews the lease of its owner and counts a batch's moves and conflicts; no row when the
/// lease is someone else's now (or the job is done).
pub(crate) const RENEW: &str = "UPDATE calendar_jobs SET lease_until = $3, progressed_at = $4 \
     WHERE id = $1 AND lease_owner = $2 AND state <> 'done'";
pub(crate) const COUNT_BATCH: &str =
    "UPDATE calendar_jobs SET moved = moved + $2, retried = retried + $3 WHERE id = $1";
pub(crate) const ADVANCE: &str = "UPDATE calendar_jobs SET cursor_at = $2, cursor_code = $3, \
     examined = examined + $4 WHERE id = $1";
pub(crate) const FINISH: &str = "UPDATE calendar_jobs SET state = 'done', finished_at = $2, \
     lease_owner = NULL, lease_until = NULL WHERE id = $1";

/// The claimable job: not done, its lease free, expired at `$2` or already `$1`'s; the oldest.
macro_rules! claimable {
    ($lock:literal) => {
        concat!(
            "UPDATE calendar_jobs SET lease_owner = $1, lease_until = $3, state = 'running', \
             progressed_at = $2 WHERE id = (SELECT id FROM calendar_jobs WHERE state <> 'done' \
             AND (lease_owner IS NULL OR lease_until < $2 OR lease_owner = $1) \
             ORDER BY id LIMIT 1",
            $lock,
            ") RETURNING id"
        )
    };
}
pub(crate) const CLAIM: &str = claimable!("");
/// PostgreSQL: a job row locked by a worker saving a batch is skipped, not waited for.
pub(crate) const PG_CLAIM: &str = claimable!(" FOR UPDATE SKIP LOCKED");

/// The refusal of a worker whose lease another took over.
pub(crate) fn lease_lost(batch: &JobBatch) -> StoreError {
    StoreError::Conflict(format!(
        "calendar job {} is no longer leased to {}",
        batch.job, batch.owner
    ))
}

/// `SELECT count(*)` of the open dossiers.
pub(crate) fn count_open() -> String {
    let statuses: Vec<String> = codec::open_statuses().map(|s| format!("'{s}'")).collect();
    format!(
        "SELECT count(*) FROM dossiers WHERE status IN ({})",
        statuses.join(", ")
    )
}

/// A job row as read, in the column order of the `job_select` queries.
#[derive(Debug)]
pub(crate) struct JobRow {
    pub(crate) id: i64,
    pub(crate) calendar: String,
    pub(crate) date: NaiveDate,
    pub(crate) kind: String,
    pub(crate) reason: String,
    pub(crate) reference: String,
    pub(crate) actor: String,
    pub(crate) created_at: NaiveDateTime,
    pub(crate) state: String,
    pub(crate) counts: [i64; 4],
    pub(crate) cursor_at: Option<NaiveDateTime>,
    pub(crate) cursor_code: Option<String>,
    pub(crate) lease_owner: Option<String>,
    pub(crate) lease_until: Option<NaiveDateTime>,
    pub(crate) progressed_at: NaiveDateTime,
    pub(crate) finished_at: Option<NaiveDateTime>,
}

impl JobRow {
    /// The job.
    pub(crate) fn job(self) -> Result<CalendarJob, StoreError> {
        let state = JobState::parse(&self.state)
            .ok_or_else(|| StoreError::Database(format!("job state «{}»", self.state)))?;
        let count = |n: i64| u64::try_from(n).map_err(|_| StoreError::Database(format!("{n}")));
        let [total, examined, moved, retried] = self.counts;
        let cursor = match (self.cursor_at, self.cursor_code) {
            (Some(created_at), Some(code)) => Some(Cursor {
                created_at,
                code: DossierCode::parse(&code)
                    .map_err(|e| StoreError::Database(format!("job cursor: {e}")))?,
            }),
            _ => None,
        };
        let lease = match (self.lease_owner, self.lease_until) {
            (Some(owner), Some(until)) => Some(Lease { owner, until }),
            _ => None,
        };
        Ok(CalendarJob {
            id: self.id,
            calendar: self.calendar,
            day: CalendarOverride {
                date: self.date,
                kind: codec::parse_code(&self.kind)?,
                reason: self.reason,
                reference: self.reference,
            },
            actor: self.actor,
            created_at: self.created_at,
            state,
            total: count(total)?,
            examined: count(examined)?,
            moved: count(moved)?,
            retried: count(retried)?,
            cursor,
            lease,
            progressed_at: self.progressed_at,
            finished_at: self.finished_at,
        })
    }
}
