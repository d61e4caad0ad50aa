//! Administrators' changes to the working calendar.

use crate::AppState;
use crate::api::extract::ApiJson;
use crate::api::time::opt;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use motcua_app::CalendarChange;
use serde_json::{Value, json};

/// `POST /api/v1/calendar/days`: changes one day; answers the open dossiers whose due instant
/// moved, with the old and new instants.
pub async fn change_day(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiJson(change): ApiJson<CalendarChange>,
) -> Result<Json<Value>, WebError> {
    let moved = state.app.change_calendar_day(&caller, change).await?;
    let recomputed: Vec<Value> = moved
        .iter()
        .map(|m| json!({ "code": m.code, "from": opt(m.from), "to": opt(m.to) }))
        .collect();
    Ok(Json(json!({ "recomputed": recomputed })))
}
