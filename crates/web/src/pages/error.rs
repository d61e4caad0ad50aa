//! Error pages: 403, 404, 429 and 500 in Vietnamese, the 500 with the request id.
//!
//! A handler returns a [`PageError`]; its response carries only a marker, and the
//! [`render_error_pages`] layer renders the page, because only the layer sees the request's
//! `x-request-id` header. A 5xx answer never shows the error itself; it is logged once.

use super::view;
use crate::error::{UNAVAILABLE_RETRY_SECS, WebError, request_id, retry_after_secs};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use motcua_app::AppError;
use motcua_app::store::StoreError;
use serde::Serialize;

/// Why a page cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// 400: a request that does not make sense, with a Vietnamese message.
    BadRequest(String),
    /// 403: not allowed, with a Vietnamese message.
    Forbidden(String),
    /// 404.
    NotFound,
    /// 429: too many attempts; try again after this many seconds.
    TooManyRequests(u64),
    /// 500: the text goes to the log, never to the client.
    Internal(String),
    /// 503: the database cannot be used for now; the text goes to the log.
    Unavailable(String),
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> PageError {
        match e {
            AppError::NotFound(_) => PageError::NotFound,
            AppError::Forbidden(_) | AppError::Unauthorized => {
                PageError::Forbidden(capitalise(&e.to_string()))
            }
            AppError::RateLimited => PageError::TooManyRequests(60),
            AppError::Store(inner @ StoreError::Unavailable(_)) => {
                PageError::Unavailable(inner.to_string())
            }
            AppError::Store(inner) => PageError::Internal(inner.to_string()),
            other => PageError::BadRequest(capitalise(&other.to_string())),
        }
    }
}

impl From<WebError> for PageError {
    fn from(e: WebError) -> PageError {
        match e {
            WebError::App(app) => app.into(),
            WebError::Csrf => PageError::Forbidden(
                "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.".into(),
            ),
            WebError::Internal(text) => PageError::Internal(text),
            WebError::TooManyRequests(wait) => PageError::TooManyRequests(retry_after_secs(wait)),
            other => PageError::BadRequest(capitalise(&other.to_string())),
        }
    }
}

/// What the layer needs to render the page, carried in the response's extensions.
#[derive(Debug, Clone)]
struct ErrorMarker {
    message: Option<String>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut retry = None;
        let (status, message) = match self {
            PageError::BadRequest(m) => (StatusCode::BAD_REQUEST, Some(m)),
            PageError::Forbidden(m) => (StatusCode::FORBIDDEN, Some(m)),
            PageError::NotFound => (StatusCode::NOT_FOUND, None),
            PageError::TooManyRequests(secs) => {
                retry = Some(secs);
                (StatusCode::TOO_MANY_REQUESTS, None)
            }
            PageError::Internal(detail) => {
                tracing::error!(request_id = %request_id(), error = %detail, "page failed");
                (StatusCode::INTERNAL_SERVER_ERROR, None)
            }
            PageError::Unavailable(detail) => {
                tracing::error!(request_id = %request_id(), error = %detail, "page failed");
                retry = Some(UNAVAILABLE_RETRY_SECS);
                (StatusCode::SERVICE_UNAVAILABLE, None)
            }
        };
        let mut response = status.into_response();
        if let Some(secs) = retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(ErrorMarker { message });
        response
    }
}

/// The fallback of the pages: 404.
pub async fn not_found() -> PageError {
    PageError::NotFound
}

#[derive(Serialize)]
struct ErrorView {
    status: u16,
    title: &'static str,
    message: String,
    request_id: Option<String>,
}

/// Renders [`PageError`] responses, and 5xx JSON answers of shared extractors, as HTML pages.
pub async fn render_error_pages(request: Request, next: Next) -> Response {
    let header_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let status = response.status();
    let marker = response.extensions().get::<ErrorMarker>().cloned();
    if marker.is_none() && !status.is_server_error() {
        return response;
    }
    let id = header_id.unwrap_or_else(request_id);
    let message = marker.and_then(|m| m.message);
    let mut page = error_page(status, message, &id);
    if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
        page.headers_mut()
            .insert(header::RETRY_AFTER, retry.clone());
    } else if status == StatusCode::TOO_MANY_REQUESTS {
        page.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    page
}

fn error_page(status: StatusCode, message: Option<String>, id: &str) -> Response {
    let (title, default) = match status {
        StatusCode::FORBIDDEN => (
            "Không có quyền truy cập",
            "Bạn không có quyền xem trang này.",
        ),
        StatusCode::NOT_FOUND => (
            "Không tìm thấy trang",
            "Trang bạn tìm không tồn tại hoặc đã được chuyển đi.",
        ),
        StatusCode::TOO_MANY_REQUESTS => (
            "Quá nhiều lần thử",
            "Bạn đã thử quá nhiều lần. Vui lòng chờ ít phút rồi thử lại.",
        ),
        StatusCode::SERVICE_UNAVAILABLE => (
            "Hệ thống tạm thời gián đoạn",
            "Hệ thống tạm thời không xử lý được yêu cầu (cơ sở dữ liệu gián đoạn hoặc quá tải). Vui lòng thử lại sau ít giây; nếu vẫn lỗi, báo cho bộ phận kỹ thuật kèm mã yêu cầu dưới đây.",
        ),
        s if s.is_server_error() => (
            "Lỗi hệ thống",
            "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau; nếu vẫn lỗi, báo cho bộ phận kỹ thuật kèm mã yêu cầu dưới đây.",
        ),
        _ => ("Yêu cầu không hợp lệ", "Yêu cầu không hợp lệ."),
    };
    let server = status.is_server_error();
    let view = ErrorView {
        status: status.as_u16(),
        title,
        // A 5xx never shows the error text.
        message: message
            .filter(|_| !server)
            .unwrap_or_else(|| default.to_owned()),
        request_id: server.then(|| id.to_owned()),
    };
    match view::render_html("error.html", None, &view) {
        Ok(html) => (status, html).into_response(),
        Err(_) => (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{title}. Mã yêu cầu: {id}"),
        )
            .into_response(),
    }
}

/// First letter in upper case: use-case messages start in lower case.
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn page(error: PageError) -> (StatusCode, String) {
        let (status, _, body) = page_with_headers(error).await;
        (status, body)
    }

    async fn page_with_headers(error: PageError) -> (StatusCode, axum::http::HeaderMap, String) {
        let router = Router::new()
            .route("/x", get(move || async move { error }))
            .layer(axum::middleware::from_fn(render_error_pages));
        let request = Request::get("/x")
            .header("x-request-id", "req-9")
            .body(Body::empty());
        let response = router.oneshot(request.unwrap()).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_500_page_names_the_request_and_hides_the_error() {
        let (status, body) = page(PageError::Internal("password=hunter2".into())).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("Lỗi hệ thống") && body.contains("<code>req-9</code>"));
        assert!(!body.contains("hunter2"));
    }

    #[tokio::test]
    async fn a_403_page_says_why_and_a_429_page_asks_to_wait() {
        let (status, body) = page(PageError::Forbidden("Bạn không có quyền «x»".into())).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("Bạn không có quyền «x»") && !body.contains("req-9"));
        let (status, headers, body) = page_with_headers(PageError::TooManyRequests(7)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(headers[header::RETRY_AFTER], "7", "the real wait");
        assert!(body.contains("Quá nhiều lần thử"));
    }
}
