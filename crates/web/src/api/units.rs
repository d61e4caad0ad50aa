//! The public list of units.

use crate::AppState;
use crate::api::catalogue::{UnitDto, UnitList};
use crate::api::extract::{ApiQuery, NoQuery};
use crate::api::responses::{BadRequest, Internal};
use crate::error::WebError;
use axum::Json;
use axum::extract::State;

/// `GET /api/v1/units`: every unit with its code, name, kind and parent.
#[utoipa::path(
    get,
    path = "/api/v1/units",
    tag = "catalogue",
    operation_id = "listUnits",
    summary = "Danh sách đơn vị",
    responses(
        (status = 200, description = "Các đơn vị", body = UnitList),
        (status = 400, response = BadRequest),
        (status = 500, response = Internal),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    _: ApiQuery<NoQuery>,
) -> Result<Json<UnitList>, WebError> {
    let org = state.app.org().await?;
    Ok(Json(UnitList {
        items: org.units().iter().map(UnitDto::from).collect(),
    }))
}
