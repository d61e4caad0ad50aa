//! JSON API v1. Each operation is declared once, by `#[utoipa::path]` on its handler, and
//! listed once, in [`table`]; the router and the OpenAPI document are both built from that
//! table, and their request and answer types are the serde types the handlers use.

mod calendar;
mod catalogue;
mod codes;
mod dashboard;
mod describe;
mod doc;
mod docs_page;
mod dossiers;
mod extract;
mod params;
mod procedures;
mod public;
mod reports;
mod responses;
mod time;
mod tokens;
mod units;
mod users;

pub use docs_page::METHODS;
pub use extract::{ApiJson, ApiPath, ApiQuery, NoQuery};

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::routing::any;
use utoipa::Modify;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every operation of the API, each with its handler.
fn table() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(doc::base())
        .routes(routes!(tokens::issue))
        .routes(routes!(tokens::logout))
        .routes(routes!(procedures::search))
        .routes(routes!(procedures::get))
        .routes(routes!(units::list))
        .routes(routes!(dossiers::list, dossiers::create))
        .routes(routes!(dossiers::get))
        .routes(routes!(dossiers::act))
        .routes(routes!(public::lookup))
        .routes(routes!(calendar::change_day))
        .routes(routes!(calendar::job))
        .routes(routes!(users::disable))
        .routes(routes!(users::enable))
        .routes(routes!(reports::tthc))
        .routes(routes!(reports::index766))
        .routes(routes!(reports::losers))
        .routes(routes!(reports::register))
        .routes(routes!(dashboard::dashboard))
        .routes(routes!(doc::document))
        .routes(routes!(doc::docs))
}

/// The OpenAPI document of the API: the table's, with the rules its types cannot derive.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = table().into_openapi();
    dossiers::ApplicantRules.modify(&mut doc);
    doc
}

/// The routes of the API (full paths, `/api/...`). Any other path under `/api` answers
/// `404 not_found` and a known path with another method `405 method_not_allowed`, both in the
/// JSON error format.
pub fn routes() -> Router<AppState> {
    let (router, _) = table().split_for_parts();
    router
        .method_not_allowed_fallback(|| async { WebError::MethodNotAllowed })
        .route("/api", any(no_route))
        .route("/api/", any(no_route))
        .route("/api/{*rest}", any(no_route))
}

async fn no_route() -> WebError {
    WebError::NoRoute
}
