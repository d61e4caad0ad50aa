//! Errors as HTTP responses: one closed type, stable codes, Vietnamese messages.
//!
//! A 4xx answer says what is wrong; a 5xx answer says only that something failed and which
//! request it was, and the real error goes to the log once, with the same request id.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use motcua_app::AppError;
use motcua_app::store::StoreError;
use motcua_domain::dossier::DossierError;
use motcua_report::json::Status;
use serde::Serialize;
use utoipa::ToSchema;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The id of the request being served (set by the request-id layer), or `-` outside one.
pub fn request_id() -> String {
    REQUEST_ID
        .try_with(Clone::clone)
        .unwrap_or_else(|_| "-".to_owned())
}

/// Runs `fut` with `id` as the current request id, so errors can name it.
pub async fn with_request_id<F: Future>(id: String, fut: F) -> F::Output {
    REQUEST_ID.scope(id, fut).await
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A use case refused or failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// No valid session cookie or bearer token.
    #[error("cần đăng nhập (phiên làm việc đã hết hạn hoặc mã truy cập không hợp lệ)")]
    Unauthenticated,
    /// A cookie-authenticated unsafe request without the right CSRF token.
    #[error("thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)")]
    Csrf,
    /// The body is not the JSON expected.
    #[error("dữ liệu JSON không hợp lệ: {message}")]
    InvalidJson {
        /// What is wrong, in readable words.
        message: String,
        /// Where in the document (e.g. `applicant.name`), when known.
        field: Option<String>,
    },
    /// The body is not declared as JSON.
    #[error("nội dung gửi lên phải là JSON (Content-Type: application/json)")]
    NotJson,
    /// The body is larger than the limit.
    #[error("nội dung gửi lên quá lớn")]
    TooLarge,
    /// A query string, path or header parameter that does not parse.
    #[error("tham số không hợp lệ: {message}")]
    InvalidParameter {
        /// What is wrong, in readable words.
        message: String,
        /// The parameter, when known.
        field: Option<String>,
    },
    /// Too many attempts: try again after this long (sent in `Retry-After`).
    #[error("quá nhiều lần thử; vui lòng thử lại sau {} giây", retry_after_secs(*.0))]
    TooManyRequests(std::time::Duration),
    /// No such route.
    #[error("không có địa chỉ này trong API")]
    NoRoute,
    /// The route exists but not with this method.
    #[error("địa chỉ này không nhận phương thức HTTP đã dùng")]
    MethodNotAllowed,
    /// A dossier action without the version it was decided on (`If-Match`, or the form's
    /// hidden `version` field).
    #[error(
        "thao tác cần kèm phiên bản hồ sơ đã xem: header If-Match: \"<phiên bản>\" (giá trị của \
         header ETag khi đọc hồ sơ)"
    )]
    VersionRequired,
    /// The request took longer than the server allows ([`crate::layers::TIMEOUT`]).
    #[error("máy chủ xử lý yêu cầu quá lâu; vui lòng thử lại sau ít phút")]
    Timeout,
    /// Something failed that the client cannot fix; the text is for the log only.
    #[error("lỗi hệ thống")]
    Internal(String),
}

/// Seconds a client waits before retrying a request that timed out (`Retry-After`).
pub const TIMEOUT_RETRY_SECS: u64 = 10;
/// Seconds a client waits before retrying a request that met a database it could not use for
/// now: lost or refused connection, full disk, I/O error (`Retry-After`).
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

