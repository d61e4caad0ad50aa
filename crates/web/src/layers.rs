//! Layers around every route: request id, one log line per request, timeout, body limit,
//! security headers and `Cache-Control: no-store`.

use crate::error::{WebError, with_request_id};
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::{BoxError, Router};
use std::time::Duration;
use tower::ServiceBuilder;
use tower::timeout::error::Elapsed;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

/// Header carrying the request id, taken from the client or proxy when well formed.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// Largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Content security policy: everything from this origin only (QR codes may be data URLs).
const CSP: &str = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; \
                   base-uri 'self'; form-action 'self'";

/// Wraps `router` in the layers (outermost first: request id, log line, request id echoed and
/// made current, security headers, `timeout`, body limit).
pub fn wrap(router: Router, timeout: Duration) -> Router {
    let headers: [(HeaderName, &'static str); 5] = [
        // Pages and API answers may hold personal data: no browser or proxy keeps a copy.
        // Static assets set their own long cache.
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
    ];
    let router = router.layer(DefaultBodyLimit::max(BODY_LIMIT)).layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(timed_out))
            .timeout(timeout),
    );
    let router = headers.into_iter().fold(router, |r, (name, value)| {
        r.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ))
    });
    router.layer(
        ServiceBuilder::new()
            .layer(middleware::map_request(drop_ill_formed_id))
            .layer(SetRequestIdLayer::new(REQUEST_ID, NewId))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(span)
                    .on_request(())
                    .on_response(log_line)
                    .on_body_chunk(())
                    .on_eos(())
                    .on_failure(()),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(current_id)),
    )
}

/// The answer to a request that took longer than the timeout: the JSON error, 503 with
/// `Retry-After` (the router itself never fails, so the timeout is the only error here).
async fn timed_out(e: BoxError) -> WebError {
    if e.is::<Elapsed>() {
        WebError::Timeout
    } else {
        WebError::Internal(e.to_string())
    }
}

/// Drops a client's request id that is not [`well_formed`], so that a fresh one is made.
async fn drop_ill_formed_id(mut req: Request) -> Request {
    let ok = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .is_some_and(well_formed);
    if !ok {
        req.headers_mut().remove(&REQUEST_ID);
    }
    req
}

/// Makes request ids: 16 random hexadecimal digits.
#[derive(Debug, Clone, Copy)]
struct NewId;

impl MakeRequestId for NewId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let id = motcua_app::secret::new_secret();
        HeaderValue::from_str(id.get(..16)?)
            .ok()
            .map(RequestId::new)
    }
}

fn id_of<B>(req: &axum::http::Request<B>) -> &str {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
}

/// The span of one request: method, path (never the query string, which may hold a phone
/// number) and id.
fn span<B>(req: &axum::http::Request<B>) -> Span {
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        request_id = %id_of(req),
    )
}

/// The one log line of a request, in its span: status and latency.
fn log_line<B>(response: &axum::http::Response<B>, latency: Duration, _: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = latency.as_secs_f64() * 1000.0,
        "request"
    );
}

/// Serves the request with its id as the current one, for the errors that name it.
async fn current_id(req: Request, next: Next) -> Response {
    let id = id_of(&req).to_owned();
    with_request_id(id, next.run(req)).await
}

fn well_formed(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_request_that_takes_too_long_gets_the_json_error_with_retry_after() {
        let slow = Router::new().route(
            "/cham",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "xong"
            }),
        );
        let request = axum::http::Request::get("/cham")
            .header(&REQUEST_ID, "req-503")
            .body(Body::empty())
            .unwrap();
        let response = wrap(slow, Duration::from_millis(20))
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            axum::http::StatusCode::SERVICE_UNAVAILABLE
        );
        let h = response.headers();
        assert_eq!(h[header::RETRY_AFTER], "10");
        assert_eq!(h[header::CONTENT_TYPE], "application/json");
        assert_eq!(h[&REQUEST_ID], "req-503");
        assert_eq!(h[header::CACHE_CONTROL], "no-store");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            body,
            serde_json::json!({ "error": {
                "code": "timeout",
                "message": "Máy chủ xử lý yêu cầu quá lâu; vui lòng thử lại sau ít phút. \
                            Mã yêu cầu: req-503",
                "request_id": "req-503",
            }})
        );
    }

    #[test]
    fn only_short_plain_request_ids_are_kept() {
        assert!(well_formed("b7f1c2d3-42"));
        assert!(!well_formed(""));
        assert!(!well_formed("a b"));
        assert!(!well_formed(&"x".repeat(65)));
    }
}
