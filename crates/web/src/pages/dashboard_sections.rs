//! The sections of the dashboard (`/can-bo/tong-quan`): each a chart drawn by [`crate::charts`]
//! and the rows of the table of its numbers. Counts stay numbers (the template formats them
//! with `|integer`); rates and points are formatted here, the Vietnamese way (`70,98%`, `17,50`).

use crate::charts::{Bar, Chart, Colour, Series};
use chrono::Datelike;
use motcua_app::usecases::dashboard::{Dashboard, FieldColumns, MonthColumns, UnitRank};
use motcua_domain::stats::format::points;
use serde::Serialize;

/// A chart and the rows of its table.
#[derive(Debug, Serialize)]
pub struct Section<R> {
    /// The charts as SVG text. Every text in them is escaped by the charts module, so the
    /// template may insert them as they are.
    pub svgs: Vec<String>,
    /// The rows of the table beside the charts.
    pub rows: Vec<R>,
}

fn series(label: &str, colour: Colour) -> Series {
    Series {
        label: label.to_owned(),
        colour,
    }
}

/// One month of the trend.
#[derive(Debug, Serialize)]
pub struct MonthRow {
    month: String,
    online: u64,
    direct: u64,
    received: u64,
    early: u64,
    on_time: u64,
    late: u64,
    resolved: u64,
    rate: String,
}

fn month_label(m: &MonthColumns) -> String {
    format!("{:02}/{}", m.period.from().month(), m.period.from().year())
}

/// The last twelve months: new dossiers by channel, ended dossiers by timeliness.
pub fn trend(d: &Dashboard) -> Section<MonthRow> {
    let received = Chart {
        title: "Hồ sơ tiếp nhận mới theo tháng".into(),
        series: vec![
            series("Trực tuyến", Colour::Blue),
            series("Trực tiếp, bưu chính", Colour::Teal),
        ],
        bars: d
            .months
            .iter()
            .map(|m| {
                let c = &m.columns;
                Bar::counts(month_label(m), &[c.received_online, c.received_direct])
            })
            .collect(),
    };
    let resolved = Chart {
        title: "Hồ sơ đã giải quyết theo tháng".into(),
        series: vec![
            series("Trước hạn", Colour::Green),
            series("Đúng hạn", Colour::Teal),
            series("Quá hạn", Colour::Red),
        ],
        bars: d
            .months
            .iter()
            .map(|m| {
                let c = &m.columns;
                Bar::counts(month_label(m), &[c.early, c.on_time, c.late])
            })
            .collect(),
    };
    let rows = d
        .months
        .iter()
        .map(|m| {
            let c = &m.columns;
            MonthRow {
                month: month_label(m),
                online: c.received_online,
                direct: c.received_direct,
                received: c.received_online + c.received_direct,
                early: c.early,
                on_time: c.on_time,
                late: c.late,
                resolved: c.resolved_total(),
                rate: c.on_time_rate().rate_vi(),
            }
        })
        .collect();
    Section {
        svgs: vec![received.columns_svg(), resolved.columns_svg()],
        rows,
    }
}

/// One field of the period.
#[derive(Debug, Serialize)]
pub struct FieldRow {
    name: String,
    received: u64,
    resolved: u64,
    in_time: u64,
    late: u64,
    pending: u64,
    overdue: u64,
    rate: String,
}

/// The period by field: every dossier counted, by what became of it.
pub fn fields(fields: &[FieldColumns]) -> Section<FieldRow> {
    let chart = Chart {
        title: "Hồ sơ trong kỳ theo lĩnh vực".into(),
        series: vec![
            series("Đã giải quyết trước hạn, đúng hạn", Colour::Green),
            series("Đã giải quyết quá hạn", Colour::Red),
            series("Đang giải quyết trong hạn", Colour::Blue),
            series("Đang giải quyết quá hạn", Colour::Amber),
        ],
        bars: fields
            .iter()
            .map(|f| {
                let c = &f.columns;
                Bar::counts(
                    f.name.clone(),
                    &[c.early + c.on_time, c.late, c.not_due, c.overdue],
                )
            })
            .collect(),
    };
    let rows = fields
        .iter()
        .map(|f| {
            let c = &f.columns;
            FieldRow {
                name: f.name.clone(),
                received: c.received_total(),
                resolved: c.resolved_total(),
                in_time: c.early + c.on_time,
                late: c.late,
                pending: c.pending_total(),
                overdue: c.overdue,
                rate: c.on_time_rate().rate_vi(),
            }
        })
        .collect();
    Section {
        svgs: vec![chart.rows_svg()],
        rows,
    }
}