impl WebError {
    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::App(e) => app_status(e),
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::InvalidJson { .. } | WebError::InvalidParameter { .. } => {
                StatusCode::BAD_REQUEST
            }
            WebError::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::NoRoute => StatusCode::NOT_FOUND,
            WebError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            WebError::VersionRequired => StatusCode::PRECONDITION_REQUIRED,
            WebError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::App(e) => e.code(),
            WebError::Unauthenticated => "unauthorized",
            WebError::Csrf => "csrf_failed",
            WebError::InvalidJson { .. } => "invalid_json",
            WebError::NotJson => "unsupported_media_type",
            WebError::TooLarge => "payload_too_large",
            WebError::TooManyRequests(_) => "rate_limited",
            WebError::InvalidParameter { .. } => "invalid_parameter",
            WebError::NoRoute => "not_found",
            WebError::MethodNotAllowed => "method_not_allowed",
            WebError::VersionRequired => "version_required",
            WebError::Timeout => "timeout",
            WebError::Internal(_) => "internal",
        }
    }

    /// A refused parameter `field` (when known), with `message`.
    pub fn parameter(field: Option<String>, message: impl Into<String>) -> WebError {
        WebError::InvalidParameter {
            message: message.into(),
            field,
        }
    }

    /// The JSON body of a 4xx answer (5xx answers use [`InternalErrorBody`]).
    fn body(&self) -> ErrorBody {
        let field = match self {
            WebError::App(AppError::Invalid { field, .. })
            | WebError::InvalidJson { field, .. }
            | WebError::InvalidParameter { field, .. } => field.clone(),
            _ => None,
        };
        let details = match self {
            WebError::App(AppError::Import(errors)) => {
                Some(errors.iter().map(ToString::to_string).collect())
            }
            _ => None,
        };
        let current = match self {
            WebError::App(AppError::Stale { version, status }) => Some(CurrentDossier {
                version: *version,
                status: (*status).into(),
            }),
            _ => None,
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: capitalise(&self.to_string()),
                field,
                details,
                current,
            },
        }
    }
}

/// Nội dung mọi câu trả lời lỗi 4xx.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    /// Lỗi.
    pub error: ErrorDetail,
}

/// Lỗi gì, để người gọi xử lý.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Mã lỗi ổn định (snake_case), ví dụ invalid_json, invalid_parameter, not_found.
    #[schema(pattern = "^[a-z0-9_]+$", example = "invalid_parameter")]
    pub code: String,
    /// Thông báo bằng tiếng Việt.
    #[schema(example = "Tham số không hợp lệ: trường «x» không được hỗ trợ")]
    pub message: String,
    /// Trường hoặc tham số gây lỗi (ví dụ applicant.name), null khi không xác định.
    pub field: Option<String>,
    /// Chi tiết từng dòng (chỉ có khi nhập dữ liệu bị từ chối).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<String>>,
    /// Hồ sơ hiện nay (chỉ có khi thao tác dựa trên phiên bản cũ: stale_version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<CurrentDossier>,
}

/// Phiên bản và trạng thái hiện nay của hồ sơ mà thao tác đã dựa trên phiên bản cũ.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CurrentDossier {
    /// Phiên bản hiện nay (gửi lại trong If-Match sau khi xem lại hồ sơ).
    pub version: u32,
    /// Trạng thái hiện nay.
    pub status: Status,
}

/// Nội dung mọi lỗi 5xx (500, 503 quá lâu): chỉ có mã yêu cầu, cũng có trong header x-request-id.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = InternalError)]
pub struct InternalErrorBody {
    /// Lỗi.
    pub error: InternalErrorDetail,
}

/// Lỗi mà người gọi không tự khắc phục được.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InternalErrorDetail {
    /// internal (lỗi hệ thống), timeout (xử lý quá lâu) hoặc unavailable (cơ sở dữ liệu tạm
    /// thời không dùng được); hai mã sau kèm header Retry-After.
    #[schema(example = "internal")]
    pub code: &'static str,
    /// Thông báo kèm mã yêu cầu.
    #[schema(example = "Lỗi hệ thống. Mã yêu cầu: 3f2a9c0d1b7e4a56")]
    pub message: String,
    /// Mã yêu cầu, để tra nhật ký.
    pub request_id: String,
}

impl InternalErrorBody {
    /// The body of `error`, which must be a 5xx: only its code and fixed wording, never the
    /// underlying error.
    fn new(error: &WebError, request_id: &str) -> InternalErrorBody {
        let (code, what) = match error {
            WebError::Timeout => ("timeout", capitalise(&error.to_string())),
            WebError::App(AppError::Store(StoreError::Unavailable(_))) => (
                "unavailable",
                "Hệ thống tạm thời không truy cập được cơ sở dữ liệu; vui lòng thử lại sau ít giây"
                    .to_owned(),
            ),
            _ => ("internal", "Lỗi hệ thống".to_owned()),
        };
        InternalErrorBody {
            error: InternalErrorDetail {
                code,
                message: format!("{what}. Mã yêu cầu: {request_id}"),
                request_id: request_id.to_owned(),
            },
        }
    }
}

