//! Creating a dossier: at the desk (received at once) or online (waiting for the check).

use super::applicant::NewApplicant;
use super::event::{Event, EventKind};
use super::facts::{Applicant, Channel, Facts, PaymentMethod, ReturnMethod};
use super::machine::{DossierError, received};
use super::state::Dossier;
use crate::catalogue::{ProcedureStatus, ProcedureVersion};
use crate::deadline::DeadlineEngine;
use crate::ids::{DossierCode, UnitCode};
use chrono::{NaiveDate, NaiveDateTime};

/// Nghị định 118/2025/NĐ-CP applies to dossiers received from this day (docs/rules.md §1).
const DECREE_118_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// What the desk officer (or the portal) provides.
#[derive(Debug, Clone)]
pub struct IntakeInput<'a> {
    /// Procedure version in force.
    pub procedure: &'a ProcedureVersion,
    /// Where it is received.
    pub receiving_unit: UnitCode,
    /// Who decides.
    pub competent_unit: UnitCode,
    /// The applicant as sent; [`intake`] parses it.
    pub applicant: Applicant,
    /// How it came in.
    pub channel: Channel,
    /// How the result goes back.
    pub return_method: ReturnMethod,
    /// Components digitised at reception.
    pub digitised: bool,
    /// Components reused from earlier digitised data.
    pub reused_data: bool,
    /// Received now (desk, post) rather than waiting for the completeness check (online).
    pub receive_now: bool,
    /// Fees paid at the desk at reception.
    pub paid_at_desk: bool,
}

/// A dossier before its code: the store allocates the code in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDossier {
    /// Creation instant.
    pub at: NaiveDateTime,
    /// Unit whose daily sequence numbers the code.
    pub receiving_unit: UnitCode,
    /// Events, in order, the first a creation.
    pub events: Vec<EventKind>,
}

impl NewDossier {
    /// The local date in the code.
    pub fn code_date(&self) -> NaiveDate {
        self.at.date()
    }

    /// Received as it is created (desk, post): numbered in the unit's series of codes. An online
    /// submission waiting for the completeness check is numbered in its series of submissions
    /// and gets its code when it is received (docs/rules.md §6.5).
    pub fn received_now(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e, EventKind::Received { .. }))
    }

    /// Its number: a code when [received now](NewDossier::received_now), else a submission
    /// number, the `sequence`-th of its series that day.
    pub fn number(&self, sequence: u32) -> DossierCode {
        if self.received_now() {
            DossierCode::new(&self.receiving_unit, self.code_date(), sequence)
        } else {
            DossierCode::submission(&self.receiving_unit, self.code_date(), sequence)
        }
    }

    /// The dossier and its numbered events once the code is known.
    pub fn into_dossier(self, code: DossierCode, actor: &str) -> Option<(Dossier, Vec<Event>)> {
        let events: Vec<Event> = self
            .events
            .into_iter()
            .enumerate()
            .map(|(i, kind)| Event {
                seq: u32::try_from(i + 1).unwrap_or(u32::MAX),
                at: self.at,
                actor: actor.to_owned(),
                kind,
            })
            .collect();
        let dossier = Dossier::replay(code, &events)?;
        Some((dossier, events))
    }
}

/// Checks the input and returns the new dossier's events.
pub fn intake(
    input: IntakeInput<'_>,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> Result<NewDossier, DossierError> {
    let p = input.procedure;
    if p.status != ProcedureStatus::Active || p.spec.effective_from > now.date() {
        return Err(DossierError::Missing("thủ tục đang có hiệu lực"));
    }
    let applicant = NewApplicant::parse(&input.applicant)
        .map_err(|e| DossierError::Input(e.under("applicant")))?;
    if applicant.phone.is_none() && applicant.id_number.is_none() {
        return Err(DossierError::Missing(
            "số điện thoại hoặc số định danh của người nộp (để tra cứu hồ sơ)",
        ));
    }
    let facts = Facts {
        procedure_code: p.spec.code.clone(),
        procedure_version: p.version,
        procedure_name: p.spec.name.clone(),
        field: p.spec.field.clone(),
        time_limit: p.spec.effective_time_limit(),
        steps: p.spec.steps.clone(),
        fees: p.spec.fees.clone(),
        payment_pause_allowed: p.spec.payment_pause_allowed,
        result_kind: p.spec.result_kind,
        receiving_unit: input.receiving_unit.clone(),
        competent_unit: input.competent_unit,
        applicant: applicant.into(),
        channel: input.channel,
        return_method: input.return_method,
        digitised: input.digitised,
        reused_data: input.reused_data,
        rule_version: if now.date() >= DECREE_118_FROM {
            "118/2025/NĐ-CP"
        } else {
            "61/2018/NĐ-CP"
        }
        .to_owned(),
        imported: false,
    };
    let mut events = vec![EventKind::Created {
        facts: Box::new(facts.clone()),
    }];
    if input.receive_now {
        let placeholder = Dossier::create(
            DossierCode::new(&input.receiving_unit, now.date(), 0),
            now,
            facts.clone(),
        );
        events.push(received(&placeholder, now, engine));
        if input.paid_at_desk && facts.total_fee() > 0 {
            events.push(EventKind::FeePaid {
                amount: facts.total_fee(),
                method: PaymentMethod::Desk,
            });
        }
    }
    Ok(NewDossier {
        at: now,
        receiving_unit: input.receiving_unit,
        events,
    })
}
