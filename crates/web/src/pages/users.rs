//! `GET /can-bo/nguoi-dung`: the accounts an administrator manages, each with a button to lock
//! or unlock it; `POST /can-bo/nguoi-dung/khoa` and `/can-bo/nguoi-dung/mo-khoa` do it. Which
//! accounts are listed and which may be changed comes from the use case
//! ([`motcua_app::App::managed_users`]).

use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::{PageActor, check_csrf};
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use motcua_app::UserAccount;
use motcua_app::permissions::Org;
use serde::{Deserialize, Serialize};

/// Where the list lives.
const PAGE: &str = "/can-bo/nguoi-dung";

/// Query of the list: `xong` names the change just made to account `ten` (the flash message).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UsersQuery {
    xong: String,
    ten: String,
}

/// The form of both buttons.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    csrf_token: String,
    username: String,
}

#[derive(Serialize)]
struct Row {
    username: String,
    full_name: String,
    units: Vec<String>,
    roles: Vec<&'static str>,
    active: bool,
    changeable: bool,
}

#[derive(Serialize)]
struct UsersView {
    rows: Vec<Row>,
    flash: Option<String>,
}

fn row(org: &Org, u: UserAccount) -> Row {
    let mut units: Vec<String> = Vec::new();
    let mut roles: Vec<&'static str> = Vec::new();
    for g in &u.grants {
        let unit = org
            .unit(&g.unit)
            .map_or_else(|| g.unit.to_string(), |x| x.name.clone());
        if !units.contains(&unit) {
            units.push(unit);
        }
        if !roles.contains(&g.role.label_vi()) {
            roles.push(g.role.label_vi());
        }
    }
    Row {
        username: u.username,
        full_name: u.full_name,
        units,
        roles,
        active: u.active,
        changeable: u.changeable,
    }
}

/// The message after a change, when `q` names a listed account in the state the change left.
fn flash(q: &UsersQuery, rows: &[Row]) -> Option<String> {
    let row = rows.iter().find(|r| r.username == q.ten)?;
    match (q.xong.as_str(), row.active) {
        ("khoa", false) => Some(format!(
            "Đã khóa tài khoản «{}». Mọi phiên đăng nhập và mã truy cập API của người dùng này \
             đã dừng.",
            row.username
        )),
        ("mo-khoa", true) => Some(format!(
            "Đã mở khóa tài khoản «{}». Người dùng đăng nhập lại để làm việc.",
            row.username
        )),
        _ => None,
    }
}

/// `GET /can-bo/nguoi-dung`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Query(q): Query<UsersQuery>,
) -> Result<Html<String>, PageError> {
    let users = state.app.managed_users(&page.caller).await?;
    let org = state.app.org().await?;
    let rows: Vec<Row> = users.into_iter().map(|u| row(&org, u)).collect();
    let view = UsersView {
        flash: flash(&q, &rows),
        rows,
    };
    render_html("users.html", Some(&page), &view)
}

/// `POST /can-bo/nguoi-dung/khoa`.
pub async fn disable(
    State(state): State<AppState>,
    page: PageActor,
    Form(f): Form<AccountForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &f.csrf_token)?;
    let username = f.username.trim();
    state.app.disable_user(&page.caller, username).await?;
    Ok(done("khoa", username))
}

/// `POST /can-bo/nguoi-dung/mo-khoa`.
pub async fn enable(
    State(state): State<AppState>,
    page: PageActor,
    Form(f): Form<AccountForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &f.csrf_token)?;
    let username = f.username.trim();
    state.app.enable_user(&page.caller, username).await?;
    Ok(done("mo-khoa", username))
}

/// Back to the list, which says what was done.
fn done(what: &str, username: &str) -> Response {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("xong", what)
        .append_pair("ten", username)
        .finish();
    Redirect::to(&format!("{PAGE}?{query}")).into_response()
}
