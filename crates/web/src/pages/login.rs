//! `GET/POST /dang-nhap` and `POST /dang-xuat`: staff sign-in and sign-out.
//!
//! There is no session yet to bind a CSRF token to, so the sign-in form carries its own
//! (double submit): the form page sets a random token in a short-lived `SameSite=Strict`
//! cookie scoped to `/dang-nhap` and repeats it in a hidden field; a post whose field does not
//! match the cookie is refused before any password is checked. Another site can neither read
//! the cookie nor set it, so it cannot sign a visitor's browser in to an account of its
//! choosing (login CSRF). Sign-out is a form checked against the session's CSRF token, and may
//! also revoke the user's API tokens.

use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::{self, ClientIp, PageActor, SESSION_COOKIE, check_csrf, constant_time_eq};
use crate::error::WebError;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use motcua_app::secret::new_secret;
use motcua_app::{AppError, SessionKind};
use serde::{Deserialize, Serialize};

/// Where to go after signing in when `next` is missing or not a local path.
const STAFF_HOME: &str = "/can-bo";
/// Cookie holding the sign-in form's token until the form is posted.
pub const LOGIN_COOKIE: &str = "motcua_login";
/// How long a sign-in form stays valid, in seconds.
const LOGIN_FORM_LIFE: i64 = 2 * 60 * 60;

/// The sign-in form (and the `next` of its query).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    username: String,
    password: String,
    next: String,
    login_token: String,
}

/// The sign-out form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoutForm {
    csrf_token: String,
    /// `on` (a ticked checkbox): also revoke the user's API tokens.
    revoke_tokens: String,
}

#[derive(Serialize)]
struct LoginView<'a> {
    next: &'a str,
    username: &'a str,
    error: Option<&'static str>,
    login_token: &'a str,
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
    matches!(state.app.session_actor(&secret).await, Ok(Some((_, s))) if s.kind == "session")
}

/// The sign-in form with `error`, and a fresh form token in its cookie.
fn show(
    state: &AppState,
    next: &str,
    username: &str,
    error: Option<&'static str>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let token = new_secret();
    let view = LoginView {
        next,
        username,
        error,
        login_token: &token,
    };
    let html = render_html("login.html", None, &view)?;
    let jar = CookieJar::new().add(login_cookie(
        &token,
        LOGIN_FORM_LIFE,
        state.config.secure_cookies,
    ));
    Ok((status, jar, html).into_response())
}

/// The cookie of the sign-in form's token (`max_age` 0 deletes it): `HttpOnly`,
/// `SameSite=Strict`, `Path=/dang-nhap`, and `Secure` when `secure`.
fn login_cookie(token: &str, max_age: i64, secure: bool) -> Cookie<'static> {
    Cookie::build((LOGIN_COOKIE, token.to_owned()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/dang-nhap")
        .max_age(time::Duration::seconds(max_age))
        .secure(secure)
        .build()
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
    show(&state, next, "", None, StatusCode::OK)
}

/// `POST /dang-nhap`.
pub async fn submit(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = local_path(&f.next);
    let username = f.username.trim().to_lowercase();
    let cookie_token = auth::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if !constant_time_eq(&f.login_token, &cookie_token) {
        let error =
            Some("Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.");
        return show(&state, next, &username, error, StatusCode::FORBIDDEN);
    }
    let actor = match auth::login(&state, &ip, &username, &f.password).await {
        Ok(actor) => actor,
        Err(WebError::App(AppError::Unauthorized)) => {
            let error = Some("Tên đăng nhập hoặc mật khẩu không đúng");
            return show(&state, next, &username, error, StatusCode::UNAUTHORIZED);
        }
        Err(e) => return Err(e.into()),
    };
    let session = state.app.open_session(&actor, SessionKind::Browser).await?;
    let max_age = (session.expires_at - state.app.now()).num_seconds().max(0);
    let secure = state.config.secure_cookies;
    let jar = CookieJar::new()
        .add(auth::session_cookie(&session.secret, max_age, secure))
        .add(login_cookie("", 0, secure));
    Ok((jar, Redirect::to(next)).into_response())
}

/// `POST /dang-xuat`.
pub async fn logout(
    State(state): State<AppState>,
    page: PageActor,
    headers: HeaderMap,
    Form(f): Form<LogoutForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &f.csrf_token)?;
    if f.revoke_tokens == "on" {
        state.app.revoke_tokens(&page.caller).await?;
    }
    if let Some(secret) = auth::cookie(&headers, SESSION_COOKIE) {
        state.app.close_session(&secret).await?;
    }
    let jar = CookieJar::new().add(auth::clear_session_cookie(state.config.secure_cookies));
    Ok((jar, Redirect::to("/")).into_response())
}
