//! Administrators change a day of their unit's calendar. The change and the job that moves the
//! open dossiers' due instants are saved together; workers run the job
//! ([`super::calendar_jobs`]). A repeated change records nothing and answers the same job.

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{require_role, require_role_anywhere};
use crate::store::{CalendarJob, JobStarted};
use motcua_domain::calendar::{CalendarOverride, ChangeError, calendar_owner};
use motcua_domain::org::Role;
use serde::Deserialize;

/// Jobs shown to an administrator.
const LATEST_JOBS: u32 = 20;

/// A change of one day of a calendar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarChange {
    /// Calendar name (default `ccvc`).
    #[serde(default = "ccvc")]
    pub calendar: String,
    /// The day and its new kind, reason and reference.
    #[serde(flatten)]
    pub day: CalendarOverride,
}

fn ccvc() -> String {
    "ccvc".to_owned()
}

fn invalid(e: ChangeError) -> AppError {
    AppError::invalid(e.code(), e.field(), e.to_string())
}

impl App {
    /// Records a calendar change and the job that recomputes the open dossiers it affects,
    /// without waiting for it. The calendar belongs to the unit above every unit that uses
    /// it: only an administrator of that unit may change it. The same change again (same
    /// calendar, date, kind, reason and reference as the day's latest change) records nothing
    /// and answers the job it started.
    pub async fn change_calendar_day(
        &self,
        caller: &Caller,
        change: CalendarChange,
    ) -> Result<JobStarted, AppError> {
        let org = self.org().await?;
        let owner = calendar_owner(org.units(), &change.calendar).map_err(invalid)?;
        require_role(caller, &org, Role::QuanTri, &owner.code)?;
        change.day.check().map_err(invalid)?;
        let day = change.day.parse_texts()?;
        let started = self
            .store
            .change_calendar(&change.calendar, &day, caller.name(), self.now())
            .await?;
        if started.created {
            tracing::info!(
                job = started.job.id,
                total = started.job.total,
                "calendar changed"
            );
            let what = serde_json::json!({
                "calendar": change.calendar,
                "day": day,
                "job": started.job.id,
            });
            self.record(caller.name(), "calendar_change", what).await?;
        }
        Ok(started)
    }

    /// A calendar job, for an administrator of its calendar.
    pub async fn calendar_job(&self, caller: &Caller, id: i64) -> Result<CalendarJob, AppError> {
        let missing = || AppError::NotFound(format!("công việc tính lại hạn số {id}"));
        let job = self.store.calendar_job(id).await?.ok_or_else(missing)?;
        let org = self.org().await?;
        let owner = calendar_owner(org.units(), &job.calendar).map_err(invalid)?;
        require_role(caller, &org, Role::QuanTri, &owner.code).map_err(|_| missing())?;
        Ok(job)
    }

    /// The latest calendar jobs of the calendars the caller administers, newest first. Only
    /// administrators may ask.
    pub async fn calendar_jobs(&self, caller: &Caller) -> Result<Vec<CalendarJob>, AppError> {
        require_role_anywhere(caller, Role::QuanTri, "xem việc tính lại hạn")?;
        let org = self.org().await?;
        let jobs = self.store.calendar_jobs(false, LATEST_JOBS).await?;
        Ok(jobs
            .into_iter()
            .filter(|job| {
                calendar_owner(org.units(), &job.calendar).is_ok_and(|owner| {
                    require_role(caller, &org, Role::QuanTri, &owner.code).is_ok()
                })
            })
            .collect())
    }
}
