//! The OpenAPI document: what is not an operation (title, tags, security schemes, error
//! answers), and the two operations that serve it. The operations themselves come from the
//! handlers' `#[utoipa::path]` through the route table ([`super::table`]).

use super::docs_page;
use super::responses::{
    BadRequest, Conflict, Forbidden, Internal, NotFound, PayloadTooLarge, PreconditionRequired,
    TooManyRequests, Unauthorized, Unavailable, Unprocessable, UnsupportedMediaType,
};
use crate::error::{ErrorBody, InternalErrorBody};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use std::sync::LazyLock;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// Name of the bearer token scheme.
pub const BEARER: &str = "bearerAuth";
/// Name of the session cookie scheme.
pub const COOKIE: &str = "cookieAuth";
/// Name of the CSRF header scheme (with the cookie, on unsafe methods).
pub const CSRF: &str = "csrfHeader";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "motcua API v1",
        version = "1.0.0",
        description = "API của hệ thống Một cửa: danh mục thủ tục hành chính, tiếp nhận và xử lý hồ \
sơ, tra cứu tình trạng hồ sơ, báo cáo. Mọi thời điểm theo RFC 3339 với múi giờ +07:00; tiền là \
số nguyên (đồng). Lỗi 4xx có dạng {\"error\":{\"code\",\"message\",\"field\"}} với thông báo \
tiếng Việt; lỗi 5xx chỉ có mã yêu cầu (request_id), cũng có trong header x-request-id. Yêu cầu \
xử lý quá 30 giây được trả 503 với mã timeout và header Retry-After; khi cơ sở dữ liệu tạm thời \
không dùng được (mất kết nối, đầy đĩa, lỗi đọc ghi) là 503 với mã unavailable và header \
Retry-After: gửi lại sau số giây đó. Nội dung JSON và tham số \
truy vấn không khai báo trong tài liệu này đều bị từ chối (400).",
        license(name = "MIT OR Apache-2.0"),
    ),
    servers((url = "/")),
    tags(
        (name = "auth", description = "Đăng nhập lấy mã truy cập (token)"),
        (name = "catalogue", description = "Danh mục thủ tục và đơn vị (công khai)"),
        (name = "dossiers", description = "Hồ sơ (cán bộ)"),
        (name = "public", description = "Tra cứu của người dân (không đăng nhập)"),
        (name = "admin", description = "Quản trị"),
        (name = "reports", description = "Báo cáo, thống kê (lãnh đạo, CCHC, kiểm soát TTHC, quản trị)"),
        (name = "meta", description = "Tài liệu API"),
    ),
    components(
        schemas(ErrorBody, InternalErrorBody),
        responses(
            BadRequest, Unauthorized, Forbidden, NotFound, Conflict, PayloadTooLarge,
            PreconditionRequired, UnsupportedMediaType, Unprocessable, TooManyRequests, Internal,
            Unavailable,
        ),
    ),
    modifiers(&SecuritySchemes),
)]
struct ApiDoc;

/// The security schemes: a bearer token, or the browser's session cookie with its CSRF header.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("Mã truy cập lấy từ POST /api/v1/auth/token."))
                    .build(),
            ),
        );
        components.add_security_scheme(
            COOKIE,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "Phiên đăng nhập của trang web (HttpOnly). Với POST phải kèm header X-CSRF-Token.",
            ))),
        );
        components.add_security_scheme(
            CSRF,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "Mã chống giả mạo yêu cầu của phiên cookie; thiếu hoặc sai trả 403 csrf_failed.",
            ))),
        );
    }
}

/// The part of the document that is not an operation.
pub fn base() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The served document, built once.
static JSON: LazyLock<String> = LazyLock::new(|| {
    serde_json::to_string_pretty(&super::document()).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the OpenAPI document does not serialise");
        String::from("{}")
    })
});

/// The documentation page, built once.
static PAGE: LazyLock<String> = LazyLock::new(|| {
    serde_json::from_str(&JSON).map_or_else(
        |e| format!("<p>Tài liệu OpenAPI lỗi: {e}</p>"),
        |doc| docs_page::render(&doc),
    )
});

/// `GET /api/v1/openapi.json`.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "openapi",
    summary = "Tài liệu OpenAPI 3.1 này",
    responses(
        (status = 200, description = "Tài liệu OpenAPI", content_type = "application/json",
         body = serde_json::Value),
        (status = 400, response = BadRequest),
    ),
)]
pub async fn document(_: super::ApiQuery<super::NoQuery>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], JSON.as_str())
}

/// `GET /api/v1/docs`.
#[utoipa::path(
    get,
    path = "/api/v1/docs",
    tag = "meta",
    operation_id = "docs",
    summary = "Trang HTML liệt kê các thao tác của API",
    responses(
        (status = 200, description = "Trang HTML liệt kê các thao tác", content_type = "text/html", body = String),
        (status = 400, response = BadRequest),
    ),
)]
pub async fn docs(_: super::ApiQuery<super::NoQuery>) -> Html<&'static str> {
    Html(PAGE.as_str())
}
