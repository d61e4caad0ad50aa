//! API tokens: sign in for a bearer token, and revoke it.

use crate::AppState;
use crate::api::extract::{ApiJson, ApiQuery, NoQuery};
use crate::api::responses::{
    BadRequest, Forbidden, Internal, PayloadTooLarge, TooManyRequests, Unauthorized,
    UnsupportedMediaType,
};
use crate::api::time::LocalInstant;
use crate::auth::{self, ApiActor, ClientIp, SESSION_COOKIE};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use motcua_app::SessionKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Tên đăng nhập và mật khẩu.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// Tên đăng nhập.
    #[schema(example = "tiepnhan")]
    username: String,
    /// Mật khẩu.
    #[schema(format = Password)]
    password: String,
}

/// Mã truy cập.
#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    /// Mã truy cập, gửi trong header Authorization: Bearer <token>.
    token: String,
    /// Luôn là Bearer.
    #[schema(example = "Bearer")]
    token_type: &'static str,
    /// Thời điểm hết hạn (30 ngày).
    expires_at: LocalInstant,
}

/// `POST /api/v1/auth/token`: a bearer token for 30 days; failures are rate-limited per user
/// name and per client address.
#[utoipa::path(
    post,
    path = "/api/v1/auth/token",
    tag = "auth",
    operation_id = "issueToken",
    summary = "Đăng nhập, nhận mã truy cập (30 ngày)",
    description = "Sai quá số lần cho phép trong 15 phút (theo tên đăng nhập hoặc theo địa chỉ) \
thì bị chặn với 429 cho đến hết khoảng thời gian.",
    request_body = Credentials,
    responses(
        (status = 200, description = "Mã truy cập", body = Token),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 429, response = TooManyRequests),
        (status = 500, response = Internal),
    ),
)]
pub async fn issue(
    State(state): State<AppState>,
    ip: ClientIp,
    _: ApiQuery<NoQuery>,
    ApiJson(c): ApiJson<Credentials>,
) -> Result<Json<Token>, WebError> {
    let actor = auth::login(&state, &ip, &c.username, &c.password).await?;
    let session = state.app.open_session(&actor, SessionKind::Api).await?;
    Ok(Json(Token {
        token: session.secret,
        token_type: "Bearer",
        expires_at: session.expires_at.into(),
    }))
}

/// `POST /api/v1/auth/logout`: revokes the bearer token used (or ends the cookie session and
/// clears the cookie).
#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "auth",
    operation_id = "logout",
    summary = "Thu hồi mã truy cập đang dùng (hoặc kết thúc phiên cookie)",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    responses(
        (status = 204, description = "Đã thu hồi"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 500, response = Internal),
    ),
)]
pub async fn logout(
    State(state): State<AppState>,
    _: ApiActor,
    _: ApiQuery<NoQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = auth::bearer(&headers) {
        state.app.close_session(token).await?;
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    if let Some(secret) = auth::cookie(&headers, SESSION_COOKIE) {
        state.app.close_session(&secret).await?;
    }
    let jar = CookieJar::new().add(auth::clear_session_cookie(state.config.secure_cookies));
    Ok((jar, StatusCode::NO_CONTENT).into_response())
}
