//! Administrators' changes to the working calendar.

use crate::AppState;
use crate::api::codes::DayKind;
use crate::api::extract::{ApiJson, ApiPath, ApiQuery, NoQuery};
use crate::api::responses::{
    BadRequest, Forbidden, Internal, NotFound, PayloadTooLarge, Unauthorized, Unavailable,
    Unprocessable, UnsupportedMediaType,
};
use crate::api::time::LocalInstant;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use motcua_app::CalendarChange;
use motcua_app::store::{CalendarJob, JobState};
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

/// Trạng thái công việc tính lại hạn.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStateCode {
    /// Chờ xử lý.
    Pending,
    /// Đang tính lại.
    Running,
    /// Đã xong.
    Done,
}

impl From<JobState> for JobStateCode {
    fn from(s: JobState) -> JobStateCode {
        match s {
            JobState::Pending => JobStateCode::Pending,
            JobState::Running => JobStateCode::Running,
            JobState::Done => JobStateCode::Done,
        }
    }
}

/// Một thay đổi lịch và công việc tính lại hạn các hồ sơ đang giải quyết mà nó tạo ra.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarJobBody {
    /// Số của công việc.
    id: i64,
    /// Tên lịch.
    calendar: String,
    /// Ngày thay đổi.
    date: NaiveDate,
    /// Loại ngày mới.
    kind: DayKind,
    /// Lý do.
    reason: String,
    /// Số hiệu văn bản.
    reference: String,
    /// Người thay đổi.
    actor: String,
    /// Lúc thay đổi.
    created_at: LocalInstant,
    /// Trạng thái.
    state: JobStateCode,
    /// Số hồ sơ đang giải quyết lúc thay đổi.
    total: u64,
    /// Số hồ sơ đã xem xét.
    examined: u64,
    /// Số hồ sơ đã đổi hạn (mỗi hồ sơ một sự kiện due_recomputed).
    moved: u64,
    /// Số lần đọc lại một hồ sơ vừa bị thay đổi đồng thời.
    retried: u64,
    /// Lần cuối công việc tiến triển.
    progressed_at: LocalInstant,
    /// Lúc xong.
    finished_at: Option<LocalInstant>,
    /// false khi cùng thay đổi đã được ghi trước đó: không ghi gì thêm, đây là công việc cũ.
    created: bool,
}

impl CalendarJobBody {
    fn new(job: CalendarJob, created: bool) -> CalendarJobBody {
        CalendarJobBody {
            id: job.id,
            calendar: job.calendar,
            date: job.day.date,
            kind: job.day.kind.into(),
            reason: job.day.reason,
            reference: job.day.reference,
            actor: job.actor,
            created_at: job.created_at.into(),
            state: job.state.into(),
            total: job.total,
            examined: job.examined,
            moved: job.moved,
            retried: job.retried,
            progressed_at: job.progressed_at.into(),
            finished_at: LocalInstant::opt(job.finished_at),
            created,
        }
    }
}

/// `POST /api/v1/calendar/days`: records the change and the job that recomputes the open
/// dossiers, and answers at once (202) with the job; `GET /api/v1/calendar/jobs/{id}` follows
/// it.
#[utoipa::path(
    post,
    path = "/api/v1/calendar/days",
    tag = "admin",
    operation_id = "changeCalendarDay",
    summary = "Sửa một ngày của lịch làm việc; hạn các hồ sơ đang giải quyết được tính lại ở nền",
    description = "Cần vai trò quan_tri. Thay đổi và công việc tính lại hạn được ghi cùng một \
giao dịch; câu trả lời 202 đến ngay, không chờ tính lại (xem GET /api/v1/calendar/jobs/{id}). \
Mỗi hồ sơ đổi hạn có thêm một sự kiện due_recomputed. Gửi lại đúng thay đổi đó (cùng lịch, \
ngày, loại, lý do, văn bản) không ghi thêm gì và trả lại công việc cũ (created = false).",
    security(("bearerAuth" = []), ("cookieAuth" = [], "csrfHeader" = [])),
    request_body = CalendarChangeBody,
    responses(
        (status = 202, description = "Đã ghi thay đổi; hạn đang được tính lại", body = CalendarJobBody),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 413, response = PayloadTooLarge),
        (status = 415, response = UnsupportedMediaType),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ),
)]
pub async fn change_day(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    _: ApiQuery<NoQuery>,
    ApiJson(body): ApiJson<CalendarChangeBody>,
) -> Result<(StatusCode, Json<CalendarJobBody>), WebError> {
    let change = CalendarChange {
        calendar: body.calendar,
        day: CalendarOverride {
            date: body.date,
            kind: body.kind.into(),
            reason: body.reason,
            reference: body.reference,
        },
    };
    let started = state.app.change_calendar_day(&caller, change).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(CalendarJobBody::new(started.job, started.created)),
    ))
}

/// `GET /api/v1/calendar/jobs/{id}`: where a recomputation stands.
#[utoipa::path(
    get,
    path = "/api/v1/calendar/jobs/{id}",
    tag = "admin",
    operation_id = "getCalendarJob",
    summary = "Tiến độ tính lại hạn sau một thay đổi lịch",
    description = "Cần vai trò quan_tri của đơn vị sở hữu lịch.",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(("id" = i64, Path, description = "Số của công việc.")),
    responses(
        (status = 200, description = "Công việc", body = CalendarJobBody),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
        (status = 503, response = Unavailable),
    ),
)]
pub async fn job(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiPath(id): ApiPath<i64>,
    _: ApiQuery<NoQuery>,
) -> Result<Json<CalendarJobBody>, WebError> {
    let job = state.app.calendar_job(&caller, id).await?;
    Ok(Json(CalendarJobBody::new(job, false)))
}
