//! Dossiers: intake, lists, detail and actions (staff only).

mod cursor;
mod dto;

use crate::AppState;
use crate::api::extract::{ApiJson, ApiQuery};
use crate::api::time;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use dto::{DossierDetail, DossierSummary};
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey};
use motcua_app::store::Cursor;
use motcua_app::{DossierFilter, IntakeRequest};
use motcua_domain::dossier::{Action, Status};
use serde::Deserialize;
use serde_json::{Value, json};

/// Largest page of a list.
const MAX_LIMIT: u32 = 200;

/// `POST /api/v1/dossiers`: receives a dossier at the desk. With an `Idempotency-Key` header,
/// a retry answers the dossier created the first time (also `201`: the client cannot tell, and
/// need not). Keys are per user, so two officers cannot collide.
pub async fn create(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    headers: HeaderMap,
    ApiJson(req): ApiJson<IntakeRequest>,
) -> Result<(StatusCode, Json<DossierDetail>), WebError> {
    let key = headers
        .get("idempotency-key")
        .map(|v| ClientKey::parse(KeyChannel::Api, v.to_str().unwrap_or("")))
        .transpose()?;
    let view = state.app.intake(&caller, req, key).await?;
    let now = state.app.now();
    Ok((StatusCode::CREATED, Json(DossierDetail::new(view, now))))
}

/// Query of `GET /api/v1/dossiers`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    status: Option<String>,
    open: Option<String>,
    due_before: Option<String>,
    after: Option<String>,
    limit: Option<String>,
}

/// `GET /api/v1/dossiers`: the dossiers of the caller's units, newest first, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Value>, WebError> {
    let bad = |name: &str, value: &str| {
        WebError::InvalidParameter(format!(
            "giá trị «{value}» của tham số «{name}» không hợp lệ"
        ))
    };
    let status = match params.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(Status::parse(s).ok_or_else(|| bad("status", s))?),
        None => None,
    };
    let open_only = match params.open.as_deref() {
        None | Some("" | "false" | "0") => false,
        Some("true" | "1") => true,
        Some(other) => return Err(bad("open", other)),
    };
    let due_before = match params.due_before.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(time::parse(s).ok_or_else(|| bad("due_before", s))?),
        None => None,
    };
    let after = match params.after.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(cursor::decode(s).ok_or_else(|| bad("after", s))?),
        None => None,
    };
    let limit = match params.limit.as_deref() {
        Some(s) => s
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| bad("limit", s))?,
        None => 50,
    };
    let filter = DossierFilter {
        status,
        open_only,
        due_before,
        after,
        // One more than asked, to know whether there is a next page.
        limit: Some(limit + 1),
    };
    let mut page = state.app.list_dossiers(&caller, filter).await?;
    let more = page.len() > limit as usize;
    page.truncate(limit as usize);
    let next = page.last().filter(|_| more).map(|d| {
        cursor::encode(&Cursor {
            created_at: d.created_at,
            code: d.code.clone(),
        })
    });
    let now = state.app.now();
    let items: Vec<DossierSummary> = page.iter().map(|d| DossierSummary::new(d, now)).collect();
    Ok(Json(json!({ "items": items, "next": next })))
}

/// `GET /api/v1/dossiers/{code}`: a dossier with its events and the explanation of its due date.
pub async fn get(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    Path(code): Path<String>,
) -> Result<Json<DossierDetail>, WebError> {
    let view = state.app.dossier(&caller, &code).await?;
    Ok(Json(DossierDetail::new(view, state.app.now())))
}

/// `POST /api/v1/dossiers/{code}/actions`: one step of the lifecycle; answers the dossier after
/// it, with the warnings of the action.
pub async fn act(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    Path(code): Path<String>,
    ApiJson(action): ApiJson<Action>,
) -> Result<Json<DossierDetail>, WebError> {
    let view = state.app.act(&caller, &code, action).await?;
    Ok(Json(DossierDetail::new(view, state.app.now())))
}
