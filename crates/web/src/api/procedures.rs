//! The public catalogue of procedures.

use crate::AppState;
use crate::api::catalogue::{ProcedureDto, ProcedureList, ProcedureSummary};
use crate::api::extract::{ApiPath, ApiQuery, NoQuery};
use crate::api::params::ProcedureCodeParam;
use crate::api::responses::{BadRequest, Internal, NotFound};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::IntoParams;

/// Query of `GET /api/v1/procedures`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Các từ cần tìm trong mã, tên hoặc lĩnh vực, ví dụ "dang ky ket hon"; bỏ trống để lấy tất
    /// cả.
    #[serde(default)]
    q: String,
}

/// `GET /api/v1/procedures?q=`: current procedures whose code, name or field contain every word
/// of `q`, ignoring case and diacritics.
#[utoipa::path(
    get,
    path = "/api/v1/procedures",
    tag = "catalogue",
    operation_id = "searchProcedures",
    summary = "Tìm thủ tục (không phân biệt hoa thường, có dấu hay không dấu)",
    params(SearchQuery),
    responses(
        (status = 200, description = "Các thủ tục tìm thấy", body = ProcedureList),
        (status = 400, response = BadRequest),
        (status = 500, response = Internal),
    ),
)]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Result<Json<ProcedureList>, WebError> {
    let found = state.app.search_procedures(&query.q).await?;
    Ok(Json(ProcedureList {
        items: found.iter().map(ProcedureSummary::from).collect(),
    }))
}

/// `GET /api/v1/procedures/{code}`: the current version in full.
#[utoipa::path(
    get,
    path = "/api/v1/procedures/{code}",
    tag = "catalogue",
    operation_id = "getProcedure",
    summary = "Phiên bản hiện hành của một thủ tục",
    params(("code" = inline(ProcedureCodeParam), Path, description = "Mã thủ tục quốc gia, ví dụ 1.000894.")),
    responses(
        (status = 200, description = "Thủ tục", body = ProcedureDto),
        (status = 400, response = BadRequest),
        (status = 404, response = NotFound),
        (status = 500, response = Internal),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<ProcedureCodeParam>,
    _: ApiQuery<NoQuery>,
) -> Result<Json<ProcedureDto>, WebError> {
    let p = state.app.procedure(code.0.as_str()).await?;
    Ok(Json(ProcedureDto::from(&p)))
}
