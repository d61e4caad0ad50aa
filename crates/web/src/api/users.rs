//! Administrators disable and enable user accounts.

use crate::AppState;
use crate::api::extract::{ApiPath, ApiQuery, NoQuery};
use crate::api::params::UsernameParam;
use crate::api::responses::{BadRequest, Forbidden, Internal, NotFound, Unauthorized};
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::extract::State;
use axum::http::StatusCode;

/// `POST /api/v1/users/{username}/disable`: the user can no longer sign in, and every session
/// and API token of theirs stops at once.
#[utoipa::path(
    post,
    path = "/api/v1/users/{username}/disable",
    tag = "admin",
    operation_id = "disableUser",
    summary = "Khóa tài khoản người dùng: mọi phiên đăng nhập và mã truy cập của họ dừng ngay",
    description = "Cần vai trò quan_tri tại mọi đơn vị nơi người dùng có vai trò (hoặc đơn vị cấp \
trên). Không ai tự khóa tài khoản của chính mình (403).",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    params(("username" = inline(UsernameParam), Path, description = "Tên đăng nhập.")),
    responses(
        (status = 204, description = "Đã khóa"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    ),
)]
pub async fn disable(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiPath(username): ApiPath<UsernameParam>,
    _: ApiQuery<NoQuery>,
) -> Result<StatusCode, WebError> {
    state.app.disable_user(&caller, &username.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/users/{username}/enable`: the user may sign in again.
#[utoipa::path(
    post,
    path = "/api/v1/users/{username}/enable",
    tag = "admin",
    operation_id = "enableUser",
    summary = "Mở khóa tài khoản người dùng",
    description = "Cần vai trò quan_tri tại mọi đơn vị nơi người dùng có vai trò (hoặc đơn vị cấp \
trên). Phiên và mã truy cập cũ đã bị xóa khi khóa; người dùng đăng nhập lại.",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    params(("username" = inline(UsernameParam), Path, description = "Tên đăng nhập.")),
    responses(
        (status = 204, description = "Đã mở khóa"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    ),
)]
pub async fn enable(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiPath(username): ApiPath<UsernameParam>,
    _: ApiQuery<NoQuery>,
) -> Result<StatusCode, WebError> {
    state.app.enable_user(&caller, &username.0).await?;
    Ok(StatusCode::NO_CONTENT)
}
