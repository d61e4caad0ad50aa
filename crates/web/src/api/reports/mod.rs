//! Reports: the periodic report (Biểu II.06a), the Decision 766 index with its drill-down, and
//! the tracking register, as JSON or as CSV/XLSX/PDF attachments.

mod query;

pub use query::{DashboardQuery, period};

use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::api::responses::{
    BadRequest, Forbidden, Internal, NotFound, Unauthorized, Unprocessable,
};
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use motcua_app::FieldRows;
use motcua_report::json::{PeriodJson, UnitRef, period_json};
use motcua_report::{Index766Json, RegisterJson, TthcJson};
use query::{
    ExportFormat, ExportQuery, IndexFormat, IndexQuery, LosersQuery, TthcQuery, report_unit,
};
use serde::Serialize;
use std::borrow::Cow;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A file to download: no caching (reports hold personal data and change by the minute).
pub fn attachment(body: Vec<u8>, media_type: &'static str, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The schema of a downloaded file (CSV, XLSX, PDF).
#[derive(Debug)]
pub struct File;

impl PartialSchema for File {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("Tệp đính kèm (Content-Disposition: attachment)."))
            .into()
    }
}

impl ToSchema for File {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("File")
    }
}

fn internal(e: impl std::fmt::Display) -> WebError {
    WebError::Internal(e.to_string())
}

/// A PDF of `report`, laid out on a blocking thread (tens of milliseconds of CPU).
async fn pdf<R: Send + 'static>(
    report: R,
    write: fn(&R) -> Result<Vec<u8>, motcua_pdf::PdfError>,
) -> Result<Vec<u8>, WebError> {
    tokio::task::spawn_blocking(move || write(&report))
        .await
        .map_err(internal)?
        .map_err(internal)
}

