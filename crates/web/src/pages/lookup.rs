//! `GET /tra-cuu?ma=&so=` and `POST /tra-cuu`: the citizen's look-up with the dossier code and
//! the phone or ID number on the dossier. No sign-in; limited per client address.
//!
//! A wrong code and a wrong number give the same answer, so the page cannot be used to learn
//! which codes exist. The form posts, so the number stays out of addresses, browser history and
//! server logs; `GET` with both parameters works too (links, bookmarks), and `?ma=` alone fills
//! in the code (the link on the receipt). The number is compared as the intake stored it
//! (`+84 912 345 678` finds `0912345678`); after an error it is shown again in its field, with the
//! message next to it.

use super::error::{PageError, capitalise};
use super::view::render_html;
use crate::AppState;
use crate::auth::ClientIp;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use motcua_app::{AppError, Caller, PublicView};
use motcua_domain::dossier::Status;
use serde::{Deserialize, Serialize};

/// The look-up form or query.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LookupForm {
    ma: String,
    so: String,
}

#[derive(Serialize)]
struct LookupView {
    ma: String,
    /// The number typed, shown again only with an error (so it can be corrected).
    so: String,
    result: Option<PublicView>,
    advice: Option<&'static str>,
    error: Option<String>,
    /// An error about the number, shown next to its field.
    so_error: Option<String>,
}

/// What the applicant should do now, in plain words.
fn advice(status: Status) -> &'static str {
    match status {
        Status::Submitted => "Hồ sơ đang chờ cán bộ kiểm tra, tiếp nhận.",
        Status::Received | Status::InProgress => {
            "Hồ sơ đang được giải quyết. Ông/bà chưa cần làm gì thêm; vui lòng đến nhận kết quả theo ngày hẹn."
        }
        Status::SupplementRequested => {
            "Cơ quan giải quyết đề nghị bổ sung giấy tờ. Vui lòng liên hệ Bộ phận Một cửa để được hướng dẫn; thời gian chờ bổ sung không tính vào thời hạn giải quyết."
        }
        Status::AwaitingPayment => {
            "Hồ sơ đang chờ ông/bà thực hiện nghĩa vụ tài chính (nộp phí, lệ phí, thuế) theo thông báo."
        }
        Status::Resolved => "Đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.",
        Status::Returned => "Kết quả đã được trả.",
        Status::Stopped => {
            "Hồ sơ đã dừng giải quyết. Vui lòng liên hệ Bộ phận Một cửa để biết lý do."
        }
        Status::Withdrawn => "Hồ sơ đã được rút theo đề nghị của người nộp.",
        Status::RefusedAtIntake => {
            "Hồ sơ không được tiếp nhận. Vui lòng liên hệ Bộ phận Một cửa để biết lý do."
        }
    }
}

/// `GET /tra-cuu`.
pub async fn page(
    State(state): State<AppState>,
    ip: ClientIp,
    Query(q): Query<LookupForm>,
) -> Result<Response, PageError> {
    lookup(&state, &ip, q).await
}

/// `POST /tra-cuu`.
pub async fn submit(
    State(state): State<AppState>,
    ip: ClientIp,
    Form(form): Form<LookupForm>,
) -> Result<Response, PageError> {
    lookup(&state, &ip, form).await
}

async fn lookup(state: &AppState, ip: &ClientIp, q: LookupForm) -> Result<Response, PageError> {
    let ma: String = q.ma.trim().chars().take(80).collect();
    let mut view = LookupView {
        ma,
        so: String::new(),
        result: None,
        advice: None,
        error: None,
        so_error: None,
    };
    if view.ma.is_empty() || q.so.trim().is_empty() {
        return show(&view, StatusCode::OK);
    }
    crate::auth::check_lookup(state, ip)?;
    match state
        .app
        .public_lookup(&Caller::public(), &view.ma, &q.so)
        .await
    {
        Ok(found) => {
            view.advice = Some(advice(found.status));
            view.result = Some(found);
            show(&view, StatusCode::OK)
        }
        Err(AppError::NotFound(_)) => {
            view.so = kept(&q.so);
            view.error = Some(
                "Không tìm thấy hồ sơ với mã hồ sơ và số điện thoại (hoặc số định danh) đã nhập. Vui lòng kiểm tra lại mã trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.".into(),
            );
            show(&view, StatusCode::NOT_FOUND)
        }
        Err(e @ AppError::Invalid { .. }) => {
            view.so = kept(&q.so);
            view.so_error = Some(format!("{}.", capitalise(&e.to_string())));
            show(&view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(e.into()),
    }
}

/// The number as typed, to show again in its field (at most the length of any way of writing
/// a phone or identity number).
fn kept(so: &str) -> String {
    so.trim().chars().take(40).collect()
}

fn show(view: &LookupView, status: StatusCode) -> Result<Response, PageError> {
    Ok((status, render_html("lookup.html", None, view)?).into_response())
}
