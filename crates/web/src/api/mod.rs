//! JSON API v1. Every route is listed once in [`API_ROUTES`]; the router is built from that list
//! and a test checks it against the OpenAPI document, so the two cannot drift apart.

mod calendar;
mod dashboard;
mod dossiers;
mod extract;
mod openapi;
mod procedures;
mod public;
mod reports;
mod time;
mod tokens;
mod units;

pub use extract::{ApiJson, ApiQuery};
pub use openapi::DOCUMENT as OPENAPI;

use crate::AppState;
use crate::error::WebError;
use axum::Router;
use axum::routing::{MethodRouter, get, post};

/// Every route of the API: (method, path as in the OpenAPI document).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/procedures"),
    ("GET", "/api/v1/procedures/{code}"),
    ("GET", "/api/v1/units"),
    ("GET", "/api/v1/dossiers"),
    ("POST", "/api/v1/dossiers"),
    ("GET", "/api/v1/dossiers/{code}"),
    ("POST", "/api/v1/dossiers/{code}/actions"),
    ("GET", "/api/v1/public/dossiers/{code}"),
    ("POST", "/api/v1/calendar/days"),
    ("GET", "/api/v1/reports/tthc"),
    ("GET", "/api/v1/reports/index766"),
    ("GET", "/api/v1/reports/index766/losers"),
    ("GET", "/api/v1/reports/register"),
    ("GET", "/api/v1/reports/dashboard"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/docs"),
];

/// Routes under `/api` (nested there by the root router), with JSON 404 and 405 answers.
pub fn routes() -> Router<AppState> {
    API_ROUTES
        .iter()
        .fold(Router::new(), |router, &(method, path)| {
            router.route(
                path.strip_prefix("/api").unwrap_or(path),
                endpoint(method, path),
            )
        })
        .fallback(|| async { WebError::NoRoute })
        .method_not_allowed_fallback(|| async { WebError::MethodNotAllowed })
}

/// The handler of one listed route. A listed route without a handler answers 405, which the
/// route test reports.
fn endpoint(method: &str, path: &str) -> MethodRouter<AppState> {
    match (method, path) {
        ("POST", "/api/v1/auth/token") => post(tokens::issue),
        ("POST", "/api/v1/auth/logout") => post(tokens::logout),
        ("GET", "/api/v1/procedures") => get(procedures::search),
        ("GET", "/api/v1/procedures/{code}") => get(procedures::get),
        ("GET", "/api/v1/units") => get(units::list),
        ("GET", "/api/v1/dossiers") => get(dossiers::list),
        ("POST", "/api/v1/dossiers") => post(dossiers::create),
        ("GET", "/api/v1/dossiers/{code}") => get(dossiers::get),
        ("POST", "/api/v1/dossiers/{code}/actions") => post(dossiers::act),
        ("GET", "/api/v1/public/dossiers/{code}") => get(public::lookup),
        ("POST", "/api/v1/calendar/days") => post(calendar::change_day),
        ("GET", "/api/v1/reports/tthc") => get(reports::tthc),
        ("GET", "/api/v1/reports/index766") => get(reports::index766),
        ("GET", "/api/v1/reports/index766/losers") => get(reports::losers),
        ("GET", "/api/v1/reports/register") => get(reports::register),
        ("GET", "/api/v1/reports/dashboard") => get(dashboard::dashboard),
        ("GET", "/api/v1/openapi.json") => get(openapi::document),
        ("GET", "/api/v1/docs") => get(openapi::docs),
        _ => MethodRouter::new(),
    }
}
