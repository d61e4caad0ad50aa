//! The public list of units.

use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// `GET /api/v1/units`: every unit with its code, name, kind and parent.
pub async fn list(State(state): State<AppState>) -> Result<Json<Value>, WebError> {
    let org = state.app.org().await?;
    let items: Vec<Value> = org
        .units()
        .iter()
        .map(|u| {
            json!({
                "code": u.code,
                "name": u.name,
                "kind": u.kind,
                "kind_label": u.kind.label_vi(),
                "parent": u.parent,
                "valid_to": u.valid_to,
                "successor": u.successor,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}
