//! The citizen's status look-up: no login, a second factor, a rate limit per address.

use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::api::time::opt;
use crate::auth::ClientIp;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use motcua_app::Caller;
use serde::Deserialize;
use serde_json::{Value, json};

/// Query of the look-up: the phone or the ID number declared on the dossier.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    phone: Option<String>,
    id_number: Option<String>,
}

/// `GET /api/v1/public/dossiers/{code}?phone=…` (or `id_number=…`): the status view. A wrong
/// code and a wrong factor give the same 404, so the answer does not reveal which dossiers exist.
pub async fn lookup(
    State(state): State<AppState>,
    ip: ClientIp,
    Path(code): Path<String>,
    ApiQuery(factor): ApiQuery<Factor>,
) -> Result<Json<Value>, WebError> {
    crate::auth::check_lookup(&state, &ip)?;
    let factor = factor.phone.or(factor.id_number).unwrap_or_default();
    let v = state
        .app
        .public_lookup(&Caller::public(), &code, &factor)
        .await?;
    Ok(Json(json!({
        "code": v.code,
        "procedure_name": v.procedure_name,
        "status": v.status,
        "status_label": v.status_label,
        "received_at": opt(v.received_at),
        "due_at": opt(v.due_at),
        "new_appointment": opt(v.new_appointment),
        "summary": v.summary,
        "returned_at": opt(v.returned_at),
    })))
}
