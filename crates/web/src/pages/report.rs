//! `GET /can-bo/bao-cao`: the periodic report (Biểu II.06a) of a unit and its subtree, per unit
//! and per field with the totals, exports to CSV, XLSX and PDF, printable on A4 landscape.

use super::error::PageError;
use super::report_period::{PeriodQuery, Picker};
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Query, State};
use axum::response::Html;
use motcua_app::FieldRows;
use motcua_report::{FigureLine, RowKind, TthcRow, figure_lines, numbered, tthc_rows};
use serde::Serialize;

#[derive(Serialize)]
struct Line {
    stt: String,
    name: String,
    depth: usize,
    cols: [u64; 11],
}

#[derive(Serialize)]
struct Section {
    numeral: &'static str,
    title: &'static str,
    rows: Vec<Line>,
}

#[derive(Serialize)]
struct ReportView {
    picker: Picker,
    unit_name: String,
    period_name: String,
    period_dates: String,
    sections: Vec<Section>,
    total: [u64; 11],
    groups: [(&'static str, usize); 3],
    labels: Vec<&'static str>,
    numbers: Vec<u8>,
    /// The other figures ("Chỉ tiêu khác").
    figures: Vec<FigureLine>,
}

fn lines(rows: &[TthcRow], kind: RowKind) -> Vec<Line> {
    numbered(rows, kind)
        .into_iter()
        .map(|(stt, r)| Line {
            stt,
            name: r.name.clone(),
            depth: r.depth,
            cols: r.columns.row(),
        })
        .collect()
}

/// `GET /can-bo/bao-cao`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let period = q.period(app.now().date(), false)?;
    let unit = q.report_unit()?;
    let with_predecessors = unit.with_predecessors;
    let fields = q.field_rows();
    let r = app
        .report_tthc_with(&page.caller, period, unit, fields)
        .await?;
    let units = app.report_units(&page.caller).await?;
    let rows = tthc_rows(&r);
    let columns = &motcua_report::COLUMNS;
    let view = ReportView {
        picker: q
            .picker(&period, false, &units)
            .offering_predecessors(with_predecessors)
            .offering_fields_by_unit(fields == FieldRows::UnderEachUnit),
        unit_name: r.unit.name.clone(),
        period_name: period.name_vi(),
        period_dates: period.dates_vi(),
        sections: vec![
            Section {
                numeral: "I",
                title: "Theo đơn vị",
                rows: lines(&rows, RowKind::Unit),
            },
            Section {
                numeral: "II",
                title: "Theo lĩnh vực",
                rows: lines(&rows, RowKind::Field),
            },
        ],
        total: r.report.total.row(),
        groups: [(columns[2].2, 4), (columns[6].2, 4), (columns[10].2, 3)],
        labels: columns[2..].iter().map(|c| c.3).collect(),
        numbers: columns.iter().map(|c| c.0).collect(),
        figures: figure_lines(&r.figures),
    };
    render_html("report.html", Some(&page), &view)
}
