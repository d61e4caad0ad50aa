//! Who is calling: bearer tokens, session cookies and CSRF.
//!
//! The API takes `Authorization: Bearer <token>` (an API token) or the session cookie of the
//! pages; with the cookie, every unsafe method must also carry the session's CSRF token in
//! `X-CSRF-Token`, so another site cannot make the browser act for the user. Pages take only the
//! cookie and check the CSRF token of their forms with [`check_csrf`].

mod client;
mod limit;

pub use client::{BadProxy, TrustedProxies};
pub use limit::{LoginLimiter, RateLimiter};

use crate::AppState;
use crate::error::WebError;
use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use motcua_app::Caller;
use motcua_app::store::SessionRecord;
use motcua_domain::org::Actor;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// Name of the session cookie of the pages.
pub const SESSION_COOKIE: &str = "motcua_session";
/// Header that carries the CSRF token of a cookie session on unsafe API calls.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in caller of an API route (bearer token, or session cookie plus CSRF header): a
/// staff [`Caller`] for the use cases.
#[derive(Debug, Clone)]
pub struct ApiActor(pub Caller);

/// The signed-in user of a staff page (session cookie only), with the CSRF token for its forms.
#[derive(Debug, Clone)]
pub struct PageActor {
    /// Who, for the page's header.
    pub actor: Actor,
    /// The same officer as the use cases take them.
    pub caller: Caller,
    /// The session's CSRF token, to put in forms.
    pub csrf_token: String,
}

/// The client's address: the socket's peer, or the address a trusted reverse proxy forwarded
/// (see [`TrustedProxies`]); `None` without a socket (requests made in-process).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl ClientIp {
    /// The key the rate limits count under: the address, or its /64 network for IPv6 (one
    /// subscriber usually holds a whole /64).
    pub fn key(&self) -> String {
        match self.0 {
            Some(ip @ IpAddr::V4(_)) => ip.to_string(),
            Some(ip @ IpAddr::V6(_)) => format!("{}/64", client::prefix(ip, 64)),
            None => "unknown".to_owned(),
        }
    }
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientIp(peer.map(|peer| {
            state.config.trusted_proxies.client(peer, &parts.headers)
        })))
    }
}

/// Counts a citizen's look-up from `ip`; too many in a minute are refused with the seconds left.
pub fn check_lookup(state: &AppState, ip: &ClientIp) -> Result<(), WebError> {
    state
        .lookup_limiter
        .hit(&ip.key())
        .map_err(WebError::TooManyRequests)
}

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        if let Some(token) = bearer(&parts.headers) {
            let (actor, _) = session_of_kind(state, token, "api")
                .await?
                .ok_or(WebError::Unauthenticated)?;
            return Ok(ApiActor(Caller::staff(actor)));
        }
        let secret = cookie(&parts.headers, SESSION_COOKIE).ok_or(WebError::Unauthenticated)?;
        let (actor, session) = session_of_kind(state, &secret, "session")
            .await?
            .ok_or(WebError::Unauthenticated)?;
        if !parts.method.is_safe() {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !constant_time_eq(sent, &session.csrf_token) {
                return Err(WebError::Csrf);
            }
        }
        Ok(ApiActor(Caller::staff(actor)))
    }
}

impl FromRequestParts<AppState> for PageActor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_login(parts));
        };
        match session_of_kind(state, &secret, "session").await {
            Ok(Some((actor, session))) => Ok(PageActor {
                caller: Caller::staff(actor.clone()),
                actor,
                csrf_token: session.csrf_token,
            }),
            Ok(None) => Err(to_login(parts)),
            Err(e) => Err(e.into_response()),
        }
    }
}

/// Checks the CSRF token submitted with a form against the session's, in constant time.
pub fn check_csrf(page: &PageActor, submitted: &str) -> Result<(), WebError> {
    if constant_time_eq(submitted, &page.csrf_token) {
        Ok(())
    } else {
        Err(WebError::Csrf)
    }
}

