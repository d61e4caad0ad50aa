//! `GET /can-bo/ho-so/{code}/phieu-kiem-soat`: the printable control sheet, «Phiếu kiểm soát quá
//! trình giải quyết hồ sơ» (Mẫu số 05 of Thông tư 01/2018/TT-VPCP; Mẫu số 06 of Thông tư
//! 03/2025/TT-VPCP), by the dossier's rule version (docs/rules.md §6.6). One line per hand-over:
//! who gave, who received, when, the due instant and early / on time / late, so a leader sees
//! who caused a delay.

use super::dossier::unit_name;
use super::error::PageError;
use super::view::render_html;
use crate::AppState;
use crate::auth::PageActor;
use axum::extract::{Path, State};
use axum::response::Html;
use chrono::NaiveDateTime;
use motcua_app::permissions::Org;
use motcua_domain::classify::classify_step;
use motcua_domain::dossier::{Dossier, Event, EventKind, HandedOver, TransferStep};
use motcua_domain::format;
use motcua_domain::rule_set::RuleSet;
use serde::Serialize;

/// One line of the sheet.
#[derive(Debug, Serialize)]
struct Line {
    /// Who gave: unit, then role or person.
    from: String,
    /// Who received.
    to: String,
    /// When it was handed over.
    at: NaiveDateTime,
    /// The due instant of the part that ended.
    due_at: Option<NaiveDateTime>,
    /// Early / on time / late of that part.
    outcome: Option<&'static str>,
    /// Note: when the papers arrived, a step closed by the decision.
    note: String,
}

#[derive(Serialize)]
struct SheetView<'a> {
    d: &'a Dossier,
    parent_name: Option<String>,
    unit_name: String,
    desk: &'static str,
    form: &'static str,
    competent: String,
    coordinating: Vec<String>,
    lines: Vec<Line>,
}

/// `GET /can-bo/ho-so/{code}/phieu-kiem-soat`.
pub async fn page(
    State(state): State<AppState>,
    page: PageActor,
    Path(code): Path<String>,
) -> Result<Html<String>, PageError> {
    let view = state.app.dossier(&page.caller, &code).await?;
    let d = &view.dossier;
    // Not received: there is nothing to control yet.
    d.received_at.ok_or(PageError::NotFound)?;
    let org = state.app.org().await?;
    let unit = org.unit(&d.facts.receiving_unit);
    let rules = RuleSet::of(&d.facts.rule_version);
    let sheet = SheetView {
        d,
        parent_name: unit
            .and_then(|u| u.parent.as_ref())
            .and_then(|p| org.unit(p))
            .map(|p| p.name.clone()),
        unit_name: unit.map_or_else(|| d.facts.receiving_unit.to_string(), |u| u.name.clone()),
        desk: rules.desk_name(),
        form: rules.control_sheet_form(),
        competent: unit_name(&org, &d.facts.competent_unit),
        coordinating: d
            .coordinating_units
            .iter()
            .map(|c| unit_name(&org, c))
            .collect(),
        lines: lines(d, &view.events, &org, rules.desk_name()),
    };
    render_html("control_sheet.html", Some(&page), &sheet)
}

fn outcome(done: Option<NaiveDateTime>, due: Option<NaiveDateTime>) -> Option<&'static str> {
    classify_step(done, due).map(|c| c.label_vi())
}

/// The lines of the sheet in the order the events happened: the steps that ended, the
/// hand-overs between the desk and the competent body, each transfer and its return, and the
/// result given to the applicant.
fn lines(d: &Dossier, events: &[Event], org: &Org, desk: &str) -> Vec<Line> {
    let sheet = Sheet { d, org, desk };
    let mut written = vec![false; d.steps.len()];
    let mut transfer = 0;
    let mut out: Vec<Line> = Vec::new();
    for e in events {
        match &e.kind {
            EventKind::Received { handed_over, .. } => {
                out.extend(handed_over.as_ref().map(|h| sheet.to_competent(h, e.at)));
            }
            EventKind::StepCompleted {
                step, handed_over, ..
            } => {
                out.extend(sheet.step(*step, &mut written));
                out.extend(handed_over.as_ref().map(|h| sheet.to_competent(h, e.at)));
            }
            EventKind::Transferred { .. } => {
                out.extend(d.transfers.get(transfer).map(|t| sheet.sent(t)));
            }
            EventKind::TransferReturned { .. } => {
                out.extend(d.transfers.get(transfer).and_then(|t| sheet.back(t)));
                transfer += 1;
            }
            EventKind::Resolved { handed_over, .. } => {
                out.extend((0..d.steps.len()).filter_map(|i| sheet.step(i, &mut written)));
                out.extend(handed_over.as_ref().map(|h| sheet.to_desk(h, e.at)));
            }
            EventKind::ResultReturned { .. } => {
                out.extend((0..d.steps.len()).filter_map(|i| sheet.step(i, &mut written)));
                out.push(sheet.returned(e.at));
            }
            _ => {}
        }
    }
    out
}

