//! The papers passing between the desk and the competent body (docs/rules.md §6.6): the desk
//! hands a received dossier over when its part ends, and the result comes back to the desk when
//! the competent body decides. Each is an event of its own, so the control sheet and the
//! register show who held the dossier when.

use super::facts::Channel;
use super::state::Dossier;
use crate::deadline::DeadlineEngine;
use crate::ids::UnitCode;
use crate::org::Role;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Which way the papers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    /// The received dossier, from the desk to the competent body.
    ToCompetent,
    /// The result, from the competent body back to the desk.
    ResultToDesk,
}

impl Leg {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Leg::ToCompetent => "Bàn giao hồ sơ cho cơ quan giải quyết",
            Leg::ResultToDesk => "Chuyển kết quả về nơi trả kết quả",
        }
    }
}

/// A hand-over recorded with the event that caused it: the reception or the end of the desk's
/// step (the dossier to the competent body), the decision (the result back to the desk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandedOver {
    /// The unit handing over.
    pub from_unit: UnitCode,
    /// The unit receiving.
    pub to_unit: UnitCode,
    /// When the papers reach it (the paper hand-over rule for the dossier).
    pub arrives_at: NaiveDateTime,
    /// For the result: whether it reached the desk by the due instant.
    pub on_time: Option<bool>,
}

/// One hand-over, as the control sheet and the register show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOver {
    /// Which way.
    pub leg: Leg,
    /// The unit handing over.
    pub from_unit: UnitCode,
    /// The unit receiving.
    pub to_unit: UnitCode,
    /// When it was handed over.
    pub sent_at: NaiveDateTime,
    /// When the papers reach the receiving unit.
    pub arrives_at: NaiveDateTime,
    /// For the result: whether it reached the desk by the due instant.
    pub on_time: Option<bool>,
}

fn is_desk(d: &Dossier, index: usize) -> bool {
    d.facts
        .steps
        .get(index)
        .is_some_and(|s| s.role == Role::TiepNhan)
}

/// Whether completing step `index` ends the desk's part: a desk step followed by a step of the
/// competent body.
pub(super) fn ends_desk_part(d: &Dossier, index: usize) -> bool {
    is_desk(d, index) && index + 1 < d.facts.steps.len() && !is_desk(d, index + 1)
}

/// Whether the process has no desk step first, so the dossier passes to the competent body on
/// reception.
pub(super) fn starts_at_competent(d: &Dossier) -> bool {
    !d.facts.steps.is_empty() && !is_desk(d, 0)
}

/// The hand-over to the competent body at `now`. Papers (desk, post) follow the paper rule:
/// handed over before 15:00 on a working day, they arrive that day, otherwise the next working
/// day ([`DeadlineEngine::paper_handover`]); an online dossier passes at once.
pub(super) fn to_competent(
    d: &Dossier,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> HandedOver {
    let arrives_at = match d.facts.channel {
        Channel::Online => now,
        Channel::Desk | Channel::Post => engine.paper_handover(now),
    };
    HandedOver {
        from_unit: d.facts.receiving_unit.clone(),
        to_unit: d.facts.competent_unit.clone(),
        arrives_at,
        on_time: None,
    }
}

/// The result back to the desk when the competent body decides at `now`, if the dossier was
/// handed over to it: on time when it reaches the desk by the due instant (a dossier paused with
/// working time left is within it).
pub(super) fn result_to_desk(d: &Dossier, now: NaiveDateTime) -> Option<HandedOver> {
    let handed = d.handovers.iter().any(|h| h.leg == Leg::ToCompetent);
    let on_time = match (d.due_at, d.due_before_pause) {
        (Some(due), _) => Some(now <= due),
        (None, Some(_)) => Some(true),
        (None, None) => None,
    };
    handed.then(|| HandedOver {
        from_unit: d.facts.competent_unit.clone(),
        to_unit: d.facts.receiving_unit.clone(),
        arrives_at: now,
        on_time,
    })
}

impl HandOver {
    /// The hand-over `h` of an event at `at` going `leg`.
    pub(super) fn of(leg: Leg, at: NaiveDateTime, h: &HandedOver) -> HandOver {
        HandOver {
            leg,
            from_unit: h.from_unit.clone(),
            to_unit: h.to_unit.clone(),
            sent_at: at,
            arrives_at: h.arrives_at,
            on_time: h.on_time,
        }
    }
}
