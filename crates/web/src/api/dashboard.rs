//! `GET /api/v1/reports/dashboard`: the figures of the dashboard page (`/can-bo/tong-quan`) as
//! JSON: what is overdue or due today, the period's columns, twelve calendar months, the period
//! by field, the ranking of the child units and the Decision 766 groups.

use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::api::reports::{DashboardQuery, period};
use crate::api::responses::{
    BadRequest, Forbidden, Internal, NotFound, Unauthorized, Unprocessable,
};
use crate::api::time::LocalInstant;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use motcua_app::usecases::dashboard::Dashboard;
use motcua_domain::stats::format::points;
use motcua_domain::stats::{Columns, Fraction, Index766};
use motcua_report::json::{
    ColumnsJson, FractionJson, PeriodJson, UnitRef, columns_json, period_json,
};
use serde::Serialize;
use utoipa::ToSchema;

/// Các cột (3)–(13) kèm tỷ lệ đúng hạn.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardColumns {
    /// Các cột của biểu.
    #[serde(flatten)]
    columns: ColumnsJson,
    /// Tỷ lệ giải quyết trước hạn, đúng hạn: (8) + (9) trên (7); rate là null khi không phát
    /// sinh.
    on_time_rate: FractionJson,
}

impl From<&Columns> for DashboardColumns {
    fn from(c: &Columns) -> DashboardColumns {
        let on_time = Fraction {
            numerator: c.early + c.on_time,
            denominator: c.resolved_total(),
        };
        DashboardColumns {
            columns: columns_json(c),
            on_time_rate: (&on_time).into(),
        }
    }
}

/// Một tháng dương lịch.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardMonth {
    /// Các cột của tháng.
    #[serde(flatten)]
    columns: DashboardColumns,
    /// Ngày đầu tháng.
    from: NaiveDate,
    /// Ngày cuối tháng.
    to: NaiveDate,
}

/// Một lĩnh vực trong kỳ.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardField {
    /// Các cột của lĩnh vực.
    #[serde(flatten)]
    columns: DashboardColumns,
    /// Tên lĩnh vực.
    name: String,
}

/// Chỉ số 766 của một đơn vị.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexSummary {
    /// Tổng điểm.
    points: f64,
    /// Tổng điểm dạng chữ.
    #[schema(example = "72,50")]
    points_text: String,
    /// Điểm tối đa trên các chỉ số tính được.
    counted_max: f64,
    /// Điểm quy đổi thang 100 trên các chỉ số tính được.
    normalised: f64,
    /// Dạng chữ.
    normalised_text: String,
    /// Cách chia điểm nhóm cho từng chỉ số là ước tính.
    estimate: bool,
}

impl From<&Index766> for IndexSummary {
    fn from(x: &Index766) -> IndexSummary {
        IndexSummary {
            points: x.points,
            points_text: points(x.points),
            counted_max: x.counted_max,
            normalised: x.normalised(),
            normalised_text: points(x.normalised()),
            estimate: x.estimate,
        }
    }
}

/// Điểm một nhóm chỉ số 766.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupSummary {
    /// Mã nhóm.
    #[schema(example = "TDGQ")]
    code: &'static str,
    /// Tên nhóm.
    label: &'static str,
    /// Điểm đạt.
    points: f64,
    /// Điểm đạt dạng chữ.
    points_text: String,
    /// Điểm tối đa của nhóm.
    max_points: f64,
    /// Điểm tối đa trên các chỉ số tính được.
    counted_max: f64,
}

/// Chỉ số 766 của đơn vị, kèm các nhóm.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndexWithGroups {
    /// Tổng.
    #[serde(flatten)]
    summary: IndexSummary,
    /// Các nhóm chỉ số.
    groups: Vec<GroupSummary>,
}

impl From<&Index766> for IndexWithGroups {
    fn from(x: &Index766) -> IndexWithGroups {
        IndexWithGroups {
            summary: x.into(),
            groups: x
                .groups
                .iter()
                .map(|g| GroupSummary {
                    code: g.group.code(),
                    label: g.group.label_vi(),
                    points: g.points,
                    points_text: points(g.points),
                    max_points: g.max_points,
                    counted_max: g.counted_max,
                })
                .collect(),
        }
    }
}

