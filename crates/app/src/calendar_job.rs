//! The job a calendar change starts: the port's view of it (see [`crate::store::Store`]).
//!
//! A change of a working calendar moves the due instants of open dossiers. The change and its
//! job are saved in one transaction; workers (one per instance) claim the job with a lease, go
//! through the open dossiers in batches — each batch one transaction with the dossiers' events,
//! the job's cursor and counts — and another worker takes over when a lease expires.

use crate::store::Cursor;
use chrono::NaiveDateTime;
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::dossier::{Dossier, Event};
use serde::{Deserialize, Serialize};

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Saved, not claimed yet.
    Pending,
    /// Claimed at least once, with work left.
    Running,
    /// Every open dossier examined.
    Done,
}

impl JobState {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            JobState::Pending => "pending",
            JobState::Running => "running",
            JobState::Done => "done",
        }
    }

    /// The state of a stored code.
    pub fn parse(code: &str) -> Option<JobState> {
        [JobState::Pending, JobState::Running, JobState::Done]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            JobState::Pending => "Chờ xử lý",
            JobState::Running => "Đang tính lại",
            JobState::Done => "Đã xong",
        }
    }
}

/// Who works on a job, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lease {
    /// The worker (instance) holding it.
    pub owner: String,
    /// It may be taken over after this instant.
    pub until: NaiveDateTime,
}

/// A calendar change and the recomputation it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarJob {
    /// Number, from 1.
    pub id: i64,
    /// The calendar changed.
    pub calendar: String,
    /// The day, its new kind, reason and reference.
    pub day: CalendarOverride,
    /// Who changed it (signs the dossiers' events).
    pub actor: String,
    /// When.
    pub created_at: NaiveDateTime,
    /// Where it stands.
    pub state: JobState,
    /// Open dossiers when the change was saved.
    pub total: u64,
    /// Open dossiers examined so far.
    pub examined: u64,
    /// Dossiers whose due instant moved (one `due_recomputed` event each).
    pub moved: u64,
    /// Dossiers read again after another write changed them meanwhile.
    pub retried: u64,
    /// The last dossier examined; `None` before the first batch.
    pub cursor: Option<Cursor>,
    /// Its lease, once claimed.
    pub lease: Option<Lease>,
    /// The last claim or saved batch.
    pub progressed_at: NaiveDateTime,
    /// When the last batch was saved.
    pub finished_at: Option<NaiveDateTime>,
}

/// A job just saved, or found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStarted {
    /// The job.
    pub job: CalendarJob,
    /// `false` when the same change was already the calendar's latest for that day: nothing
    /// new was recorded and `job` is the one it started.
    pub created: bool,
}

/// A dossier's new state and the events that lead to it from `expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierUpdate {
    /// The new state.
    pub dossier: Dossier,
    /// The version it was computed from.
    pub expected: u32,
    /// The events.
    pub events: Vec<Event>,
}

/// One batch of a job, saved in one transaction by [`crate::store::Store::save_job_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobBatch {
    /// The job.
    pub job: i64,
    /// The worker, which must still hold the lease.
    pub owner: String,
    /// Now: the job's progress instant (and its end when `finished`).
    pub at: NaiveDateTime,
    /// The lease, renewed.
    pub lease_until: NaiveDateTime,
    /// The dossiers that move.
    pub updates: Vec<DossierUpdate>,
    /// The last dossier of the batch, saved as the job's cursor.
    pub cursor: Option<Cursor>,
    /// Dossiers the batch examined.
    pub examined: u64,
    /// Whether this was the last batch.
    pub finished: bool,
}
