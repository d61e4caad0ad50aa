//! API tokens: sign in for a bearer token, and revoke it.

use crate::AppState;
use crate::api::extract::ApiJson;
use crate::api::time::at;
use crate::auth::{self, ApiActor, ClientIp, SESSION_COOKIE};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use motcua_app::SessionKind;
use serde::Deserialize;
use serde_json::{Value, json};

/// Body of `POST /api/v1/auth/token`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    username: String,
    password: String,
}

/// `POST /api/v1/auth/token`: a bearer token for 30 days; failures are rate-limited per user
/// name and per client address.
pub async fn issue(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiJson(c): ApiJson<Credentials>,
) -> Result<Json<Value>, WebError> {
    let actor = auth::login(&state, &ip, &c.username, &c.password).await?;
    let session = state.app.open_session(&actor, SessionKind::Api).await?;
    Ok(Json(json!({
        "token": session.secret,
        "token_type": "Bearer",
        "expires_at": at(session.expires_at),
    })))
}

/// `POST /api/v1/auth/logout`: revokes the bearer token used (or ends the cookie session and
/// clears the cookie).
pub async fn logout(
    State(state): State<AppState>,
    _: ApiActor,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = auth::bearer(&headers) {
        state.app.close_session(token).await?;
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    if let Some(secret) = auth::cookie(&headers, SESSION_COOKIE) {
        state.app.close_session(secret).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::clear_session_cookie(state.config.secure_cookies)) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(response)
}
