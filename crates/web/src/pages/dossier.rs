//! `GET /can-bo/ho-so/{code}`: a dossier for staff — facts, applicant, status, the due date with
//! its explanation, the control sheet of steps, the history, and the actions that make sense now.

use super::error::PageError;
use super::history::{EventRow, events};
use super::inbox::due_class;
use super::labels;
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use motcua_app::DossierView;
use motcua_app::permissions::Org;
use motcua_app::usecases::dossiers::Assignee;
use motcua_domain::classify::{TimeClass, classify_step};
use motcua_domain::dossier::{ActionKind, Dossier, Leg};
use motcua_domain::ids::UnitCode;
use serde::{Deserialize, Serialize};

/// Query of the detail page: `xong` names the action just done (the flash message).
#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    #[serde(default)]
    xong: String,
}

/// The domain's early / on time / late of a step or transfer, as a label.
fn outcome(done: Option<NaiveDateTime>, due: Option<NaiveDateTime>) -> Option<&'static str> {
    classify_step(done, due).map(TimeClass::label_vi)
}

/// One transfer on the control sheet.
#[derive(Serialize)]
struct TransferRow {
    from: String,
    to: String,
    sent_at: NaiveDateTime,
    handed_over_at: Option<NaiveDateTime>,
    budget_minutes: u32,
    due_at: Option<NaiveDateTime>,
    returned_at: Option<NaiveDateTime>,
    outcome: Option<&'static str>,
}

/// One hand-over between the desk and the competent body on the control sheet.
#[derive(Serialize)]
struct HandOverRow {
    label: &'static str,
    from: String,
    to: String,
    sent_at: NaiveDateTime,
    arrives_at: NaiveDateTime,
    due_at: Option<NaiveDateTime>,
    outcome: Option<&'static str>,
}

#[derive(Serialize)]
struct StepRow {
    number: usize,
    name: String,
    unit: String,
    outcome: Option<&'static str>,
    closed_at_end: bool,
    role: &'static str,
    budget_minutes: u32,
    assignee: Option<String>,
    due_at: Option<NaiveDateTime>,
    finished_at: Option<NaiveDateTime>,
    on_time: Option<bool>,
    current: bool,
}

#[derive(Serialize)]
struct UnitOption {
    code: String,
    name: String,
}

#[derive(Serialize)]
struct DetailView<'a> {
    d: &'a Dossier,
    status_label: &'static str,
    applicant_kind: &'static str,
    channel: &'static str,
    return_method: &'static str,
    receiving_unit: String,
    competent_unit: String,
    current_unit: String,
    time_limit: String,
    total_fee: u64,
    payment_method: Option<&'static str>,
    returned_method: Option<&'static str>,
    due_class: &'static str,
    time_class: Option<&'static str>,
    paused_since: Option<NaiveDateTime>,
    explanation: &'a [String],
    warnings: &'a [String],
    repeated_supplement: bool,
    /// Known only by its submission number: the code comes with reception.
    awaiting_code: bool,
    steps: Vec<StepRow>,
    handovers: Vec<HandOverRow>,
    transfers: Vec<TransferRow>,
    events: Vec<EventRow>,
    actions: Vec<(&'static str, &'static str)>,
    transfer_units: Vec<UnitOption>,
    assignees: Vec<Assignee>,
    handover: Vec<Assignee>,
    flash: Option<String>,
    error: Option<&'a str>,
}

/// `GET /can-bo/ho-so/{code}`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Path(code): Path<String>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, PageError> {
    let view = state.app.dossier(&page.caller, &code).await?;
    let flash = labels::action(&q.xong).map(|l| format!("Đã thực hiện: {l}."));
    render(&state, &page, &view, flash, None, StatusCode::OK).await
}