/// The session cookie that stores `secret` for `max_age_secs` seconds: `HttpOnly`,
/// `SameSite=Lax`, `Path=/`, and `Secure` when `secure`.
pub fn session_cookie(secret: &str, max_age_secs: i64, secure: bool) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret.to_owned()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(time::Duration::seconds(max_age_secs))
        .secure(secure)
        .build()
}

/// The session cookie that deletes it.
pub fn clear_session_cookie(secure: bool) -> Cookie<'static> {
    session_cookie("", 0, secure)
}

/// Signs in within the sign-in limits ([`LoginLimiter`]): an attempt that must wait is refused
/// with [`WebError::TooManyRequests`] and the time left, before the password is checked.
pub async fn login(
    state: &AppState,
    ip: &ClientIp,
    username: &str,
    password: &str,
) -> Result<Actor, WebError> {
    let limiter = &state.login_limiter;
    limiter
        .attempt(ip, username)
        .map_err(WebError::TooManyRequests)?;
    let actor = state.app.login(username, password).await?;
    limiter.succeeded(ip, username);
    Ok(actor)
}

/// The bearer token of the `Authorization` header, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The value of cookie `name`, if sent and not empty.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

async fn session_of_kind(
    state: &AppState,
    secret: &str,
    kind: &str,
) -> Result<Option<(Actor, SessionRecord)>, WebError> {
    Ok(state
        .app
        .session_actor(secret)
        .await?
        .filter(|(_, s)| s.kind == kind))
}

fn to_login(parts: &Parts) -> Response {
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |o| &o.0);
    let next = uri.path_and_query().map_or("/", |p| p.as_str());
    Redirect::to(&format!("/dang-nhap?next={}", percent_encode(next))).into_response()
}

/// Percent-encodes everything but unreserved characters and `/`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Equality whose time does not depend on where the strings differ; empty strings never match.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || b.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_and_bearer_tokens_are_read_from_headers() {
        let mut h = HeaderMap::new();
        h.append(
            "cookie",
            HeaderValue::from_static("a=1; motcua_session=abc"),
        );
        h.insert("authorization", HeaderValue::from_static("Bearer  tok "));
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "b"), None);
        assert_eq!(bearer(&h), Some("tok"));
        h.insert("authorization", HeaderValue::from_static("Basic xyz"));
        assert_eq!(bearer(&h), None);
    }

    #[test]
    fn csrf_tokens_compare_exactly() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abd", "abc"));
        assert!(!constant_time_eq("ab", "abc"));
        assert!(!constant_time_eq("", ""));
    }

    /// The attributes of a `Set-Cookie` value, sorted.
    fn attributes(c: &Cookie<'_>) -> Vec<String> {
        let mut parts: Vec<String> = c.to_string().split("; ").map(str::to_owned).collect();
        parts.sort();
        parts
    }

    #[test]
    fn session_cookies_are_http_only_lax_and_secure_when_asked() {
        let c = session_cookie("s3cret", 3600, true);
        assert!(c.to_string().starts_with("motcua_session=s3cret; "), "{c}");
        assert_eq!(
            attributes(&c),
            [
                "HttpOnly",
                "Max-Age=3600",
                "Path=/",
                "SameSite=Lax",
                "Secure",
                "motcua_session=s3cret"
            ]
        );
        assert_eq!(
            attributes(&clear_session_cookie(false)),
            [
                "HttpOnly",
                "Max-Age=0",
                "Path=/",
                "SameSite=Lax",
                "motcua_session="
            ]
        );
    }

    #[test]
    fn empty_and_missing_cookies_are_none() {
        let mut h = HeaderMap::new();
        h.append("cookie", HeaderValue::from_static("motcua_session=; x=1"));
        assert_eq!(cookie(&h, SESSION_COOKIE), None);
        assert_eq!(cookie(&h, "y"), None);
        assert_eq!(cookie(&h, "x").as_deref(), Some("1"));
    }

    #[test]
    fn the_login_redirect_keeps_the_page_asked_for() {
        assert_eq!(
            percent_encode("/ho-so?trang=2&q=đ"),
            "/ho-so%3Ftrang%3D2%26q%3D%C4%91"
        );
    }
}
