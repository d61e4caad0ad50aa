//! `GET /api/v1/reports/dashboard`: the figures of the dashboard page (`/can-bo/tong-quan`) as
//! JSON: what is overdue or due today, the period's columns, twelve calendar months, the period
//! by field, the ranking of the child units and the Decision 766 groups.

use super::reports::{Format, ReportParams, parse};
use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use motcua_app::usecases::dashboard::Dashboard;
use motcua_domain::org::Unit;
use motcua_domain::stats::format::points;
use motcua_domain::stats::{Columns, Fraction, Index766};
use motcua_report::{columns_json, period_json};
use serde_json::{Value, json};

/// `GET /api/v1/reports/dashboard`.
pub async fn dashboard(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<Value>, WebError> {
    let (period, unit, format) = parse(&params)?;
    if format != Format::Json {
        return Err(WebError::InvalidParameter(
            "tổng quan chỉ có định dạng json".into(),
        ));
    }
    let d = state.app.dashboard(&caller, period, unit).await?;
    Ok(Json(dashboard_json(&d)))
}

fn unit_json(u: &Unit) -> Value {
    json!({ "code": u.code, "name": u.name })
}

fn fraction_json(f: &Fraction) -> Value {
    json!({
        "numerator": f.numerator,
        "denominator": f.denominator,
        "rate": f.rate(),
        "rate_text": f.rate_vi(),
    })
}

/// Columns 3–13 with the on-time rate (ended early or on time ÷ ended) and `extra` keys.
fn columns_with(c: &Columns, extra: Value) -> Value {
    let mut v = columns_json(c);
    let on_time = Fraction {
        numerator: c.early + c.on_time,
        denominator: c.resolved_total(),
    };
    if let Some(map) = v.as_object_mut() {
        map.insert("on_time_rate".into(), fraction_json(&on_time));
        if let Value::Object(extra) = extra {
            map.extend(extra);
        }
    }
    v
}

fn index_json(x: &Index766, groups: bool) -> Value {
    let mut v = json!({
        "points": x.points,
        "points_text": points(x.points),
        "counted_max": x.counted_max,
        "normalised": x.normalised(),
        "normalised_text": points(x.normalised()),
        "estimate": x.estimate,
    });
    if groups && let Some(map) = v.as_object_mut() {
        let groups: Vec<Value> = x
            .groups
            .iter()
            .map(|g| {
                json!({
                    "code": g.group.code(),
                    "label": g.group.label_vi(),
                    "points": g.points,
                    "points_text": points(g.points),
                    "max_points": g.max_points,
                    "counted_max": g.counted_max,
                })
            })
            .collect();
        map.insert("groups".into(), json!(groups));
    }
    v
}

/// The dashboard as JSON (the schema `Dashboard` of the OpenAPI document).
fn dashboard_json(d: &Dashboard) -> Value {
    let months: Vec<Value> = d
        .months
        .iter()
        .map(|m| {
            columns_with(
                &m.columns,
                json!({ "from": m.period.from(), "to": m.period.to() }),
            )
        })
        .collect();
    let fields: Vec<Value> = d
        .fields
        .iter()
        .map(|f| columns_with(&f.columns, json!({ "name": f.name })))
        .collect();
    let ranking: Vec<Value> = d
        .ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            columns_with(
                &r.columns,
                json!({
                    "rank": i + 1,
                    "unit": unit_json(&r.unit),
                    "index766": index_json(&r.index, false),
                }),
            )
        })
        .collect();
    json!({
        "unit": unit_json(&d.unit),
        "period": period_json(&d.period),
        "now": d.now,
        "overdue_now": d.overdue_now,
        "due_today": d.due_today,
        "total": columns_with(&d.total, json!({})),
        "months": months,
        "fields": fields,
        "ranking": ranking,
        "index766": index_json(&d.index, true),
    })
}
