//! The worker of calendar jobs: after a calendar change, every open dossier whose due instant
//! moves under the changed calendar gets a `due_recomputed` event signed by the administrator
//! who made the change (docs/rules.md §4).
//!
//! A worker claims a job with a lease ([`LEASE`]) and goes through the open dossiers in pages of
//! [`BATCH`]: each page is saved in one transaction with the job's cursor, its counts and the
//! renewed lease, so a worker stopped anywhere (a crash, a restart) loses at most the page in
//! hand, and the next worker — on this instance or another sharing the database — resumes after
//! the last saved page once the lease has expired. A dossier changed meanwhile by an officer is
//! read again and recomputed, up to [`ATTEMPTS`] times per page.

use crate::App;
use crate::error::AppError;
use crate::permissions::Org;
use crate::store::{
    CalendarJob, Cursor, DossierQuery, DossierUpdate, JobBatch, PageSize, StoreError,
};
use chrono::TimeDelta;
use motcua_domain::calendar::{CalendarOverride, OfficeHours, WorkCalendar};
use motcua_domain::deadline::{DeadlineEngine, OpenDeadline, recompute};
use motcua_domain::dossier::{Dossier, EventKind};
use motcua_domain::ids::UnitCode;
use std::collections::HashMap;
use std::sync::Arc;

/// Open dossiers per batch (one transaction each).
pub const BATCH: u32 = PageSize::MAX;
/// How long a claim or a saved batch keeps other workers off a job.
pub const LEASE: TimeDelta = TimeDelta::seconds(60);
/// A job with work left and no claim or saved batch for this long is stuck (`/readyz` says so):
/// five leases, well above a lease and the interval between two polls of a worker.
pub const STUCK_AFTER: TimeDelta = TimeDelta::minutes(5);
/// Saves of one page before the worker gives up on it for now (another officer keeps changing
/// the same dossiers); the job is taken up again on the next poll.
pub const ATTEMPTS: usize = 5;

/// A unit's calendar and office hours, read once per page.
type UnitTimes = HashMap<UnitCode, (Arc<WorkCalendar>, OfficeHours)>;

/// How a worker's turn on a job ended.
enum Turn {
    /// The job is done.
    Finished,
    /// Another worker took the job over.
    LeaseLost,
}

impl App {
    /// Works on calendar jobs as `worker` (a name unique to this process) until none is left
    /// that it may claim; answers how many it finished. Jobs leased by another live worker are
    /// left to it.
    pub async fn work_calendar_jobs(&self, worker: &str) -> Result<usize, AppError> {
        let mut finished = 0;
        loop {
            // A read first: an idle server polling every few seconds takes no write lock.
            if self.store.calendar_jobs(true, 1).await?.is_empty() {
                return Ok(finished);
            }
            let now = self.now();
            let Some(job) = self
                .store
                .claim_calendar_job(worker, now, now + LEASE)
                .await?
            else {
                return Ok(finished);
            };
            tracing::info!(
                job = job.id,
                examined = job.examined,
                "calendar job claimed"
            );
            match self.run_job(worker, &job).await? {
                Turn::Finished => {
                    tracing::info!(job = job.id, "calendar job done");
                    finished += 1;
                }
                Turn::LeaseLost => {
                    tracing::warn!(job = job.id, "calendar job taken over by another worker");
                    return Ok(finished);
                }
            }
        }
    }

    /// The calendar jobs with work left whose last claim or saved batch is older than
    /// [`STUCK_AFTER`].
    pub async fn stuck_calendar_jobs(&self) -> Result<Vec<CalendarJob>, AppError> {
        let bound = self.now() - STUCK_AFTER;
        let unfinished = self.store.calendar_jobs(true, 100).await?;
        Ok(unfinished
            .into_iter()
            .filter(|job| job.progressed_at < bound)
            .collect())
    }

