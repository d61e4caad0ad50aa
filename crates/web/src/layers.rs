//! Layers around every route: request id, one log line per request, timeout, body limit,
//! security headers and `Cache-Control: no-store`.

use crate::error::with_request_id;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::time::{Duration, Instant};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Header carrying the request id, taken from the client or proxy when well formed.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Content security policy: everything from this origin only (QR codes may be data URLs).
const CSP: &str = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; \
                   base-uri 'self'; form-action 'self'";

/// Wraps `router` in the layers (outermost first: request id and log, security headers,
/// timeout, body limit).
pub fn wrap(router: Router) -> Router {
    let headers: [(HeaderName, &'static str); 5] = [
        // Pages and API answers may hold personal data: no browser or proxy keeps a copy.
        // Static assets set their own long cache.
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    let router =
        router
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                TIMEOUT,
            ));
    headers
        .into_iter()
        .fold(router, |r, (name, value)| {
            r.layer(SetResponseHeaderLayer::if_not_present(
                name,
                HeaderValue::from_static(value),
            ))
        })
        .layer(middleware::from_fn(request_context))
}

/// Gives the request an id (the client's if well formed), serves it with that id as the current
/// one, echoes it, and logs one line: method, path (never the query string, which may hold a
/// phone number), status, latency and id.
async fn request_context(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| well_formed(v))
        .map_or_else(new_id, str::to_owned);
    let value = HeaderValue::from_str(&id).ok();
    if let Some(v) = &value {
        req.headers_mut().insert(REQUEST_ID, v.clone());
    }
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = Instant::now();
    let mut response = with_request_id(id.clone(), next.run(req)).await;
    if let Some(v) = value {
        response.headers_mut().insert(REQUEST_ID, v);
    }
    tracing::info!(
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        latency_ms = started.elapsed().as_secs_f64() * 1000.0,
        request_id = %id,
        "request"
    );
    response
}

fn well_formed(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn new_id() -> String {
    motcua_app::secret::new_secret()[..16].to_owned()
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn only_short_plain_request_ids_are_kept() {
        assert!(well_formed("b7f1c2d3-42"));
        assert!(!well_formed(""));
        assert!(!well_formed("a b"));
        assert!(!well_formed(&"x".repeat(65)));
    }
}
