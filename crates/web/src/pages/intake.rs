//! `GET/POST /can-bo/tiep-nhan`: receiving a dossier at the desk, then its receipt.
//!
//! A refused field is shown with its message next to it, and the form keeps what was typed. The
//! applicant's fields are parsed by the domain (`NewApplicant::parse`, through the use case),
//! exactly as for the API.
//!
//! The form carries a random one-time key: a double click or a re-sent form gives back the
//! dossier created the first time instead of a second one (the key is scoped to the user and the
//! pages). The competent-unit list offers the units the catalogue allows at the officer's desks;
//! the use case checks the pair for the procedure chosen.

use super::error::{PageError, capitalise};
use super::view::render_html;
use crate::AppState;
use crate::auth::{PageActor, check_csrf};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey, new_form_key};
use motcua_app::{AppError, IntakeRequest};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Applicant, Channel, ReturnMethod};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Unit;
use serde::{Deserialize, Serialize};

/// The intake form, as sent and as shown again after an error.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct IntakeForm {
    #[serde(skip_serializing)]
    csrf_token: String,
    key: String,
    procedure_code: String,
    receiving_unit: String,
    competent_unit: String,
    kind: String,
    name: String,
    phone: String,
    id_number: String,
    email: String,
    address: String,
    channel: String,
    return_method: String,
    digitised: String,
    #[serde(default)]
    reused_data: String,
    paid_at_desk: String,
}

#[derive(Serialize)]
struct Choice {
    code: String,
    name: String,
    group: String,
}

#[derive(Serialize)]
struct IntakeView<'a> {
    form: &'a IntakeForm,
    procedures: Vec<Choice>,
    receiving_units: Vec<Choice>,
    units: Vec<Choice>,
    error: Option<String>,
    /// The refused field of the form and why, shown next to it.
    field_error: Option<FieldMessage>,
}

/// An error shown next to a field of the form.
#[derive(Debug, Serialize)]
struct FieldMessage {
    /// The form field (`name`, `phone`, `address`, …).
    field: &'static str,
    /// Why, in Vietnamese.
    message: String,
}

/// Form fields an error can be shown next to; the use case names the applicant's fields
/// `applicant.<field>`.
const FIELDS: [&str; 8] = [
    "procedure_code",
    "receiving_unit",
    "competent_unit",
    "name",
    "phone",
    "id_number",
    "email",
    "address",
];

/// Where `e` belongs: next to a field of the form, or above it.
fn place(e: &AppError) -> (Option<String>, Option<FieldMessage>) {
    let message = capitalise(&e.to_string());
    let field = match e {
        AppError::Invalid {
            field: Some(field), ..
        } => {
            let key = field.strip_prefix("applicant.").unwrap_or(field);
            FIELDS.into_iter().find(|f| *f == key)
        }
        _ => None,
    };
    match field {
        Some(field) => (None, Some(FieldMessage { field, message })),
        None => (Some(message), None),
    }
}

/// `GET /can-bo/tiep-nhan`.
pub async fn form(State(state): State<AppState>, page: PageActor) -> Result<Response, PageError> {
    let form = IntakeForm {
        key: new_form_key(),
        ..IntakeForm::default()
    };
    show(&state, &page, &form, (None, None), StatusCode::OK).await
}

async fn show(
    state: &AppState,
    page: &PageActor,
    form: &IntakeForm,
    (error, field_error): (Option<String>, Option<FieldMessage>),
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut procedures: Vec<Choice> = state
        .app
        .search_procedures("")
        .await?
        .into_iter()
        .map(|p| Choice {
            code: p.spec.code.to_string(),
            name: p.spec.name,
            group: p.spec.field,
        })
        .collect();
    procedures.sort_by(|a, b| (&a.group, &a.name).cmp(&(&b.group, &b.name)));
    let choices = state.app.intake_choices(&page.caller).await?;
    let choice = |u: Unit| Choice {
        code: u.code.to_string(),
        name: u.name,
        group: String::new(),
    };
    let receiving_units = choices.receiving.into_iter().map(choice).collect();
    let units = choices.competent.into_iter().map(choice).collect();
    let view = IntakeView {
        form,
        procedures,
        receiving_units,
        units,
        error,
        field_error,
    };
    Ok((status, render_html("intake.html", Some(page), &view)?).into_response())
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|t| !t.is_empty())
}

fn unit(s: &str, what: &str) -> Result<Option<UnitCode>, AppError> {
    optional(s)
        .map(|c| UnitCode::parse(&c))
        .transpose()
        .map_err(|_| AppError::invalid("unknown_unit", what, "đơn vị không hợp lệ"))
}

fn request(f: &IntakeForm) -> Result<IntakeRequest, AppError> {
    Ok(IntakeRequest {
        procedure_code: f.procedure_code.trim().to_owned(),
        receiving_unit: unit(&f.receiving_unit, "receiving_unit")?,
        competent_unit: unit(&f.competent_unit, "competent_unit")?,
        applicant: Applicant {
            kind: if f.kind == "organisation" {
                ApplicantType::Organisation
            } else {
                ApplicantType::Citizen
            },
            name: f.name.trim().to_owned(),
            id_number: optional(&f.id_number),
            phone: optional(&f.phone),
            email: optional(&f.email),
            address: optional(&f.address),
        },
        channel: if f.channel == "post" {
            Channel::Post
        } else {
            Channel::Desk
        },
        return_method: match f.return_method.as_str() {
            "post" => ReturnMethod::Post,
            "online" => ReturnMethod::Online,
            _ => ReturnMethod::Desk,
        },
        digitised: !f.digitised.is_empty(),
        reused_data: !f.reused_data.is_empty(),
        paid_at_desk: !f.paid_at_desk.is_empty(),
    })
}

/// `POST /can-bo/tiep-nhan`: receives the dossier and goes to its receipt.
pub async fn submit(
    State(state): State<AppState>,
    page: PageActor,
    Form(form): Form<IntakeForm>,
) -> Result<Response, PageError> {
    check_csrf(&page, &form.csrf_token)?;
    if form.procedure_code.trim().is_empty() {
        let message = FieldMessage {
            field: "procedure_code",
            message: "Chọn thủ tục hành chính.".to_owned(),
        };
        return show(
            &state,
            &page,
            &form,
            (None, Some(message)),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let key = ClientKey::parse(KeyChannel::Page, &form.key).ok();
    let result = match request(&form) {
        Ok(req) => state.app.intake(&page.caller, req, key).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(view) => Ok(
            Redirect::to(&format!("/can-bo/ho-so/{}/bien-nhan", view.dossier.code)).into_response(),
        ),
        Err(e @ (AppError::Store(_) | AppError::RateLimited)) => Err(e.into()),
        Err(e) => {
            let status = match e {
                AppError::Forbidden(_) => StatusCode::FORBIDDEN,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            show(&state, &page, &form, place(&e), status).await
        }
    }
}
