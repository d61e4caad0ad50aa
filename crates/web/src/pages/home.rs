//! `GET /`: the citizens' landing page (look-up and catalogue); signed-in staff go to `/can-bo`.

use super::error::PageError;
use super::login::signed_in;
use super::view::render_html;
use crate::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;

#[derive(Serialize)]
struct HomeView {
    ma: &'static str,
}

/// `GET /`.
pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if signed_in(&state, &headers).await {
        return Ok(Redirect::to("/can-bo").into_response());
    }
    Ok(render_html("home.html", None, &HomeView { ma: "" })?.into_response())
}
