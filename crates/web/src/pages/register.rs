//! `GET /can-bo/so-theo-doi`: the tracking register (Sổ theo dõi hồ sơ, Mẫu 06/07) of a unit's
//! desks for a period, printable on A4 landscape, exportable to CSV, XLSX and PDF.

use super::error::PageError;
use super::report_period::{PeriodQuery, Picker};
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::NaiveDateTime;
use motcua_report::{register_desk_and_form, register_lines};
use serde::Serialize;

#[derive(Serialize)]
struct RegisterView {
    picker: Picker,
    unit_name: String,
    period_label: String,
    as_of: NaiveDateTime,
    desk: &'static str,
    form: &'static str,
    lines: Vec<[String; 18]>,
}

/// `GET /can-bo/so-theo-doi`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let period = q.period(app.now().date(), true)?;
    let r = app.register(&page.caller, period, q.unit()?).await?;
    let units = app.report_units(&page.caller).await?;
    let (desk, form) = register_desk_and_form(&r);
    let view = RegisterView {
        desk,
        form,
        picker: q.picker(&period, true, &units),
        unit_name: r.unit.name.clone(),
        period_label: period.label_vi(),
        as_of: r.as_of,
        lines: register_lines(&r).into_iter().map(|l| l.0).collect(),
    };
    render_html("register.html", Some(&page), &view)
}
