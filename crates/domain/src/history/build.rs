//! From a legacy line to a dossier and the events that explain its state.
//!
//! The legacy system gives end states, not histories. The events are the fewest that reproduce
//! them: creation and reception, each supplement pause, the payment, the apology, the end, the
//! return of the result and the rating. The recorded due instant is kept as it is (it already
//! includes the pauses): reception and every resume set it.

use super::imported::ImportedProcedure;
use super::record::{LegacyChannel, LegacyOutcome, LegacyRecord};
use crate::catalogue::{ApplicantType, Fee};
use crate::deadline::PauseReason;
use crate::dossier::{
    Applicant, Channel, Dossier, Event, EventKind, Facts, PaymentMethod, ReturnMethod,
};
use chrono::{NaiveDate, NaiveDateTime};

/// The actor recorded on imported events.
pub const IMPORT_ACTOR: &str = "nhap_du_lieu";

/// Nghị định 118/2025/NĐ-CP applies to dossiers received from this day.
const DECREE_118_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// The dossier and its events for a checked line, under `procedure`.
pub fn build(r: &LegacyRecord, p: &ImportedProcedure) -> Option<(Dossier, Vec<Event>)> {
    let online = r.channel == LegacyChannel::Online;
    let fees = if r.fee_vnd > 0 {
        vec![Fee {
            name: "Phí, lệ phí".into(),
            amount: r.fee_vnd,
            basis: "Số liệu hệ thống cũ".into(),
            exemptions: String::new(),
        }]
    } else {
        Vec::new()
    };
    let facts = Facts {
        procedure_code: p.code.clone(),
        procedure_version: p.version,
        procedure_name: p.name.clone(),
        field: p.field.clone(),
        time_limit: p.time_limit,
        steps: p.steps.clone(),
        fees,
        payment_pause_allowed: p.payment_pause_allowed,
        result_kind: p.result_kind,
        receiving_unit: r.receiving_unit.clone(),
        competent_unit: r.competent_unit.clone(),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: r.applicant_name.clone(),
            id_number: None,
            phone: r.applicant_phone.clone(),
            email: None,
            address: None,
        },
        channel: match r.channel {
            LegacyChannel::Online => Channel::Online,
            LegacyChannel::Direct => Channel::Desk,
            LegacyChannel::Postal => Channel::Post,
        },
        return_method: if online || r.e_result {
            ReturnMethod::Online
        } else {
            ReturnMethod::Desk
        },
        digitised: r.digitized,
        reused_data: false,
        rule_version: if r.received_at.date() >= DECREE_118_FROM {
            "118/2025/NĐ-CP"
        } else {
            "61/2018/NĐ-CP"
        }
        .to_owned(),
        imported: true,
    };
    let mut timeline: Vec<(NaiveDateTime, EventKind)> = vec![
        (
            r.received_at,
            EventKind::Created {
                facts: Box::new(facts),
            },
        ),
        (
            r.received_at,
            EventKind::Received {
                due_at: r.due_at,
                step_dues: Vec::new(),
                // The old system did not record hand-overs.
                handed_over: None,
                code: None,
            },
        ),
    ];
    if r.fee_vnd > 0 {
        let method = if r.paid_online {
            PaymentMethod::Online
        } else {
            PaymentMethod::Desk
        };
        timeline.push((
            r.received_at,
            EventKind::FeePaid {
                amount: r.fee_vnd,
                method,
            },
        ));
    }
    // Only the first request after reception stops the clock; later ones keep it running
    // (docs/rules.md §6).
    for (i, s) in r.supplement_requests.iter().enumerate() {
        let (request, done) = if i == 0 {
            (
                EventKind::Paused {
                    reason: PauseReason::Supplement,
                    items: Vec::new(),
                    note: "Số liệu hệ thống cũ".into(),
                },
                EventKind::Resumed {
                    due_at: r.due_at,
                    step_dues: Vec::new(),
                    note: String::new(),
                },
            )
        } else {
            (
                EventKind::SupplementRequestedAgain {
                    items: Vec::new(),
                    reason: "Số liệu hệ thống cũ".into(),
                },
                EventKind::SupplementReceived {
                    note: String::new(),
                },
            )
        };
        timeline.push((s.requested_at, request));
        if let Some(at) = s.completed_at {
            timeline.push((at, done));
        }
    }
    if let Some(at) = r.apology_at {
        let new_date = r
            .returned_at
            .or(r.ended_at)
            .unwrap_or(r.due_at)
            .max(r.due_at);
        timeline.push((
            at,
            EventKind::ApologyIssued {
                reason: "Số liệu hệ thống cũ".into(),
                new_date,
                // The old system kept no office hours: an apology on or after the due date is
                // late; one on the day before may be too, which its records cannot tell.
                late: at.date() >= r.due_at.date(),
            },
        ));
    }
    if let (Some(at), Some(outcome)) = (r.ended_at, r.outcome) {
        let reason = || "Số liệu hệ thống cũ".to_owned();
        let end = match outcome {
            LegacyOutcome::Approved | LegacyOutcome::Refused => EventKind::Resolved {
                approved: outcome == LegacyOutcome::Approved,
                reasons: if outcome == LegacyOutcome::Refused {
                    reason()
                } else {
                    String::new()
                },
                result_file: r.e_result.then(|| "ket-qua-dien-tu".to_owned()),
                handed_over: None,
            },
            LegacyOutcome::Stopped => EventKind::Stopped { reason: reason() },
            LegacyOutcome::Withdrawn => EventKind::Withdrawn { reason: reason() },
        };
        timeline.push((at, end));
    }
    if let Some(at) = r.returned_at {
        let method = if online || r.e_result {
            ReturnMethod::Online
        } else {
            ReturnMethod::Desk
        };
        timeline.push((
            at,
            EventKind::ResultReturned {
                method,
                note: String::new(),
            },
        ));
    }
    if let Some(rating) = r.rating {
        let at = r.returned_at.or(r.ended_at).unwrap_or(r.received_at);
        timeline.push((
            at,
            EventKind::Rated {
                rating,
                comment: String::new(),
            },
        ));
    }
    // Stable: events at the same instant keep the order above.
    timeline.sort_by_key(|(at, _)| *at);
    let events: Vec<Event> = timeline
        .into_iter()
        .enumerate()
        .map(|(i, (at, kind))| Event {
            seq: u32::try_from(i + 1).unwrap_or(u32::MAX),
            at,
            actor: IMPORT_ACTOR.to_owned(),
            kind,
        })
        .collect();
    let dossier = Dossier::replay(r.code.clone(), &events)?;
    Some((dossier, events))
}
