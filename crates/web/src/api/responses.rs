//! The error answers of the document: one reusable response per status, each with the body
//! that [`crate::error::WebError`] writes. Operations list the ones they can give.

use utoipa::ToResponse;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// A response with the 4xx error body.
fn error(description: &str) -> RefOr<Response> {
    json(description, "Error")
}

fn json(description: &str, schema: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(schema)))
                .build(),
        )
        .build()
        .into()
}

/// Declares a reusable response `$name` with `$description`.
macro_rules! error_response {
    ($name:ident, $description:expr) => {
        #[doc = $description]
        #[derive(Debug)]
        pub struct $name;

        impl<'s> ToResponse<'s> for $name {
            fn response() -> (&'s str, RefOr<Response>) {
                (stringify!($name), error($description))
            }
        }
    };
}

error_response!(
    BadRequest,
    "Yêu cầu sai: JSON không hợp lệ (invalid_json), hoặc tham số đường dẫn, truy vấn, header \
     sai hay không được hỗ trợ (invalid_parameter)"
);
error_response!(
    Unauthorized,
    "Chưa đăng nhập, mã truy cập sai hoặc hết hạn, hoặc sai tên đăng nhập, mật khẩu \
     (unauthorized)"
);
error_response!(
    Forbidden,
    "Không có quyền (forbidden) hoặc thiếu, sai X-CSRF-Token với phiên cookie (csrf_failed)"
);
error_response!(NotFound, "Không tìm thấy (not_found)");
error_response!(
    Conflict,
    "Thao tác không hợp lệ ở trạng thái hiện tại (invalid_transition), dữ liệu đã thay đổi \
     (conflict), hoặc thao tác dựa trên phiên bản hồ sơ cũ (stale_version, kèm phiên bản và \
     trạng thái hiện nay trong error.current)"
);
error_response!(
    PreconditionRequired,
    "Thao tác hồ sơ thiếu header If-Match với phiên bản hồ sơ đã xem (version_required)"
);
error_response!(
    PayloadTooLarge,
    "Nội dung gửi lên quá lớn (payload_too_large), tối đa 2 MiB"
);
error_response!(
    UnsupportedMediaType,
    "Nội dung gửi lên không khai báo Content-Type: application/json (unsupported_media_type)"
);
error_response!(
    Unprocessable,
    "Dữ liệu không hợp lệ theo nghiệp vụ: mã lỗi cụ thể, kèm trường gây lỗi (field)"
);
error_response!(
    TooManyRequests,
    "Quá nhiều lần thử (rate_limited); header Retry-After cho biết số giây phải chờ"
);

/// Lỗi hệ thống: chỉ có mã yêu cầu (request_id), cũng có trong header x-request-id.
#[derive(Debug)]
pub struct Internal;

impl<'s> ToResponse<'s> for Internal {
    fn response() -> (&'s str, RefOr<Response>) {
        (
            "Internal",
            json(
                "Lỗi hệ thống: chỉ có mã yêu cầu (request_id), cũng có trong header x-request-id",
                "InternalError",
            ),
        )
    }
}

/// Tạm thời không phục vụ được (cơ sở dữ liệu mất kết nối, đầy đĩa, lỗi đọc ghi, hoặc xử lý quá
/// lâu): mã unavailable hoặc timeout, mã yêu cầu, header Retry-After; gửi lại sau.
#[derive(Debug)]
pub struct Unavailable;

impl<'s> ToResponse<'s> for Unavailable {
    fn response() -> (&'s str, RefOr<Response>) {
        (
            "Unavailable",
            json(
                "Tạm thời không phục vụ được (unavailable: cơ sở dữ liệu mất kết nối, đầy đĩa, lỗi \
                 đọc ghi; timeout: xử lý quá lâu): chỉ có mã yêu cầu; header Retry-After cho \
                 biết số giây nên chờ trước khi gửi lại",
                "InternalError",
            ),
        )
    }
}