/// Renders the detail page with an optional flash message or error (after a refused action).
pub async fn render(
    state: &AppState,
    page: &PageActor,
    view: &DossierView,
    flash: Option<String>,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let org = state.app.org().await?;
    let d = &view.dossier;
    let now = state.app.now();
    let unit = |c: &UnitCode| unit_name(&org, c);
    let steps = d
        .facts
        .steps
        .iter()
        .zip(&d.steps)
        .enumerate()
        .map(|(i, (spec, run))| StepRow {
            number: i + 1,
            name: spec.name.clone(),
            unit: unit(d.step_unit(i)),
            outcome: outcome(run.finished_at, run.due_at),
            closed_at_end: run.closed_at_end,
            role: spec.role.label_vi(),
            budget_minutes: spec.budget_minutes,
            assignee: run.assignee.clone(),
            due_at: run.due_at,
            finished_at: run.finished_at,
            on_time: run.on_time,
            current: d.current_step == Some(i),
        })
        .collect();
    let transfers: Vec<TransferRow> = d
        .transfers
        .iter()
        .map(|t| TransferRow {
            from: unit(&t.from_unit),
            to: unit(&t.to_unit),
            sent_at: t.sent_at,
            handed_over_at: t.handed_over_at,
            budget_minutes: t.budget_minutes,
            due_at: t.due_at,
            returned_at: t.returned_at,
            outcome: outcome(t.returned_at, t.due_at),
        })
        .collect();
    let due = d.held_due();
    let handovers = d
        .handovers
        .iter()
        .map(|h| {
            // The result is due at the desk by the due instant; the dossier's hand-over has
            // the desk step's own line.
            let due_at = (h.leg == Leg::ResultToDesk).then_some(due).flatten();
            HandOverRow {
                label: h.leg.label_vi(),
                from: unit(&h.from_unit),
                to: unit(&h.to_unit),
                sent_at: h.sent_at,
                arrives_at: h.arrives_at,
                due_at,
                outcome: due_at.and_then(|_| outcome(Some(h.arrives_at), due_at)),
            }
        })
        .collect();
    let transfer_units = org
        .units()
        .iter()
        .filter(|u| u.code != d.facts.competent_unit && u.valid_to.is_none())
        .map(|u| UnitOption {
            code: u.code.to_string(),
            name: u.name.clone(),
        })
        .collect();
    let offers = |kind: ActionKind| view.actions.contains(&kind);
    let assignees = if offers(ActionKind::Assign) {
        state
            .app
            .assignees(&page.caller, d.code.as_str(), false)
            .await?
    } else {
        Vec::new()
    };
    let handover = if offers(ActionKind::CompleteStep) {
        state
            .app
            .assignees(&page.caller, d.code.as_str(), true)
            .await?
    } else {
        Vec::new()
    };
    let actions = view
        .actions
        .iter()
        .filter_map(|k| labels::action(k.code()).map(|label| (k.code(), label)))
        .collect();
    let detail = DetailView {
        d,
        status_label: d.status.label_vi(),
        applicant_kind: labels::applicant_type(d.facts.applicant.kind),
        channel: d.facts.channel.label_vi(),
        return_method: labels::return_method(d.facts.return_method),
        receiving_unit: unit(&d.facts.receiving_unit),
        competent_unit: unit(&d.facts.competent_unit),
        current_unit: unit(&d.current_unit),
        time_limit: d.facts.time_limit.to_string(),
        total_fee: d.facts.total_fee(),
        payment_method: d.payment.as_ref().map(|p| labels::payment_method(p.method)),
        returned_method: d.returned.as_ref().map(|r| labels::return_method(r.method)),
        due_class: due_class(d, now),
        time_class: view.time_class.map(|c| c.label_vi()),
        paused_since: d.open_pause().map(|p| p.from),
        explanation: &view.explanation_text,
        warnings: &view.warnings,
        repeated_supplement: d.supplements_after_reception >= 2,
        awaiting_code: d.code.is_submission(),
        steps,
        handovers,
        transfers,
        events: events(&view.events, d, &org),
        actions,
        transfer_units,
        assignees,
        handover,
        flash,
        error,
    };
    let html = render_html("dossier.html", Some(page), &detail)?;
    Ok((status, html).into_response())
}

/// `Name (code)`, or the code alone for a unit not (or no longer) in the tree.
pub fn unit_name(org: &Org, code: &UnitCode) -> String {
    org.unit(code)
        .map_or_else(|| code.to_string(), |u| format!("{} ({code})", u.name))
}