/// One child unit of the ranking.
#[derive(Debug, Serialize)]
pub struct RankRow {
    rank: usize,
    code: String,
    name: String,
    received: u64,
    resolved: u64,
    in_time: u64,
    rate: String,
    points: String,
    counted_max: String,
    score: String,
}

/// The child units in the order of the use case (best 766 score, then best on-time rate).
pub fn ranking(ranks: &[UnitRank]) -> Section<RankRow> {
    if ranks.is_empty() {
        return Section {
            svgs: Vec::new(),
            rows: Vec::new(),
        };
    }
    let on_time_chart = Chart {
        title: "Tỷ lệ giải quyết trước hạn, đúng hạn của các đơn vị trực thuộc".into(),
        series: vec![series("Tỷ lệ đúng hạn (%)", Colour::Green)],
        bars: ranks
            .iter()
            .map(|r| Bar {
                label: r.unit.name.clone(),
                values: vec![r.on_time.rate().map_or(0.0, |x| x * 100.0)],
                track: Some(100.0),
                shown: r.on_time.rate_vi(),
            })
            .collect(),
    };
    let index_chart = Chart {
        title: "Chỉ số 766 của các đơn vị trực thuộc, quy đổi thang 100".into(),
        series: vec![series("Điểm thang 100", Colour::Blue)],
        bars: ranks
            .iter()
            .map(|r| Bar {
                label: r.unit.name.clone(),
                values: vec![r.index.normalised()],
                track: Some(100.0),
                shown: points(r.index.normalised()),
            })
            .collect(),
    };
    let rows = ranks
        .iter()
        .enumerate()
        .map(|(i, r)| RankRow {
            rank: i + 1,
            code: r.unit.code.to_string(),
            name: r.unit.name.clone(),
            received: r.columns.received_total(),
            resolved: r.columns.resolved_total(),
            in_time: r.on_time.numerator,
            rate: r.on_time.rate_vi(),
            points: points(r.index.points),
            counted_max: points(r.index.counted_max),
            score: points(r.index.normalised()),
        })
        .collect();
    Section {
        svgs: vec![index_chart.rows_svg(), on_time_chart.rows_svg()],
        rows,
    }
}

/// One group of the Decision 766 index.
#[derive(Debug, Serialize)]
pub struct GroupRow {
    code: &'static str,
    label: &'static str,
    points: String,
    counted_max: String,
    max_points: String,
}

/// The groups of the unit's Decision 766 index: points against the group's maximum.
pub fn groups(d: &Dashboard) -> Section<GroupRow> {
    let groups = &d.index.groups;
    let chart = Chart {
        title: "Điểm các nhóm chỉ số 766 so với điểm tối đa".into(),
        series: vec![series("Điểm đạt", Colour::Blue)],
        bars: groups
            .iter()
            .map(|g| Bar {
                label: g.group.label_vi().to_owned(),
                values: vec![g.points],
                track: Some(g.max_points),
                shown: format!("{} / {}", points(g.points), points(g.max_points)),
            })
            .collect(),
    };
    let rows = groups
        .iter()
        .map(|g| GroupRow {
            code: g.group.code(),
            label: g.group.label_vi(),
            points: points(g.points),
            counted_max: points(g.counted_max),
            max_points: points(g.max_points),
        })
        .collect();
    Section {
        svgs: vec![chart.rows_svg()],
        rows,
    }
}
