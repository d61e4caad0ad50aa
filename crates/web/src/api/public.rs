//! The citizen's status look-up: no login, a second factor, a rate limit per address.

use crate::AppState;
use crate::api::codes::Status;
use crate::api::extract::{ApiPath, ApiQuery};
use crate::api::params::DossierCodeParam;
use crate::api::responses::{BadRequest, Internal, NotFound, TooManyRequests, Unprocessable};
use crate::api::time::LocalInstant;
use crate::auth::ClientIp;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use motcua_app::{Caller, PublicView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Query of the look-up: the phone or the ID number declared on the dossier.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Factor {
    /// Số điện thoại đã khai khi nộp hồ sơ.
    phone: Option<String>,
    /// Hoặc số định danh cá nhân / mã số thuế.
    id_number: Option<String>,
}

/// Tình trạng hồ sơ cho người dân.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicDossier {
    /// Mã hồ sơ.
    code: String,
    /// Tên thủ tục.
    procedure_name: String,
    /// Trạng thái.
    status: Status,
    /// Tên trạng thái.
    status_label: String,
    /// Thời điểm tiếp nhận.
    received_at: Option<LocalInstant>,
    /// Hẹn trả kết quả đang có hiệu lực: ngày hẹn lại khi cơ quan đã có văn bản xin lỗi.
    due_at: Option<LocalInstant>,
    /// Ngày hẹn đã được hẹn lại bằng văn bản xin lỗi.
    rescheduled: bool,
    /// Giải thích ngày hẹn bằng lời thường.
    summary: Option<String>,
    /// Thời điểm trả kết quả.
    returned_at: Option<LocalInstant>,
}

impl From<PublicView> for PublicDossier {
    fn from(v: PublicView) -> PublicDossier {
        PublicDossier {
            code: v.code.to_string(),
            procedure_name: v.procedure_name,
            status: v.status.into(),
            status_label: v.status_label,
            received_at: LocalInstant::opt(v.received_at),
            due_at: LocalInstant::opt(v.due_at),
            rescheduled: v.rescheduled,
            summary: v.summary,
            returned_at: LocalInstant::opt(v.returned_at),
        }
    }
}

/// `GET /api/v1/public/dossiers/{code}?phone=…` (or `id_number=…`): the status view. A wrong
/// code and a wrong factor give the same 404, so the answer does not reveal which dossiers exist.
#[utoipa::path(
    get,
    path = "/api/v1/public/dossiers/{code}",
    tag = "public",
    operation_id = "lookupDossier",
    summary = "Người dân tra cứu tình trạng hồ sơ bằng mã hồ sơ và số điện thoại hoặc số định danh",
    description = "Không cần đăng nhập; giới hạn 30 lần mỗi phút cho mỗi địa chỉ. Sai mã hay sai \
số điện thoại/số định danh đều trả cùng một lỗi 404.",
    params(("code" = inline(DossierCodeParam), Path, description = "Mã hồ sơ."), Factor),
    responses(
        (status = 200, description = "Tình trạng hồ sơ", body = PublicDossier),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 429, response = TooManyRequests),
        (status = 500, response = Internal),
    ),
)]
pub async fn lookup(
    State(state): State<AppState>,
    ip: ClientIp,
    ApiPath(code): ApiPath<DossierCodeParam>,
    ApiQuery(factor): ApiQuery<Factor>,
) -> Result<Json<PublicDossier>, WebError> {
    crate::auth::check_lookup(&state, &ip)?;
    let factor = factor.phone.or(factor.id_number).unwrap_or_default();
    let v = state
        .app
        .public_lookup(&Caller::public(), code.0.as_str(), &factor)
        .await?;
    Ok(Json(v.into()))
}
