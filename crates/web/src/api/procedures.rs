//! The public catalogue of procedures.

use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use motcua_domain::catalogue::ProcedureVersion;
use serde::Deserialize;
use serde_json::{Value, json};

/// Query of `GET /api/v1/procedures`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

/// `GET /api/v1/procedures?q=`: current procedures whose code, name or field contain every word
/// of `q`, ignoring case and diacritics.
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<Value>, WebError> {
    let found = state.app.search_procedures(&params.q).await?;
    let items: Vec<Value> = found.iter().map(summary).collect();
    Ok(Json(json!({ "items": items })))
}

/// `GET /api/v1/procedures/{code}`: the current version in full.
pub async fn get(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Value>, WebError> {
    let p = state.app.procedure(&code).await?;
    // The published content has dates but no instants, so its own form is the API's.
    let mut v = serde_json::to_value(&p).map_err(|e| WebError::Internal(e.to_string()))?;
    if let Some(map) = v.as_object_mut() {
        map.insert(
            "time_limit_text".into(),
            json!(p.spec.effective_time_limit().to_string()),
        );
        map.insert("total_fee".into(), json!(p.spec.total_fee()));
    }
    Ok(Json(v))
}

fn summary(p: &ProcedureVersion) -> Value {
    let s = &p.spec;
    json!({
        "code": s.code,
        "name": s.name,
        "field": s.field,
        "level": s.level,
        "version": p.version,
        "status": p.status,
        "time_limit": s.effective_time_limit(),
        "time_limit_text": s.effective_time_limit().to_string(),
        "total_fee": s.total_fee(),
        "online_level": s.online_level,
        "payment_pause_allowed": s.payment_pause_allowed,
    })
}