fn app_status(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Invalid { .. }
        | AppError::Import(_)
        | AppError::History(_)
        | AppError::Feedback(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_)
        | AppError::Stale { .. }
        | AppError::Dossier(DossierError::NotAllowed { .. }) => StatusCode::CONFLICT,
        AppError::Dossier(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        AppError::Store(StoreError::Unavailable(_)) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let id = request_id();
        let status = self.status();
        if status.is_server_error() {
            let detail = match &self {
                WebError::App(AppError::Store(e)) => e.to_string(),
                WebError::Internal(text) => text.clone(),
                other => other.to_string(),
            };
            tracing::error!(request_id = %id, error = %detail, "request failed");
        }
        let retry = match &self {
            WebError::TooManyRequests(wait) => Some(retry_after_secs(*wait)),
            WebError::Timeout => Some(TIMEOUT_RETRY_SECS),
            WebError::App(AppError::Store(StoreError::Unavailable(_))) => {
                Some(UNAVAILABLE_RETRY_SECS)
            }
            _ => None,
        };
        let mut response = if status.is_server_error() {
            (status, Json(InternalErrorBody::new(&self, &id))).into_response()
        } else {
            (status, Json(self.body())).into_response()
        };
        if status == StatusCode::TOO_MANY_REQUESTS || retry.is_some() {
            // A limit that does not say how long it lasts: its one-minute window.
            let secs = retry.unwrap_or(60);
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs),
            );
        }
        response
    }
}

/// Whole seconds to wait, rounded up and at least one (`Retry-After` has no fractions, and
/// `0` would invite an immediate retry that is refused again).
pub fn retry_after_secs(wait: std::time::Duration) -> u64 {
    let whole = wait.as_secs();
    let secs = if wait.subsec_nanos() > 0 {
        whole.saturating_add(1)
    } else {
        whole
    };
    secs.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn retry_after_rounds_up_to_whole_seconds_and_never_says_zero() {
        use std::time::Duration;
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(1_200)), 2);
        assert_eq!(retry_after_secs(Duration::from_secs(3)), 3);
        assert_eq!(retry_after_secs(Duration::from_secs(900)), 900);
    }

    async fn answer(e: WebError) -> (StatusCode, Value) {
        let response = with_request_id("req-42".into(), async { e.into_response() }).await;
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn a_500_says_nothing_but_the_request_id() {
        let e = WebError::App(AppError::Store(StoreError::Database(
            "relation \"dossiers\" does not exist; password=hunter2".into(),
        )));
        let (status, body) = answer(e).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            body,
            json!({ "error": {
                "code": "internal",
                "message": "Lỗi hệ thống. Mã yêu cầu: req-42",
                "request_id": "req-42",
            }})
        );
        assert!(!body.to_string().contains("hunter2"));
    }

    #[tokio::test]
    async fn an_unavailable_database_is_a_503_to_retry_with_only_the_request_id() {
        let e = WebError::App(AppError::Store(StoreError::Unavailable(
            "connection refused to 10.0.0.7:5432 user=motcua".into(),
        )));
        let response = with_request_id("req-7".into(), async { e.into_response() }).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            response.headers()[axum::http::header::RETRY_AFTER],
            UNAVAILABLE_RETRY_SECS.to_string()
        );
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            body,
            json!({ "error": {
                "code": "unavailable",
                "message": "Hệ thống tạm thời không truy cập được cơ sở dữ liệu; vui lòng thử \
                            lại sau ít giây. Mã yêu cầu: req-7",
                "request_id": "req-7",
            }})
        );
    }

    #[tokio::test]
    async fn a_4xx_has_a_code_a_vietnamese_message_and_the_field() {
        let e = WebError::App(AppError::invalid(
            "unknown_unit",
            "to_unit",
            "không có đơn vị mã «X»",
        ));
        let (status, body) = answer(e).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"]["code"], "unknown_unit");
        assert_eq!(body["error"]["message"], "Không có đơn vị mã «X»");
        assert_eq!(body["error"]["field"], "to_unit");
    }

    #[tokio::test]
    async fn illegal_transitions_are_conflicts() {
        let e = WebError::App(AppError::Dossier(DossierError::NotAllowed {
            action: "resolve",
            status: "Đã trả kết quả",
        }));
        let (status, body) = answer(e).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["error"]["code"], "invalid_transition");
        assert_eq!(body["error"]["field"], Value::Null);
        let (status, _) = answer(WebError::App(AppError::Dossier(DossierError::Missing(
            "lý do",
        ))))
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[tokio::test]
    async fn rate_limits_and_csrf_have_their_statuses() {
        assert_eq!(
            answer(WebError::App(AppError::RateLimited)).await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
        let (status, body) = answer(WebError::Csrf).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["error"]["code"], "csrf_failed");
    }
}