    async fn run_job(&self, worker: &str, job: &CalendarJob) -> Result<Turn, AppError> {
        let org = self.org().await?;
        let reason = reason(&job.day);
        let mut cursor = job.cursor.clone();
        loop {
            let query = DossierQuery {
                open_only: true,
                after: cursor.clone(),
                limit: PageSize::new(Some(BATCH)),
                ..DossierQuery::default()
            };
            let page = self.store.list_dossiers(&query).await?;
            let finished = page.len() < usize::try_from(BATCH).unwrap_or(usize::MAX);
            let examined = u64::try_from(page.len()).unwrap_or(u64::MAX);
            let next = page.last().map(Cursor::after).or_else(|| cursor.clone());
            let mut times = UnitTimes::new();
            let mut updates = self.plan(&org, job, &reason, page, &mut times).await?;
            let mut attempt = 0;
            loop {
                let now = self.now();
                let batch = JobBatch {
                    job: job.id,
                    owner: worker.to_owned(),
                    at: now,
                    lease_until: now + LEASE,
                    updates: std::mem::take(&mut updates),
                    cursor: next.clone(),
                    examined,
                    finished,
                };
                let changed = match self.store.save_job_batch(&batch).await {
                    Ok(changed) => changed,
                    Err(StoreError::Conflict(_)) => return Ok(Turn::LeaseLost),
                    Err(e) => return Err(e.into()),
                };
                if changed.is_empty() {
                    break;
                }
                attempt += 1;
                tracing::debug!(job = job.id, changed = changed.len(), attempt, "re-reading");
                if attempt >= ATTEMPTS {
                    return Err(AppError::Conflict(format!(
                        "{} hồ sơ liên tục thay đổi; việc tính lại hạn sẽ tiếp tục sau",
                        changed.len()
                    )));
                }
                let mut fresh = Vec::with_capacity(changed.len());
                for code in &changed {
                    if let Some((dossier, _)) = self.store.dossier(code).await? {
                        fresh.push(dossier);
                    }
                }
                updates = self.plan(&org, job, &reason, fresh, &mut times).await?;
            }
            if finished {
                return Ok(Turn::Finished);
            }
            cursor = next;
        }
    }

    /// The updates of the dossiers among `dossiers` whose due instant moves.
    async fn plan(
        &self,
        org: &Org,
        job: &CalendarJob,
        reason: &str,
        dossiers: Vec<Dossier>,
        times: &mut UnitTimes,
    ) -> Result<Vec<DossierUpdate>, AppError> {
        let now = self.now();
        let mut updates = Vec::new();
        for dossier in dossiers {
            let Some(received) = dossier.received_at.filter(|_| dossier.status.is_open()) else {
                continue;
            };
            let unit = &dossier.facts.competent_unit;
            if !times.contains_key(unit) {
                let time = self.unit_time(org, unit).await?;
                times.insert(unit.clone(), time);
            }
            let Some((calendar, hours)) = times.get(unit) else {
                continue;
            };
            if calendar.name() != job.calendar {
                continue;
            }
            let engine = DeadlineEngine::new(calendar, hours);
            let open = [OpenDeadline {
                id: (),
                received,
                limit: dossier.facts.time_limit,
                pauses: dossier.pauses.clone(),
                current_due: dossier.due_at,
            }];
            for m in recompute(&engine, &open) {
                let kind = EventKind::DueRecomputed {
                    from: m.old_due,
                    to: m.new_due,
                    reason: reason.to_owned(),
                };
                let (next, events) = dossier.stamp(vec![kind], now, &job.actor);
                updates.push(DossierUpdate {
                    dossier: next,
                    expected: dossier.version,
                    events,
                });
            }
        }
        Ok(updates)
    }
}

/// The reason written in each event.
fn reason(day: &CalendarOverride) -> String {
    format!(
        "Lịch làm việc thay đổi: ngày {} là «{}» — {} ({})",
        day.date.format("%d/%m/%Y"),
        day.kind.label_vi(),
        day.reason,
        day.reference
    )
}
