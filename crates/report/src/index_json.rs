//! The Decision 766 index as JSON: groups with their indicators, figures, rates and points
//! (unrounded, and as Vietnamese text rounded to two decimals), and the dossiers that lost points.

use crate::tthc::period_json;
use motcua_app::usecases::reports::IndexReport;
use motcua_domain::stats::format::{points, rate_percent};
use motcua_domain::stats::{Indicator, IndicatorId, Source};
use serde_json::{Value, json};

/// Dossier codes shown per indicator in the JSON; the full list is a drill-down request.
pub const LOSER_SAMPLE: usize = 20;

/// The API name of an indicator: `on_time`.
fn name(id: IndicatorId) -> String {
    serde_json::to_value(id)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An indicator by its number (`2.1`) or its API name (`on_time`).
pub fn indicator_by_code(code: &str) -> Option<IndicatorId> {
    let code = code.trim();
    IndicatorId::ALL
        .into_iter()
        .find(|id| id.code() == code || name(*id) == code)
}

fn source(s: Source) -> &'static str {
    match s {
        Source::Records => "records",
        Source::Catalogue => "catalogue",
        Source::Input => "input",
    }
}

fn indicator_json(r: &IndexReport, i: &Indicator) -> Value {
    let mut v = json!({
        "id": name(i.id),
        "code": i.id.code(),
        "label": i.id.label_vi(),
        "source": source(i.id.source()),
        "computable": i.computable,
        "applicable": i.applicable,
        "counted": i.counted(),
        "numerator": i.numerator,
        "denominator": i.denominator,
        "rate": i.rate,
        "rate_text": i.rate_vi(),
        "threshold": i.threshold,
        "threshold_text": rate_percent(i.threshold),
        "max_points": i.max_points,
        "max_points_text": points(i.max_points),
        "points": i.points,
        "points_text": points(i.points),
        "lost_points": i.lost_points(),
        "lost_points_text": points(i.lost_points()),
    });
    if i.id.source() == Source::Records
        && let Some(map) = v.as_object_mut()
    {
        let sample: Vec<&str> = r
            .losers_of(i.id)
            .take(LOSER_SAMPLE)
            .map(|c| c.as_str())
            .collect();
        map.insert(
            "losers".into(),
            json!({ "count": r.loser_count(i.id), "sample": sample }),
        );
    }
    v
}

/// The index as JSON: the unit, the period, the total and its maximum over the counted
/// indicators, and each group with its indicators. `estimate` is true while the split of group
/// points among indicators is not the official one.
pub fn index766_json(r: &IndexReport) -> Value {
    let x = &r.index;
    let groups: Vec<Value> = x
        .groups
        .iter()
        .map(|g| {
            let indicators: Vec<Value> = x
                .indicators
                .iter()
                .filter(|i| i.group == g.group)
                .map(|i| indicator_json(r, i))
                .collect();
            json!({
                "group": g.group,
                "code": g.group.code(),
                "label": g.group.label_vi(),
                "points": g.points,
                "points_text": points(g.points),
                "max_points": g.max_points,
                "counted_max": g.counted_max,
                "indicators": indicators,
            })
        })
        .collect();
    json!({
        "title": "Chỉ số đánh giá chất lượng phục vụ (Quyết định 766/QĐ-TTg)",
        "unit": { "code": r.unit.code, "name": r.unit.name },
        "period": period_json(r.period()),
        "estimate": x.estimate,
        "points": x.points,
        "points_text": points(x.points),
        "counted_max": x.counted_max,
        "counted_max_text": points(x.counted_max),
        "normalised": x.normalised(),
        "normalised_text": points(x.normalised()),
        "groups": groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_are_found_by_number_or_name() {
        assert_eq!(indicator_by_code("2.1"), Some(IndicatorId::OnTime));
        assert_eq!(indicator_by_code("on_time"), Some(IndicatorId::OnTime));
        assert_eq!(indicator_by_code("5.4"), Some(IndicatorId::Satisfaction));
        assert_eq!(indicator_by_code("9.9"), None);
    }
}
