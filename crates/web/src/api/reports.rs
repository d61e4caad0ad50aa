//! Reports: the periodic report (Biểu II.06a), the Decision 766 index with its drill-down, and
//! the tracking register, as JSON or as CSV/XLSX/PDF attachments.

use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::auth::ApiActor;
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use motcua_domain::ids::UnitCode;
use motcua_domain::stats::{Period, Source};
use serde::Deserialize;
use serde_json::json;

/// Query of the report routes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    period: Option<String>,
    from: Option<String>,
    to: Option<String>,
    unit: Option<String>,
    format: Option<String>,
    /// Only for the drill-down.
    indicator: Option<String>,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (the default).
    Json,
    /// CSV, UTF-8 with a BOM.
    Csv,
    /// XLSX.
    Xlsx,
    /// PDF, A4.
    Pdf,
}

/// The period, unit and format of a request; each refusal names the parameter.
pub fn parse(p: &ReportParams) -> Result<(Period, Option<UnitCode>, Format), WebError> {
    let period =
        motcua_report::period_from(p.period.as_deref(), p.from.as_deref(), p.to.as_deref())
            .map_err(|e| WebError::InvalidParameter(e.to_string()))?;
    let unit = match p.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        Some(u) => Some(UnitCode::parse(u).map_err(|e| WebError::InvalidParameter(e.to_string()))?),
        None => None,
    };
    let format = match p.format.as_deref().map(str::trim) {
        None | Some("" | "json") => Format::Json,
        Some("csv") => Format::Csv,
        Some("xlsx") => Format::Xlsx,
        Some("pdf") => Format::Pdf,
        Some(other) => {
            return Err(WebError::InvalidParameter(format!(
                "định dạng «{other}» không hợp lệ (có: json, csv, xlsx, pdf)"
            )));
        }
    };
    Ok((period, unit, format))
}

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
pub async fn tthc(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Response, WebError> {
    let (period, unit, format) = parse(&params)?;
    let r = state.app.report_tthc(&caller, period, unit).await?;
    let name = |ext| motcua_report::file_name("bao-cao-tthc", &r.unit.code, r.period(), ext);
    Ok(match format {
        Format::Json => Json(motcua_report::tthc_json(&r)).into_response(),
        Format::Csv => attachment(
            motcua_report::tthc_csv(&r).into_bytes(),
            motcua_report::CSV_MEDIA_TYPE,
            &name("csv"),
        ),
        Format::Xlsx => attachment(
            motcua_report::tthc_xlsx(&r).map_err(internal)?,
            motcua_report::XLSX_MEDIA_TYPE,
            &name("xlsx"),
        ),
        Format::Pdf => {
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
pub async fn index766(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Response, WebError> {
    let (period, unit, format) = parse(&params)?;
    if !matches!(format, Format::Json | Format::Pdf) {
        return Err(WebError::InvalidParameter(
            "chỉ số 766 chỉ có định dạng json hoặc pdf".into(),
        ));
    }
    let r = state.app.index766(&caller, period, unit).await?;
    if format == Format::Json {
        return Ok(Json(motcua_report::index766_json(&r)).into_response());
    }
    let file = motcua_report::file_name("chi-so-766", &r.unit.code, r.period(), "pdf");
    Ok(attachment(
        pdf(r, motcua_pdf::index766_pdf).await?,
        motcua_pdf::PDF_MEDIA_TYPE,
        &file,
    ))
}

/// `GET /api/v1/reports/index766/losers?indicator=2.1`: every dossier that lost an indicator.
pub async fn losers(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Response, WebError> {
    let (period, unit, _) = parse(&params)?;
    let asked = params.indicator.as_deref().unwrap_or("");
    let id = motcua_report::indicator_by_code(asked)
        .filter(|id| id.source() == Source::Records)
        .ok_or_else(|| {
            WebError::InvalidParameter(format!(
                "chỉ số «{asked}» không có hồ sơ chi tiết (có: 2.1, 3.3, 3.6, 4.1, 4.2, 4.3, 5.4)"
            ))
        })?;
    let r = state.app.index766(&caller, period, unit).await?;
    let items: Vec<&str> = r.losers_of(id).map(|c| c.as_str()).collect();
    Ok(Json(json!({
        "indicator": id.code(),
        "label": id.label_vi(),
        "unit": { "code": r.unit.code, "name": r.unit.name },
        "period": { "from": r.period().from(), "to": r.period().to() },
        "count": items.len(),
        "items": items,
    }))
    .into_response())
}

/// `GET /api/v1/reports/register`: the tracking register of a unit subtree's desks.
pub async fn register(
    State(state): State<AppState>,
    ApiActor(caller): ApiActor,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Response, WebError> {
    let (period, unit, format) = parse(&params)?;
    let r = state.app.register(&caller, period, unit).await?;
    let name = |ext| motcua_report::file_name("so-theo-doi", &r.unit.code, &r.period, ext);
    Ok(match format {
        Format::Json => Json(motcua_report::register_json(&r)).into_response(),
        Format::Csv => attachment(
            motcua_report::register_csv(&r).into_bytes(),
            motcua_report::CSV_MEDIA_TYPE,
            &name("csv"),
        ),
        Format::Xlsx => attachment(
            motcua_report::register_xlsx(&r).map_err(internal)?,
            motcua_report::XLSX_MEDIA_TYPE,
            &name("xlsx"),
        ),
        Format::Pdf => {
            let file = name("pdf");
            attachment(
                pdf(r, motcua_pdf::register_pdf).await?,
                motcua_pdf::PDF_MEDIA_TYPE,
                &file,
            )
        }
    })
}