/// What the lines are written from.
struct Sheet<'a> {
    d: &'a Dossier,
    org: &'a Org,
    desk: &'a str,
}

impl Sheet<'_> {
    fn unit(&self, code: &motcua_domain::ids::UnitCode) -> String {
        unit_name(self.org, code)
    }

    /// Who performs step `index`: its unit, its name, and the person or the role.
    fn who(&self, index: usize) -> String {
        let (spec, run) = (&self.d.facts.steps[index], &self.d.steps[index]);
        let person = run
            .assignee
            .clone()
            .unwrap_or_else(|| spec.role.label_vi().to_owned());
        format!(
            "{} — {}: {person}",
            self.unit(self.d.step_unit(index)),
            spec.name
        )
    }

    /// The line of step `index` once it has ended, written once.
    fn step(&self, index: usize, written: &mut [bool]) -> Option<Line> {
        let run = self.d.steps.get(index)?;
        let at = run.finished_at?;
        if std::mem::replace(written.get_mut(index)?, true) {
            return None;
        }
        let to = if index + 1 < self.d.steps.len() {
            self.who(index + 1)
        } else {
            "Kết quả giải quyết".to_owned()
        };
        Some(Line {
            from: self.who(index),
            to,
            at,
            due_at: run.due_at,
            outcome: outcome(Some(at), run.due_at),
            note: if run.closed_at_end {
                "Bước khép lại khi có kết quả".to_owned()
            } else {
                String::new()
            },
        })
    }

    fn to_competent(&self, h: &HandedOver, at: NaiveDateTime) -> Line {
        Line {
            from: format!("{} — {}", self.desk, self.unit(&h.from_unit)),
            to: self.unit(&h.to_unit),
            at,
            due_at: None,
            outcome: None,
            note: format!(
                "Hồ sơ đến cơ quan giải quyết: {}",
                format::date_time(h.arrives_at)
            ),
        }
    }

    fn to_desk(&self, h: &HandedOver, at: NaiveDateTime) -> Line {
        let due = self.d.held_due();
        Line {
            from: self.unit(&h.from_unit),
            to: format!("{} — {}", self.desk, self.unit(&h.to_unit)),
            at,
            due_at: due,
            outcome: outcome(Some(h.arrives_at), due),
            note: "Chuyển kết quả về nơi trả kết quả".to_owned(),
        }
    }

    fn sent(&self, t: &TransferStep) -> Line {
        Line {
            from: self.unit(&t.from_unit),
            to: format!("{} (cơ quan phối hợp)", self.unit(&t.to_unit)),
            at: t.sent_at,
            due_at: None,
            outcome: None,
            note: t.handed_over_at.map_or_else(String::new, |a| {
                format!("Liên thông; hồ sơ đến lúc {}", format::date_time(a))
            }),
        }
    }

    fn back(&self, t: &TransferStep) -> Option<Line> {
        let at = t.returned_at?;
        Some(Line {
            from: format!("{} (cơ quan phối hợp)", self.unit(&t.to_unit)),
            to: self.unit(&t.from_unit),
            at,
            due_at: t.due_at,
            outcome: outcome(Some(at), t.due_at),
            note: "Trả lại sau liên thông".to_owned(),
        })
    }

    fn returned(&self, at: NaiveDateTime) -> Line {
        Line {
            from: format!(
                "{} — {}",
                self.desk,
                self.unit(&self.d.facts.receiving_unit)
            ),
            to: format!("Người nộp hồ sơ: {}", self.d.facts.applicant.name),
            at,
            due_at: None,
            outcome: None,
            note: "Trả kết quả".to_owned(),
        }
    }
}
