//! Administrators' changes to the working calendar.

use crate::AppState;
use crate::api::codes::DayKind;
use crate::api::extract::{ApiJson, ApiQuery, NoQuery};
use crate::api::responses::{
    BadRequest, Forbidden, Internal, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::api::time::LocalInstant;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use motcua_app::{CalendarChange, Recomputed};
use motcua_domain::calendar::CalendarOverride;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Thay đổi một ngày của lịch làm việc.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CalendarChange)]
pub struct CalendarChangeBody {
    /// Tên lịch (mặc định ccvc: lịch của cán bộ, công chức, viên chức).
    #[serde(default = "ccvc")]
    #[schema(default = "ccvc")]
    calendar: String,
    /// Ngày thay đổi (từ năm 1900 đến năm 2100).
    date: NaiveDate,
    /// Loại ngày mới.
    kind: DayKind,
    /// Lý do (hiện trong giải thích cách tính hạn).
    #[schema(max_length = 2000)]
    reason: String,
    /// Số hiệu văn bản, ví dụ 1234/TB-VPCP.
    #[schema(max_length = 300)]
    reference: String,
}

fn ccvc() -> String {
    "ccvc".to_owned()
}

/// Một hồ sơ đã được tính lại hạn.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecomputedDossier {
    /// Mã hồ sơ.
    code: String,
    /// Hạn cũ.
    from: Option<LocalInstant>,
    /// Hạn mới.
    to: Option<LocalInstant>,
}

impl From<&Recomputed> for RecomputedDossier {
    fn from(m: &Recomputed) -> RecomputedDossier {
        RecomputedDossier {
            code: m.code.to_string(),
            from: LocalInstant::opt(m.from),
            to: LocalInstant::opt(m.to),
        }
    }
}

/// Các hồ sơ đang giải quyết đã đổi hạn.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarChanged {
    /// Các hồ sơ.
    recomputed: Vec<RecomputedDossier>,
}

/// `POST /api/v1/calendar/days`: changes one day; answers the open dossiers whose due instant
/// moved, with the old and new instants.
#[utoipa::path(
    post,
    path = "/api/v1/calendar/days",
    tag = "admin",
    operation_id = "changeCalendarDay",
    summary = "Sửa một ngày của lịch làm việc; tính lại hạn các hồ sơ đang giải quyết bị ảnh hưởng",
    description = "Cần vai trò quan_tri. Mỗi hồ sơ được tính lại hạn có thêm một sự kiện \
due_recomputed.",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    request_body = CalendarChangeBody,
    responses(
        (status = 200, description = "Các hồ sơ đã đổi hạn", body = CalendarChanged),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn change_day(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    _: ApiQuery<NoQuery>,
    ApiJson(body): ApiJson<CalendarChangeBody>,
) -> Result<Json<CalendarChanged>, WebError> {
    let change = CalendarChange {
        calendar: body.calendar,
        day: CalendarOverride {
            date: body.date,
            kind: body.kind.into(),
            reason: body.reason,
            reference: body.reference,
        },
    };
    let moved = state.app.change_calendar_day(&caller, change).await?;
    Ok(Json(CalendarChanged {
        recomputed: moved.iter().map(RecomputedDossier::from).collect(),
    }))
}
