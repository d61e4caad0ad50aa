//! `GET /can-bo/tong-quan`: the dashboard of leaders and reform officers (Tổng quan) for a unit
//! and its subtree: headline figures, the last twelve months, the period by field, the ranking
//! of the child units and the Decision 766 groups. Every chart is SVG drawn on the server, with
//! its numbers in a table beside it, so the page reads and prints without JavaScript.
//!
//! Periods are calendar periods, as on the 766 page: the months of the trend and the 766 index
//! are calendar months. The link to the periodic report asks for the same dates.

use super::dashboard_sections::{self as sections, FieldRow, GroupRow, MonthRow, RankRow, Section};
use super::error::PageError;
use super::report_period::{PeriodQuery, Picker};
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::NaiveDateTime;
use motcua_app::usecases::dashboard::Dashboard;
use motcua_domain::format::integer;
use motcua_domain::stats::ON_TIME_766_VS_REPORT;
use motcua_domain::stats::format::points;
use serde::Serialize;

/// A headline figure, linking to where it comes from.
#[derive(Debug, Serialize)]
struct Card {
    label: &'static str,
    value: String,
    note: String,
    href: String,
    link: &'static str,
    class: &'static str,
}

#[derive(Serialize)]
struct DashboardView {
    picker: Picker,
    unit_name: String,
    period_label: String,
    now: NaiveDateTime,
    cards: Vec<Card>,
    report_link: String,
    index_link: String,
    trend: Section<MonthRow>,
    fields: Section<FieldRow>,
    ranking: Section<RankRow>,
    groups: Section<GroupRow>,
    estimate: bool,
    on_time_note: &'static str,
}

fn count(n: u64) -> String {
    integer(i64::try_from(n).unwrap_or(i64::MAX))
}

fn cards(d: &Dashboard, report_link: &str, index_link: &str) -> Vec<Card> {
    let t = &d.total;
    let rate = t.on_time_rate();
    let card = |label, value, note: String, href: &str, link, class| Card {
        label,
        value,
        note,
        href: href.to_owned(),
        link,
        class,
    };
    vec![
        card(
            "Quá hạn hiện nay",
            count(d.overdue_now),
            "hồ sơ đang giải quyết đã quá hạn".into(),
            "/can-bo",
            "Danh sách hồ sơ",
            "overdue",
        ),
        card(
            "Đến hạn hôm nay",
            count(d.due_today),
            "hồ sơ phải trả kết quả trong ngày".into(),
            "/can-bo",
            "Danh sách hồ sơ",
            "due-today",
        ),
        card(
            "Tiếp nhận trong kỳ",
            count(t.received_total()),
            format!(
                "mới {} (trực tuyến {}), kỳ trước chuyển sang {}",
                count(t.received_online + t.received_direct),
                count(t.received_online),
                count(t.carried_over)
            ),
            report_link,
            "Báo cáo",
            "",
        ),
        card(
            "Đã giải quyết",
            count(t.resolved_total()),
            format!("quá hạn {}", count(t.late)),
            report_link,
            "Báo cáo",
            "",
        ),
        card(
            "Đang giải quyết",
            count(t.pending_total()),
            format!("quá hạn {}", count(t.overdue)),
            report_link,
            "Báo cáo",
            "",
        ),
        card(
            "Tỷ lệ đúng hạn",
            rate.rate_vi(),
            format!(
                "{} / {} hồ sơ đã giải quyết",
                count(rate.numerator),
                count(rate.denominator)
            ),
            report_link,
            "Báo cáo",
            "",
        ),
        card(
            "Chỉ số 766 (điểm chính thức)",
            format!("{} / 100", points(d.index.official())),
            format!(
                "trên phần tính được: {} / 100 ({} / {} điểm)",
                points(d.index.normalised()),
                points(d.index.points),
                points(d.index.counted_max)
            ),
            index_link,
            "Chỉ số 766",
            "",
        ),
    ]
}

/// `GET /can-bo/tong-quan`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>, PageError> {
    let app = &state.app;
    let period = q.period(app.now().date(), true)?;
    let d = app.dashboard(&page.caller, period, q.unit()?).await?;
    let units = app.report_units(&page.caller).await?;
    let picker = q.picker(&period, true, &units);
    let unit = format!("don_vi={}", d.unit.code);
    let report_link = format!(
        "/can-bo/bao-cao?loai=khoang&tu={}&den={}&{unit}",
        period.from(),
        period.to()
    );
    let index_link = format!("/can-bo/chi-so-766?{}&{unit}", picker.period_query);
    let view = DashboardView {
        cards: cards(&d, &report_link, &index_link),
        unit_name: d.unit.name.clone(),
        period_label: period.label_vi(),
        now: d.now,
        trend: sections::trend(&d),
        fields: sections::fields(&d.fields),
        ranking: sections::ranking(&d.ranking),
        groups: sections::groups(&d),
        estimate: d.index.estimate,
        on_time_note: ON_TIME_766_VS_REPORT,
        report_link,
        index_link,
        picker,
    };
    render_html("dashboard.html", Some(&page), &view)
}