/// `GET /api/v1/reports/tthc`: the 13 columns of Biểu II.06a for a unit subtree.
#[utoipa::path(
    get,
    path = "/api/v1/reports/tthc",
    tag = "reports",
    operation_id = "reportTthc",
    summary = "Tình hình, kết quả giải quyết TTHC (Biểu II.06a): 13 cột, tổng của đơn vị và các \
đơn vị trực thuộc, theo đơn vị và theo lĩnh vực",
    description = "Hồ sơ được tính cho cơ quan có thẩm quyền giải quyết. Cột (3) = (4)+(5)+(6) = \
(7)+(11). Kỳ: tham số period, hoặc cả from và to (không dùng cùng lúc; thiếu hoặc thừa trả 400). \
format=csv, xlsx hoặc pdf trả tệp đính kèm (Content-Disposition).",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(TthcQuery),
    responses(
        (status = 200, description = "Báo cáo", content(
            (TthcJson = "application/json"),
            (File = "text/csv"),
            (File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (File = "application/pdf"),
        )),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn tthc(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<TthcQuery>,
) -> Result<Response, WebError> {
    let period = period(q.period, q.from, q.to)?;
    let unit = report_unit(q.unit, q.with_predecessors);
    let fields = if q.fields_by_unit.unwrap_or(false) {
        FieldRows::UnderEachUnit
    } else {
        FieldRows::Subtree
    };
    let r = state
        .app
        .report_tthc_with(&caller, period, unit, fields)
        .await?;
    let name = |ext| motcua_report::file_name("bao-cao-tthc", &r.unit.code, r.period(), ext);
    Ok(match q.format.unwrap_or_default() {
        ExportFormat::Json => Json(motcua_report::tthc_json(&r)).into_response(),
        ExportFormat::Csv => attachment(
            motcua_report::tthc_csv(&r).into_bytes(),
            motcua_report::CSV_MEDIA_TYPE,
            &name("csv"),
        ),
        ExportFormat::Xlsx => attachment(
            motcua_report::tthc_xlsx(&r).map_err(internal)?,
            motcua_report::XLSX_MEDIA_TYPE,
            &name("xlsx"),
        ),
        ExportFormat::Pdf => {
            let file = name("pdf");
            attachment(
                pdf(r, motcua_pdf::tthc_pdf).await?,
                motcua_pdf::PDF_MEDIA_TYPE,
                &file,
            )
        }
    })
}

/// `GET /api/v1/reports/index766`: the Decision 766 index of a unit subtree, as JSON or PDF.
#[utoipa::path(
    get,
    path = "/api/v1/reports/index766",
    tag = "reports",
    operation_id = "reportIndex766",
    summary = "Chỉ số đánh giá chất lượng phục vụ theo Quyết định 766/QĐ-TTg: từng chỉ số (tử số, \
mẫu số, tỷ lệ, điểm), điểm nhóm và tổng",
    description = "Chỉ số cần dữ liệu bên ngoài (công bố, Cổng DVCQG) hoặc chưa có đánh giá nào \
(5.4) là không tính được. points là điểm chính thức (thang 100, chỉ số không tính được 0 điểm); \
normalised là điểm trên phần tính được; luôn dùng cả hai. Điểm từng chỉ số theo Cổng DVCQG khi đã \
biết, là ước tính (estimate = true). Mỗi chỉ số tính từ \
hồ sơ có losers.count và tối đa 20 mã hồ sơ mất điểm; danh sách đầy đủ ở \
/api/v1/reports/index766/losers. Kỳ: period, hoặc cả from và to.",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(IndexQuery),
    responses(
        (status = 200, description = "Chỉ số", content(
            (Index766Json = "application/json"),
            (File = "application/pdf"),
        )),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn index766(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<IndexQuery>,
) -> Result<Response, WebError> {
    let period = period(q.period, q.from, q.to)?;
    let r = state
        .app
        .index766(&caller, period, report_unit(q.unit, q.with_predecessors))
        .await?;
    if q.format.unwrap_or_default() == IndexFormat::Json {
        return Ok(Json(motcua_report::index766_json(&r)).into_response());
    }
    let file = motcua_report::file_name("chi-so-766", &r.unit.code, r.period(), "pdf");
    Ok(attachment(
        pdf(r, motcua_pdf::index766_pdf).await?,
        motcua_pdf::PDF_MEDIA_TYPE,
        &file,
    ))
}

/// Các hồ sơ làm mất điểm một chỉ số.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = IndicatorLosers)]
pub struct Losers {
    /// Số hiệu chỉ số.
    #[schema(example = "2.1")]
    indicator: &'static str,
    /// Tên chỉ số.
    label: &'static str,
    /// Đơn vị.
    unit: UnitRef,
    /// Kỳ.
    period: PeriodJson,
    /// Số hồ sơ mất điểm.
    count: usize,
    /// Mã các hồ sơ mất điểm.
    items: Vec<String>,
}

/// `GET /api/v1/reports/index766/losers?indicator=2.1`: every dossier that lost an indicator.
#[utoipa::path(
    get,
    path = "/api/v1/reports/index766/losers",
    tag = "reports",
    operation_id = "reportIndex766Losers",
    summary = "Các hồ sơ làm mất điểm một chỉ số 766 (chi tiết)",
    description = "Kỳ: period, hoặc cả from và to.",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(LosersQuery),
    responses(
        (status = 200, description = "Mã các hồ sơ mất điểm", body = Losers),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn losers(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<LosersQuery>,
) -> Result<Json<Losers>, WebError> {
    let period = period(q.period, q.from, q.to)?;
    let id = q.indicator.0;
    let r = state
        .app
        .index766(&caller, period, q.unit.map(|u| u.0))
        .await?;
    let items: Vec<String> = r.losers_of(id).map(ToString::to_string).collect();
    Ok(Json(Losers {
        indicator: id.code(),
        label: id.label_vi(),
        unit: UnitRef::from(&r.unit),
        period: period_json(r.period()),
        count: items.len(),
        items,
    }))
}

/// `GET /api/v1/reports/register`: the tracking register of a unit subtree's desks.
#[utoipa::path(
    get,
    path = "/api/v1/reports/register",
    tag = "reports",
    operation_id = "reportRegister",
    summary = "Sổ theo dõi hồ sơ (Mẫu 06/07): hồ sơ bộ phận một cửa của đơn vị tiếp nhận trong \
kỳ, theo thời điểm tiếp nhận",
    description = "Kỳ: period, hoặc cả from và to.",
    security(("bearerAuth" = []), ("cookieAuth" = [])),
    params(ExportQuery),
    responses(
        (status = 200, description = "Sổ theo dõi", content(
            (RegisterJson = "application/json"),
            (File = "text/csv"),
            (File = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (File = "application/pdf"),
        )),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 422, response = Unprocessable),
        (status = 500, response = Internal),
    ),
)]
pub async fn register(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, WebError> {
    let period = period(q.period, q.from, q.to)?;
    let r = state
        .app
        .register(&caller, period, report_unit(q.unit, q.with_predecessors))
        .await?;
    let name = |ext| motcua_report::file_name("so-theo-doi", &r.unit.code, &r.period, ext);
    Ok(match q.format.unwrap_or_default() {
        ExportFormat::Json => Json(motcua_report::register_json(&r)).into_response(),
        ExportFormat::Csv => attachment(
            motcua_report::register_csv(&r).into_bytes(),
            motcua_report::CSV_MEDIA_TYPE,
            &name("csv"),
        ),
        ExportFormat::Xlsx => attachment(
            motcua_report::register_xlsx(&r).map_err(internal)?,
            motcua_report::XLSX_MEDIA_TYPE,
            &name("xlsx"),
        ),
        ExportFormat::Pdf => {
            let file = name("pdf");
            attachment(
                pdf(r, motcua_pdf::register_pdf).await?,
                motcua_pdf::PDF_MEDIA_TYPE,
                &file,
            )
        }
    })
}
