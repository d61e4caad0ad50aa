//! `GET /can-bo/chi-so-766`: the Decision 766 index of a unit and its subtree, group by group,
//! each indicator with its figures, rate and points and a link to the dossiers that lost them;
//! `GET /can-bo/chi-so-766/ho-so?chi_so=2.1`: those dossiers.

use super::error::PageError;
use super::report_period::{PeriodQuery, Picker};
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Query, State};
use axum::response::Html;
use motcua_domain::stats::format::{points, rate_percent};
use motcua_domain::stats::{Indicator, ON_TIME_766_VS_REPORT, Source};
use motcua_report::IndexReport;
use serde::{Deserialize, Serialize};

/// Dossiers listed on the drill-down page; the API gives them all.
const SHOWN: usize = 1000;

#[derive(Serialize)]
struct IndicatorView {
    code: &'static str,
    label: &'static str,
    counted: bool,
    numerator: u64,
    denominator: u64,
    rate: String,
    threshold: String,
    points: String,
    max_points: String,
    losers: usize,
    from_records: bool,
    scored: bool,
    estimate: bool,
}

#[derive(Serialize)]
struct GroupView {
    code: &'static str,
    label: &'static str,
    points: String,
    max_points: String,
    counted_max: String,
    indicators: Vec<IndicatorView>,
}

#[derive(Serialize)]
struct IndexView {
    picker: Picker,
    unit_name: String,
    period_label: String,
    official: String,
    points: String,
    counted_max: String,
    normalised: String,
    estimate: bool,
    groups: Vec<GroupView>,
    on_time_note: &'static str,
}

fn indicator(r: &IndexReport, i: &Indicator) -> IndicatorView {
    IndicatorView {
        code: i.id.code(),
        label: i.id.label_vi(),
        counted: i.counted(),
        numerator: i.numerator,
        denominator: i.denominator,
        rate: i.rate_vi(),
        threshold: rate_percent(i.threshold),
        points: points(i.points),
        max_points: points(i.max_points),
        losers: r.loser_count(i.id),
        from_records: i.id.source() == Source::Records,
        scored: i.scored(),
        estimate: i.estimate,
    }
}

/// `GET /can-bo/chi-so-766`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let period = q.period(app.now().date(), true)?;
    let r = app.index766(&page.caller, period, q.unit()?).await?;
    let units = app.report_units(&page.caller).await?;
    let x = &r.index;
    let groups = x
        .groups
        .iter()
        .map(|g| GroupView {
            code: g.group.code(),
            label: g.group.label_vi(),
            points: points(g.points),
            max_points: points(g.max_points),
            counted_max: points(g.counted_max),
            indicators: x
                .indicators
                .iter()
                .filter(|i| i.group == g.group)
                .map(|i| indicator(&r, i))
                .collect(),
        })
        .collect();
    let view = IndexView {
        picker: q.picker(&period, true, &units),
        unit_name: r.unit.name.clone(),
        period_label: period.label_vi(),
        official: points(x.official()),
        points: points(x.points),
        counted_max: points(x.counted_max),
        normalised: points(x.normalised()),
        estimate: x.estimate,
        groups,
        on_time_note: ON_TIME_766_VS_REPORT,
    };
    render_html("index766.html", Some(&page), &view)
}

/// The indicator of the drill-down.
#[derive(Debug, Default, Deserialize)]
pub struct LoserQuery {
    #[serde(default)]
    chi_so: String,
}

#[derive(Serialize)]
struct LosersView {
    picker: Picker,
    code: &'static str,
    label: &'static str,
    unit_name: String,
    period_label: String,
    count: usize,
    codes: Vec<String>,
    more: bool,
}

/// `GET /can-bo/chi-so-766/ho-so?chi_so=2.1&…`.
pub async fn losers(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<PeriodQuery>,
    Query(which): Query<LoserQuery>,
) -> Result<Html<String>, PageError> {
    let id = motcua_report::indicator_by_code(&which.chi_so)
        .filter(|id| id.source() == Source::Records)
        .ok_or(PageError::NotFound)?;
    let app = &state.app;
    let period = q.period(app.now().date(), true)?;
    let r = app.index766(&page.caller, period, q.unit()?).await?;
    let units = app.report_units(&page.caller).await?;
    let count = r.loser_count(id);
    let view = LosersView {
        picker: q.picker(&period, true, &units),
        code: id.code(),
        label: id.label_vi(),
        unit_name: r.unit.name.clone(),
        period_label: period.label_vi(),
        count,
        codes: r
            .losers_of(id)
            .take(SHOWN)
            .map(ToString::to_string)
            .collect(),
        more: count > SHOWN,
    };
    render_html("index766_losers.html", Some(&page), &view)
}
