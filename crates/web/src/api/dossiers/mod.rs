//! Dossiers: intake, lists, detail and actions (staff only).

mod action;
mod cursor;
mod dto;
mod events;
mod explanation;
mod intake;
mod list;
mod version;

pub use intake::{ApplicantRules, IntakeBody};

use crate::AppState;
use crate::api::extract::{ApiJson, ApiPath, ApiQuery, NoQuery};
use crate::api::params::DossierCodeParam;
use crate::api::responses::{
    BadRequest, Conflict, Forbidden, Internal, NotFound, PayloadTooLarge, PreconditionRequired,
    Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::auth::ApiActor;
use crate::error::WebError;
use action::ActionBody;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use dto::{DossierDetail, DossierSummary};
use list::{DEFAULT_LIMIT, DossierPage, ListQuery};
use motcua_app::DossierFilter;
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey};
use motcua_app::store::Cursor;

/// `POST /api/v1/dossiers`: receives a dossier at the desk. With an `Idempotency-Key` header,
/// a retry answers the dossier created the first time (also `201`: the client cannot tell, and
/// need not). Keys are per user, so two officers cannot collide.
#[utoipa::path(
    post,
    path = "/api/v1/dossiers",
    tag = "dossiers",
    operation_id = "intakeDossier",
    summary = "Tiếp nhận hồ sơ tại Bộ phận Một cửa: cấp mã, phiếu hẹn và hạn trả kết quả",
    description = "Cần vai trò tiep_nhan tại đơn vị tiếp nhận. Với header Idempotency-Key, gửi lại \
cùng khóa (cùng người dùng) trả lại đúng hồ sơ đã tạo lần đầu, cũng với mã 201, không tạo hồ sơ \
mới.",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    params(
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200,
         pattern = "^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$",
         description = "Khóa chống tạo trùng khi gửi lại (1–200 ký tự ASCII in được, riêng cho \
mỗi người dùng)."),
    ),
    request_body = IntakeBody,
    responses(
        (status = 201, description = "Hồ sơ đã tiếp nhận (hoặc hồ sơ đã tạo trước đó với cùng \
Idempotency-Key)", body = DossierDetail),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    _: ApiQuery<NoQuery>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<IntakeBody>,
) -> Result<(StatusCode, Json<DossierDetail>), WebError> {
    let key = headers
        .get("idempotency-key")
        .map(|v| ClientKey::parse(KeyChannel::Api, v.to_str().unwrap_or("")))
        .transpose()?;
    let view = state.app.intake(&caller, body.into(), key).await?;
    let now = state.app.now();
    Ok((StatusCode::CREATED, Json(DossierDetail::new(view, now))))
}

/// `GET /api/v1/dossiers`: the dossiers of the caller's units, newest first, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/dossiers",
    tag = "dossiers",
    operation_id = "listDossiers",
    summary = "Hồ sơ thuộc các đơn vị của người gọi, mới nhất trước, theo trang",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "Một trang hồ sơ", body = DossierPage),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 500, response = Internal),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<DossierPage>, WebError> {
    let limit = q.limit.map_or(DEFAULT_LIMIT, |l| l.0);
    let filter = DossierFilter {
        status: q.status.map(Into::into),
        open_only: q.open.unwrap_or(false),
        due_before: q.due_before.map(|t| t.0),
        after: q.after.map(|a| a.0),
        // One more than asked, to know whether there is a next page.
        limit: Some(limit + 1),
    };
    let mut page = state.app.list_dossiers(&caller, filter).await?;
    let more = page.len() > limit as usize;
    page.truncate(limit as usize);
    let next = page
        .last()
        .filter(|_| more)
        .map(|d| cursor::encode(&Cursor::after(d)));
    let now = state.app.now();
    Ok(Json(DossierPage {
        items: page.iter().map(|d| DossierSummary::new(d, now)).collect(),
        next,
    }))
}

/// `GET /api/v1/dossiers/{code}`: a dossier with its events and the explanation of its due date.
#[utoipa::path(
    get,
    path = "/api/v1/dossiers/{code}",
    tag = "dossiers",
    operation_id = "getDossier",
    summary = "Hồ sơ, lịch sử xử lý và giải thích cách tính hạn",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(("code" = inline(DossierCodeParam), Path, description = "Mã hồ sơ.")),
    responses(
        (status = 200, description = "Hồ sơ", body = DossierDetail,
         headers(("ETag" = String, description = "Phiên bản hồ sơ trong dấu nháy kép, ví dụ \
\"7\"; gửi lại trong header If-Match của thao tác."))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiPath(code): ApiPath<DossierCodeParam>,
    _: ApiQuery<NoQuery>,
) -> Result<impl IntoResponse, WebError> {
    let view = state.app.dossier(&caller, code.0.as_str()).await?;
    let tag = version::etag(view.dossier.version);
    Ok((tag, Json(DossierDetail::new(view, state.app.now()))))
}

/// `POST /api/v1/dossiers/{code}/actions`: one step of the lifecycle; answers the dossier after
/// it, with the warnings of the action.
#[utoipa::path(
    post,
    path = "/api/v1/dossiers/{code}/actions",
    tag = "dossiers",
    operation_id = "actOnDossier",
    summary = "Thực hiện một thao tác xử lý hồ sơ (phân công, chuyển bước, có kết quả, trả kết \
quả…)",
    description = "Mỗi thao tác gửi kèm header If-Match với phiên bản hồ sơ đã xem (header ETag, \
trường version khi đọc hồ sơ), ví dụ If-Match: \"7\". Nếu hồ sơ đã được người khác cập nhật sau \
phiên bản đó, thao tác không được thực hiện: trả 409 stale_version kèm phiên bản và trạng thái \
hiện nay (error.current); thiếu If-Match trả 428 version_required. Thao tác không hợp lệ ở trạng \
thái hiện tại trả 409 invalid_transition. Không có quyền tại đơn vị của hồ sơ trả 403; hồ sơ của \
đơn vị khác mà người gọi không xem được trả 404.",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    params(
        ("code" = inline(DossierCodeParam), Path, description = "Mã hồ sơ."),
        ("If-Match" = String, Header, pattern = "^\"[0-9]{1,10}\"$",
         description = "Phiên bản hồ sơ đã xem, trong dấu nháy kép (giá trị header ETag)."),
    ),
    request_body = ActionBody,
    responses(
        (status = 200, description = "Hồ sơ sau thao tác, kèm cảnh báo (warnings)",
         body = DossierDetail,
         headers(("ETag" = String, description = "Phiên bản mới của hồ sơ."))),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 428, response = PreconditionRequired),
        (status = 500, response = Internal),
    ),
)]
pub async fn act(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiPath(code): ApiPath<DossierCodeParam>,
    _: ApiQuery<NoQuery>,
    headers: HeaderMap,
    ApiJson(action): ApiJson<ActionBody>,
) -> Result<impl IntoResponse, WebError> {
    // After the path and the body, so a malformed request is told what is malformed first.
    let seen = version::if_match(&headers)?;
    let view = state
        .app
        .act(&caller, code.0.as_str(), seen, action.into())
        .await?;
    let tag = version::etag(view.dossier.version);
    Ok((tag, Json(DossierDetail::new(view, state.app.now()))))
}
