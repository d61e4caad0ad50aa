//! `POST /can-bo/ho-so/{code}/thao-tac`: one small form per action, mapped to [`Action`]. Which
//! actions a page offers comes from the use case (`DossierView::actions`), never from here.

use super::dossier::render;
use super::error::{PageError, capitalise};
use super::labels;
use crate::AppState;
use crate::auth::{PageActor, check_csrf};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDateTime;
use motcua_app::AppError;
use motcua_domain::dossier::{Action, DossierError, PaymentMethod, ReturnMethod, Version};
use motcua_domain::ids::UnitCode;
use serde::Deserialize;

/// The fields of every action form; each form sends the ones it needs.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    csrf_token: String,
    action: String,
    /// The version of the dossier the page showed (a hidden field).
    version: String,
    note: String,
    reason: String,
    /// One document a line.
    items: String,
    to: String,
    to_unit: String,
    /// Working hours given to the coordinating unit; empty for one working day.
    budget_hours: String,
    method: String,
    /// `1` approve, `0` refuse.
    approved: String,
    /// `yyyy-mm-ddThh:mm` (an `<input type="datetime-local">`).
    new_date: String,
    result_file: String,
}

fn text(s: &str) -> String {
    s.trim().to_owned()
}

fn optional(s: &str) -> Option<String> {
    Some(text(s)).filter(|t| !t.is_empty())
}

fn parse(f: &ActionForm) -> Result<Action, String> {
    let items = || {
        f.items
            .lines()
            .map(text)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
    };
    let note = text(&f.note);
    Ok(match f.action.as_str() {
        "accept" => Action::Accept,
        "request_supplement_before_reception" => Action::RequestSupplementBeforeReception {
            items: items(),
            note,
        },
        "refuse_at_intake" => Action::RefuseAtIntake {
            reasons: text(&f.reason),
        },
        "assign" => Action::Assign { to: text(&f.to) },
        "complete_step" => Action::CompleteStep {
            to: optional(&f.to),
            note,
        },
        "request_supplement" => Action::RequestSupplement {
            items: items(),
            note,
        },
        "receive_supplement" => Action::ReceiveSupplement { note },
        "request_payment" => Action::RequestPayment { note },
        "pay" => Action::Pay {
            method: if f.method == "online" {
                PaymentMethod::Online
            } else {
                PaymentMethod::Desk
            },
        },
        "transfer" => Action::Transfer {
            to_unit: UnitCode::parse(f.to_unit.trim())
                .map_err(|_| "Chọn cơ quan phối hợp.".to_owned())?,
            note,
            budget_minutes: match f.budget_hours.trim() {
                "" => None,
                hours => Some(
                    hours
                        .parse::<u32>()
                        .ok()
                        .filter(|h| (1..=450).contains(h))
                        .map(|h| h * 60)
                        .ok_or_else(|| {
                            "Thời gian giao phải là số giờ làm việc, từ 1 đến 450.".to_owned()
                        })?,
                ),
            },
        },
        "transfer_back" => Action::TransferBack { note },
        "apologize" => Action::Apologize {
            reason: text(&f.reason),
            new_date: NaiveDateTime::parse_from_str(f.new_date.trim(), "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(f.new_date.trim(), "%Y-%m-%dT%H:%M:%S"))
                .map_err(|_| "Nhập ngày giờ hẹn trả kết quả mới.".to_owned())?,
        },
        "resolve" => Action::Resolve {
            approved: f.approved != "0",
            reasons: text(&f.reason),
            result_file: optional(&f.result_file),
        },
        "stop" => Action::Stop {
            reason: text(&f.reason),
        },
        "withdraw" => Action::Withdraw {
            reason: text(&f.reason),
        },
        "return_result" => Action::ReturnResult {
            method: match f.method.as_str() {
                "post" => ReturnMethod::Post,
                "online" => ReturnMethod::Online,
                _ => ReturnMethod::Desk,
            },
            note,
        },
        _ => return Err("Thao tác không hợp lệ.".to_owned()),
    })
}

/// `POST /can-bo/ho-so/{code}/thao-tac`.
pub async fn submit(
    State(state): State<AppState>,
    page: PageActor,
    Path(code): Path<String>,
    Form(form): Form<ActionForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &form.csrf_token)?;
    let Some(seen) = Version::parse(form.version.trim()) else {
        let view = state.app.dossier(&page.caller, &code).await?;
        let message = "Biểu mẫu không kèm phiên bản hồ sơ đã xem; vui lòng xem lại hồ sơ dưới \
                       đây rồi thực hiện lại thao tác.";
        let status = StatusCode::PRECONDITION_REQUIRED;
        return render(&state, &page, &view, None, Some(message), status).await;
    };
    let result = match parse(&form) {
        Ok(action) => state.app.act(&page.caller, &code, seen, action).await,
        Err(message) => Err(AppError::invalid("invalid_action", "action", message)),
    };
    match result {
        Ok(view) if view.warnings.is_empty() => Ok(Redirect::to(&format!(
            "/can-bo/ho-so/{}?xong={}",
            view.dossier.code, form.action
        ))
        .into_response()),
        Ok(view) => {
            let flash = labels::action(&form.action).map(|l| format!("Đã thực hiện: {l}."));
            render(&state, &page, &view, flash, None, StatusCode::OK).await
        }
        Err(e @ (AppError::Store(_) | AppError::NotFound(_) | AppError::RateLimited)) => {
            Err(e.into())
        }
        Err(e) => {
            let status = match &e {
                AppError::Forbidden(_) => StatusCode::FORBIDDEN,
                AppError::Conflict(_)
                | AppError::Stale { .. }
                | AppError::Dossier(DossierError::NotAllowed { .. }) => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let message = capitalise(&e.to_string());
            let view = state.app.dossier(&page.caller, &code).await?;
            render(&state, &page, &view, None, Some(&message), status).await
        }
    }
}
