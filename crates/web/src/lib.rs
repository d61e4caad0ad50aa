//! HTTP: the JSON API v1 (with its OpenAPI document), staff pages and citizen pages.
//!
//! Handlers are thin: they parse, call one use case of [`motcua_app::App`], and render.

pub mod api;
pub mod auth;
pub mod charts;
pub mod error;
pub mod health;
pub mod layers;
pub mod pages;
pub mod state;

pub use state::{AppState, WebConfig};

use axum::Router;
use axum::routing::get;

/// The whole router: `/healthz`, `/readyz`, `/api/v1/...` and the pages, inside the common
/// layers.
pub fn router(state: AppState) -> Router {
    layers::wrap(
        Router::new()
            .route("/healthz", get(health::healthz))
            .route("/readyz", get(health::readyz))
            .merge(api::routes())
            .merge(pages::routes())
            .with_state(state),
        layers::TIMEOUT,
    )
}
