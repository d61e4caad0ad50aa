//! HTML pages for staff and citizens: server-rendered, usable without JavaScript, in Vietnamese.
//!
//! Each screen is one module and one template. Handlers parse the request, call one use case of
//! [`motcua_app::App`] and render a view model; formatting of dates and money happens in the
//! templates through the filters of the `filters` module, so every page writes them the same way.

mod actions;
mod assets;
mod calendar;
mod catalogue;
mod control_sheet;
mod dashboard;
mod dashboard_sections;
mod dossier;
mod error;
mod filters;
mod history;
mod home;
mod inbox;
mod index766;
mod intake;
mod labels;
mod login;
mod lookup;
mod receipt;
mod register;
mod report;
mod report_period;
mod users;
mod view;

pub use error::PageError;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Page routes (merged at the root): the citizen pages, sign-in and the staff pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/dang-nhap", get(login::form).post(login::submit))
        .route("/dang-xuat", post(login::logout))
        .route("/can-bo", get(inbox::page))
        .route("/can-bo/tiep-nhan", get(intake::form).post(intake::submit))
        .route("/can-bo/ho-so/{code}", get(dossier::page))
        .route("/can-bo/ho-so/{code}/thao-tac", post(actions::submit))
        .route("/can-bo/ho-so/{code}/bien-nhan", get(receipt::page))
        .route(
            "/can-bo/ho-so/{code}/phieu-kiem-soat",
            get(control_sheet::page),
        )
        .route("/can-bo/bao-cao", get(report::page))
        .route("/can-bo/tong-quan", get(dashboard::page))
        .route("/can-bo/chi-so-766", get(index766::page))
        .route("/can-bo/chi-so-766/ho-so", get(index766::losers))
        .route("/can-bo/so-theo-doi", get(register::page))
        .route("/can-bo/nguoi-dung", get(users::page))
        .route(
            "/can-bo/lich-lam-viec",
            get(calendar::page).post(calendar::change),
        )
        .route("/can-bo/nguoi-dung/khoa", post(users::disable))
        .route("/can-bo/nguoi-dung/mo-khoa", post(users::enable))
        .route("/thu-tuc", get(catalogue::list))
        .route("/thu-tuc/{code}", get(catalogue::procedure))
        .route("/tra-cuu", get(lookup::page).post(lookup::submit))
        .route("/static/{file}", get(assets::file))
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(error::render_error_pages))
}
