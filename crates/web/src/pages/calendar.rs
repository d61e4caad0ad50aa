//! `GET /can-bo/lich-lam-viec`: an administrator changes a day of the working calendar and
//! follows the recomputation of the open dossiers' due instants it started (done / total,
//! state). While a job runs the page reloads itself every few seconds (a meta refresh, no
//! JavaScript) and offers a link to reload it. `POST /can-bo/lich-lam-viec` records a change
//! and comes back to the page at once: the recomputation runs in the background.

use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::{PageActor, check_csrf};
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use motcua_app::CalendarChange;
use motcua_app::store::{CalendarJob, JobState};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::format;
use serde::{Deserialize, Serialize};

/// Where the page lives.
const PAGE: &str = "/can-bo/lich-lam-viec";
/// Seconds between two reloads while a job runs.
const REFRESH_SECS: u32 = 5;

/// Query of the page: `cong-viec` names the job just started (the flash message).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CalendarQuery {
    #[serde(rename = "cong-viec")]
    job: Option<i64>,
    #[serde(rename = "da-co")]
    existing: bool,
}

/// The change form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    csrf_token: String,
    calendar: String,
    date: String,
    kind: String,
    reason: String,
    reference: String,
}

#[derive(Serialize)]
struct KindOption {
    code: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct JobRow {
    id: i64,
    date: String,
    kind: &'static str,
    reason: String,
    reference: String,
    actor: String,
    created_at: String,
    state: &'static str,
    done: bool,
    examined: u64,
    total: u64,
    moved: u64,
    percent: u64,
}

#[derive(Serialize)]
struct CalendarView {
    kinds: Vec<KindOption>,
    jobs: Vec<JobRow>,
    refresh: Option<u32>,
    flash: Option<String>,
}

fn row(job: CalendarJob) -> JobRow {
    // Dossiers opened after the change are examined too: the count may pass the total.
    let examined = job.examined.min(job.total);
    let percent = match (job.state, job.total) {
        (JobState::Done, _) | (_, 0) => 100,
        _ => examined * 100 / job.total,
    };
    JobRow {
        id: job.id,
        date: format::date(job.day.date),
        kind: job.day.kind.label_vi(),
        reason: job.day.reason,
        reference: job.day.reference,
        actor: job.actor,
        created_at: format::date_time(job.created_at),
        state: job.state.label_vi(),
        done: job.state == JobState::Done,
        examined: if job.state == JobState::Done {
            job.total
        } else {
            examined
        },
        total: job.total,
        moved: job.moved,
        percent,
    }
}

/// `GET /can-bo/lich-lam-viec`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<CalendarQuery>,
) -> Result<Html<String>, PageError> {
    let jobs = state.app.calendar_jobs(&page.caller).await?;
    let running = jobs.iter().any(|j| j.state != JobState::Done);
    let flash = q
        .job
        .filter(|id| jobs.iter().any(|j| j.id == *id))
        .map(|id| {
            if q.existing {
                format!("Thay đổi này đã được ghi trước đó (công việc số {id}); không ghi thêm.")
            } else {
                format!(
                    "Đã ghi thay đổi lịch (công việc số {id}). Hạn của các hồ sơ đang giải quyết \
                 được tính lại ở nền; tiến độ hiện ở bảng dưới."
                )
            }
        });
    let view = CalendarView {
        kinds: DayKind::ALL
            .into_iter()
            .map(|k| KindOption {
                code: k.code(),
                label: k.label_vi(),
            })
            .collect(),
        jobs: jobs.into_iter().map(row).collect(),
        refresh: running.then_some(REFRESH_SECS),
        flash,
    };
    render_html("calendar.html", Some(&page), &view)
}

/// `POST /can-bo/lich-lam-viec`.
pub async fn change(
    State(state): State<AppState>,
    page: PageActor,
    Form(f): Form<ChangeForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &f.csrf_token)?;
    let date = NaiveDate::parse_from_str(f.date.trim(), "%Y-%m-%d")
        .map_err(|_| PageError::BadRequest(format!("Ngày không hợp lệ: «{}».", f.date)))?;
    let kind = DayKind::ALL
        .into_iter()
        .find(|k| k.code() == f.kind)
        .ok_or_else(|| PageError::BadRequest(format!("Loại ngày không hợp lệ: «{}».", f.kind)))?;
    let calendar = match f.calendar.trim() {
        "" => "ccvc".to_owned(),
        name => name.to_owned(),
    };
    let change = CalendarChange {
        calendar,
        day: CalendarOverride {
            date,
            kind,
            reason: f.reason,
            reference: f.reference,
        },
    };
    let started = state.app.change_calendar_day(&page.caller, change).await?;
    let existing = if started.created { "" } else { "&da-co=true" };
    Ok(Redirect::to(&format!("{PAGE}?cong-viec={}{existing}", started.job.id)).into_response())
}
