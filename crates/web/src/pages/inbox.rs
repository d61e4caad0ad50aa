//! `GET /can-bo`: the staff home — what is overdue or due today in the user's units, and the
//! inbox of dossiers, newest first, a page at a time (keyset: `sau` + `ma` of the last row).

use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::{NaiveDateTime, NaiveTime};
use motcua_app::DossierFilter;
use motcua_app::store::Cursor;
use motcua_domain::dossier::{Dossier, Status, Urgency};
use motcua_domain::ids::DossierCode;
use serde::{Deserialize, Serialize};

/// Rows per page.
const PAGE: usize = 20;
/// Counts stop here ("500+"): they come from a capped list, not a full scan.
const COUNT_CAP: u32 = 500;
/// The filter value for every status, open or not.
const ALL: &str = "tat_ca";

/// Query of the inbox.
#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    /// Status code, [`ALL`], or empty for the open dossiers.
    #[serde(default)]
    trang_thai: String,
    /// Creation instant of the last row of the previous page.
    #[serde(default)]
    sau: String,
    /// Code of the last row of the previous page.
    #[serde(default)]
    ma: String,
}

#[derive(Serialize)]
struct StatusOption {
    code: &'static str,
    label: &'static str,
    selected: bool,
}

/// One row of a dossier list.
#[derive(Debug, Serialize)]
pub struct Row {
    code: String,
    procedure: String,
    applicant: String,
    received_at: Option<NaiveDateTime>,
    due_at: Option<NaiveDateTime>,
    due_class: &'static str,
    paused: bool,
    status_label: &'static str,
}

#[derive(Serialize)]
struct InboxView {
    overdue: String,
    due_today: String,
    statuses: Vec<StatusOption>,
    filter_label: &'static str,
    rows: Vec<Row>,
    next_link: Option<String>,
    first_page: bool,
}

/// The CSS class of a dossier's urgency (the rule is [`Dossier::urgency`]).
pub fn due_class(d: &Dossier, now: NaiveDateTime) -> &'static str {
    match d.urgency(now) {
        Some(Urgency::Overdue) => "overdue",
        Some(Urgency::DueToday) => "due-today",
        None => "",
    }
}

fn row(d: &Dossier, now: NaiveDateTime) -> Row {
    Row {
        code: d.code.to_string(),
        procedure: d.facts.procedure_name.clone(),
        applicant: d.facts.applicant.name.clone(),
        received_at: d.received_at,
        due_at: d.due_at,
        due_class: due_class(d, now),
        paused: d.open_pause().is_some(),
        status_label: d.status.label_vi(),
    }
}

/// `GET /can-bo`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<InboxQuery>,
) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let now = app.now();
    let due_by = |until: NaiveDateTime| DossierFilter {
        open_only: true,
        due_before: Some(until),
        limit: Some(COUNT_CAP),
        ..DossierFilter::default()
    };
    let overdue = app.list_dossiers(&page.caller, due_by(now)).await?.len();
    let tonight = now
        .date()
        .and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default());
    let by_tonight = app
        .list_dossiers(&page.caller, due_by(tonight))
        .await?
        .len();

    let status = Status::parse(&q.trang_thai);
    let after = cursor(&q);
    let first_page = after.is_none();
    let filter = DossierFilter {
        status,
        open_only: status.is_none() && q.trang_thai != ALL,
        after,
        limit: Some(u32::try_from(PAGE + 1).unwrap_or(u32::MAX)),
        ..DossierFilter::default()
    };
    let mut dossiers = app.list_dossiers(&page.caller, filter).await?;
    let more = dossiers.len() > PAGE;
    dossiers.truncate(PAGE);
    let next_link = dossiers.last().filter(|_| more).map(|last| {
        format!(
            "/can-bo?trang_thai={}&sau={}&ma={}",
            status.map_or(if q.trang_thai == ALL { ALL } else { "" }, Status::code),
            last.created_at.format("%Y-%m-%dT%H:%M:%S%.f"),
            last.key()
        )
    });
    let selected: &str = match status {
        Some(s) => s.code(),
        None => &q.trang_thai,
    };
    let mut statuses = vec![
        StatusOption {
            code: "",
            label: "Đang giải quyết (tất cả)",
            selected: selected.is_empty(),
        },
        StatusOption {
            code: ALL,
            label: "Mọi trạng thái",
            selected: selected == ALL,
        },
    ];
    statuses.extend(Status::ALL.into_iter().map(|s| StatusOption {
        code: s.code(),
        label: s.label_vi(),
        selected: selected == s.code(),
    }));
    let filter_label = match status {
        Some(s) => s.label_vi(),
        None if q.trang_thai == ALL => "Mọi trạng thái",
        None => "Hồ sơ đang giải quyết",
    };
    let view = InboxView {
        overdue: count(overdue),
        due_today: count(by_tonight.saturating_sub(overdue)),
        statuses,
        filter_label,
        rows: dossiers.iter().map(|d| row(d, now)).collect(),
        next_link,
        first_page,
    };
    render_html("inbox.html", Some(&page), &view)
}

fn cursor(q: &InboxQuery) -> Option<Cursor> {
    Some(Cursor {
        created_at: q.sau.parse().ok()?,
        code: DossierCode::parse(&q.ma).ok()?,
    })
}

fn count(n: usize) -> String {
    if n >= COUNT_CAP as usize {
        format!("{COUNT_CAP}+")
    } else {
        n.to_string()
    }
}