/// Một đơn vị trực thuộc trong bảng xếp hạng.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardRank {
    /// Các cột của cây đơn vị.
    #[serde(flatten)]
    columns: DashboardColumns,
    /// Thứ hạng, từ 1.
    rank: usize,
    /// Đơn vị.
    unit: UnitRef,
    /// Chỉ số 766 của cây đơn vị.
    index766: IndexSummary,
}

/// Tổng quan của một đơn vị trong một kỳ.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Dashboard)]
pub struct DashboardDto {
    /// Đơn vị (gồm các đơn vị trực thuộc).
    unit: UnitRef,
    /// Kỳ.
    period: PeriodJson,
    /// Thời điểm tính.
    now: LocalInstant,
    /// Hồ sơ đang giải quyết đã quá hạn tại thời điểm tính.
    overdue_now: u64,
    /// Hồ sơ đang giải quyết đến hạn trong ngày, chưa quá hạn.
    due_today: u64,
    /// Các cột của kỳ.
    total: DashboardColumns,
    /// 12 tháng dương lịch, cũ nhất trước.
    months: Vec<DashboardMonth>,
    /// Các lĩnh vực có hồ sơ trong kỳ, theo tên.
    fields: Vec<DashboardField>,
    /// Các đơn vị trực thuộc (cả cây con của mỗi đơn vị), xếp hạng theo chỉ số 766 quy đổi
    /// thang 100, rồi theo tỷ lệ đúng hạn.
    ranking: Vec<DashboardRank>,
    /// Chỉ số 766 của đơn vị.
    index766: IndexWithGroups,
}

impl From<&Dashboard> for DashboardDto {
    fn from(d: &Dashboard) -> DashboardDto {
        DashboardDto {
            unit: UnitRef::from(&d.unit),
            period: period_json(&d.period),
            now: d.now.into(),
            overdue_now: d.overdue_now,
            due_today: d.due_today,
            total: (&d.total).into(),
            months: d
                .months
                .iter()
                .map(|m| DashboardMonth {
                    columns: (&m.columns).into(),
                    from: m.period.from(),
                    to: m.period.to(),
                })
                .collect(),
            fields: d
                .fields
                .iter()
                .map(|f| DashboardField {
                    columns: (&f.columns).into(),
                    name: f.name.clone(),
                })
                .collect(),
            ranking: d
                .ranking
                .iter()
                .enumerate()
                .map(|(i, r)| DashboardRank {
                    columns: (&r.columns).into(),
                    rank: i + 1,
                    unit: UnitRef::from(&r.unit),
                    index766: (&r.index).into(),
                })
                .collect(),
            index766: (&d.index).into(),
        }
    }
}

/// `GET /api/v1/reports/dashboard`.
#[utoipa::path(
    get,
    path = "/api/v1/reports/dashboard",
    tag = "reports",
    operation_id = "reportDashboard",
    summary = "Tổng quan cho lãnh đạo và cán bộ CCHC: hồ sơ quá hạn, đến hạn hôm nay, số liệu \
của kỳ, 12 tháng dương lịch gần nhất, theo lĩnh vực, xếp hạng đơn vị trực thuộc và các nhóm chỉ \
số 766",
    description = "Số liệu của trang /can-bo/tong-quan. Kỳ: period, hoặc cả from và to. Kỳ chưa \
kết thúc được tính đến thời điểm hiện tại (now). 12 tháng kết thúc ở tháng cuối kỳ (hoặc tháng \
hiện tại nếu sớm hơn). Chỉ có định dạng JSON.",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(DashboardQuery),
    responses(
        (status = 200, description = "Tổng quan", body = DashboardDto),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn dashboard(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Json<DashboardDto>, WebError> {
    let period = period(q.period, q.from, q.to)?;
    let d = state
        .app
        .dashboard(&caller, period, q.unit.map(|u| u.0))
        .await?;
    Ok(Json(DashboardDto::from(&d)))
}
