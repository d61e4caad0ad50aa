//! The dossier as the API shows it: codes with Vietnamese labels, instants in RFC 3339 `+07:00`,
//! money in đồng.

use crate::api::time::{at, localise, opt};
use chrono::NaiveDateTime;
use motcua_app::DossierView;
use motcua_domain::catalogue::Fee;
use motcua_domain::classify::TimeClass;
use motcua_domain::deadline::TimeLimit;
use motcua_domain::dossier::{Applicant, Dossier, Event, EventKind};
use serde::Serialize;
use serde_json::{Value, json};

/// One line of a dossier list.
#[derive(Debug, Serialize)]
pub struct DossierSummary {
    code: String,
    procedure_code: String,
    procedure_name: String,
    status: &'static str,
    status_label: &'static str,
    receiving_unit: String,
    competent_unit: String,
    current_unit: String,
    applicant_name: String,
    created_at: String,
    received_at: Option<String>,
    due_at: Option<String>,
    ended_at: Option<String>,
    time_class: Option<TimeClass>,
    time_class_label: Option<&'static str>,
}

impl DossierSummary {
    /// The summary of `d` as of `now`.
    pub fn new(d: &Dossier, now: NaiveDateTime) -> DossierSummary {
        let class = d.time_class(now);
        DossierSummary {
            code: d.code.to_string(),
            procedure_code: d.facts.procedure_code.to_string(),
            procedure_name: d.facts.procedure_name.clone(),
            status: d.status.code(),
            status_label: d.status.label_vi(),
            receiving_unit: d.facts.receiving_unit.to_string(),
            competent_unit: d.facts.competent_unit.to_string(),
            current_unit: d.current_unit.to_string(),
            applicant_name: d.facts.applicant.name.clone(),
            created_at: at(d.created_at),
            received_at: opt(d.received_at),
            due_at: opt(d.due_at),
            ended_at: opt(d.ended_at),
            time_class: class,
            time_class_label: class.map(TimeClass::label_vi),
        }
    }
}

/// A dossier with its history and the explanation of its due date.
#[derive(Debug, Serialize)]
pub struct DossierDetail {
    #[serde(flatten)]
    summary: DossierSummary,
    procedure_version: u32,
    field: String,
    rule_version: String,
    applicant: Applicant,
    channel: Value,
    return_method: Value,
    digitised: bool,
    reused_data: bool,
    time_limit: TimeLimit,
    time_limit_text: String,
    fees: Vec<Fee>,
    total_fee: u64,
    payment_pause_allowed: bool,
    coordinating_units: Vec<String>,
    current_step: Option<usize>,
    steps: Vec<Value>,
    pauses: Vec<Value>,
    supplements_after_reception: u32,
    apology: Option<Value>,
    decision: Option<Value>,
    payment: Option<Value>,
    returned: Option<Value>,
    receipt: Option<Value>,
    version: u32,
    events: Vec<EventDto>,
    explanation: Option<Value>,
    explanation_text: Vec<String>,
    warnings: Vec<String>,
}

impl DossierDetail {
    /// The detail of a use case's view, as of `now`.
    pub fn new(view: DossierView, now: NaiveDateTime) -> DossierDetail {
        let d = &view.dossier;
        let f = &d.facts;
        let steps = f
            .steps
            .iter()
            .zip(&d.steps)
            .enumerate()
            .map(|(i, (spec, state))| {
                json!({
                    "index": i, "name": spec.name, "role": spec.role,
                    "role_label": spec.role.label_vi(), "budget_minutes": spec.budget_minutes,
                    "due_at": opt(state.due_at), "assignee": state.assignee,
                    "finished_at": opt(state.finished_at), "on_time": state.on_time,
                })
            })
            .collect();
        let pauses = d
            .pauses
            .iter()
            .map(|p| {
                json!({ "from": at(p.from), "to": opt(p.to), "reason": p.reason,
                             "reason_label": p.reason.label_vi() })
            })
            .collect();
        DossierDetail {
            summary: DossierSummary::new(d, now),
            procedure_version: f.procedure_version,
            field: f.field.clone(),
            rule_version: f.rule_version.clone(),
            applicant: f.applicant.clone(),
            channel: json!({ "code": f.channel, "label": f.channel.label_vi() }),
            return_method: json!(f.return_method),
            digitised: f.digitised,
            reused_data: f.reused_data,
            time_limit: f.time_limit,
            time_limit_text: f.time_limit.to_string(),
            fees: f.fees.clone(),
            total_fee: f.total_fee(),
            payment_pause_allowed: f.payment_pause_allowed,
            coordinating_units: d
                .coordinating_units
                .iter()
                .map(ToString::to_string)
                .collect(),
            current_step: d.current_step,
            steps,
            pauses,
            supplements_after_reception: d.supplements_after_reception,
            apology: d
                .apology
                .as_ref()
                .map(|a| json!({ "at": at(a.at), "reason": a.reason, "new_date": at(a.new_date) })),
            decision: d.decision.as_ref().map(|x| json!(x)),
            payment: d
                .payment
                .as_ref()
                .map(|p| json!({ "at": at(p.at), "amount": p.amount, "method": p.method })),
            returned: d
                .returned
                .as_ref()
                .map(|r| json!({ "at": at(r.at), "method": r.method })),
            receipt: receipt(d),
            version: d.version,
            events: view.events.iter().map(EventDto::new).collect(),
            explanation: view
                .explanation
                .as_ref()
                .and_then(|x| serde_json::to_value(x).ok())
                .map(localise),
            explanation_text: view.explanation_text,
            warnings: view.warnings,
        }
    }
}

/// The receipt (Mẫu 01 / phiếu hẹn) of a received dossier.
fn receipt(d: &Dossier) -> Option<Value> {
    let received = d.received_at?;
    Some(json!({
        "code": d.code,
        "receiving_unit": d.facts.receiving_unit,
        "procedure_name": d.facts.procedure_name,
        "applicant_name": d.facts.applicant.name,
        "received_at": at(received),
        "appointment": opt(d.due_at),
        "total_fee": d.facts.total_fee(),
        "lookup_path": format!("/tra-cuu?ma={}", d.code),
    }))
}

/// One event of the history.
#[derive(Debug, Serialize)]
pub struct EventDto {
    seq: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    at: String,
    actor: String,
    details: Value,
}

impl EventDto {
    fn new(e: &Event) -> EventDto {
        let details = match &e.kind {
            // The facts are the dossier's own fields: repeat only what identifies the procedure.
            EventKind::Created { facts } => json!({
                "procedure_code": facts.procedure_code,
                "procedure_version": facts.procedure_version,
                "channel": facts.channel,
            }),
            other => {
                let mut v = serde_json::to_value(other).unwrap_or(Value::Null);
                if let Some(map) = v.as_object_mut() {
                    map.remove("type");
                }
                localise(v)
            }
        };
        EventDto {
            seq: e.seq,
            kind: e.kind.code(),
            label: e.kind.label_vi(),
            at: at(e.at),
            actor: e.actor.clone(),
            details,
        }
    }
}
