//! `GET/POST /dang-nhap` and `POST /dang-xuat`: staff sign-in and sign-out.
//!
//! There is no session yet to bind a CSRF token to, so the sign-in form relies on the
//! `SameSite=Lax` cookie and the login rate limits; sign-out is a CSRF-checked form.

use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::{self, ClientIp, PageActor, SESSION_COOKIE, check_csrf};
use crate::error::WebError;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use motcua_app::{AppError, SessionKind};
use serde::{Deserialize, Serialize};

/// Where to go after signing in when `next` is missing or not a local path.
const STAFF_HOME: &str = "/can-bo";

/// The sign-in form (and the `next` of its query).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    username: String,
    password: String,
    next: String,
}

/// The sign-out form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoutForm {
    csrf_token: String,
}

#[derive(Serialize)]
struct LoginView<'a> {
    next: &'a str,
    username: &'a str,
    error: Option<&'static str>,
}

/// `next` if it is a path on this site (`/…`, not `//host` or `/\host`), else the staff home.
fn local_path(next: &str) -> &str {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 1000
        && next.bytes().all(|b| b.is_ascii_graphic());
    if ok { next } else { STAFF_HOME }
}

/// Whether the request carries a valid browser session.
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(secret) = auth::cookie(headers, SESSION_COOKIE) else {
        return false;
    };
    matches!(state.app.session_actor(secret).await, Ok(Some((_, s))) if s.kind == "session")
}

fn show(view: &LoginView<'_>, status: StatusCode) -> Result<Response, PageError> {
    Ok((status, render_html("login.html", None, view)?).into_response())
}

/// `GET /dang-nhap`.
pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LoginForm>,
) -> Result<Response, PageError> {
    let next = local_path(&q.next);
    if signed_in(&state, &headers).await {
        return Ok(Redirect::to(next).into_response());
    }
    show(
        &LoginView {
            next,
            username: "",
            error: None,
        },
        StatusCode::OK,
    )
}

/// `POST /dang-nhap`.
pub async fn submit(
    State(state): State<AppState>,
    ip: ClientIp,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = local_path(&f.next);
    let username = f.username.trim().to_lowercase();
    let actor = match auth::login(&state, &ip, &username, &f.password).await {
        Ok(actor) => actor,
        Err(WebError::App(AppError::Unauthorized)) => {
            let error = Some("Tên đăng nhập hoặc mật khẩu không đúng");
            let view = LoginView {
                next,
                username: &username,
                error,
            };
            return show(&view, StatusCode::UNAUTHORIZED);
        }
        Err(e) => return Err(e.into()),
    };
    let session = state.app.open_session(&actor, SessionKind::Browser).await?;
    let max_age = (session.expires_at - state.app.now()).num_seconds().max(0);
    let cookie = auth::session_cookie(&session.secret, max_age, state.config.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response())
}

/// `POST /dang-xuat`.
pub async fn logout(
    State(state): State<AppState>,
    page: PageActor,
    headers: HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &f.csrf_token)?;
    if let Some(secret) = auth::cookie(&headers, SESSION_COOKIE) {
        state.app.close_session(secret).await?;
    }
    let cookie = auth::clear_session_cookie(state.config.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}
