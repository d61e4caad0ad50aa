//! The current state of a dossier, folded from its events.

use super::event::{Event, EventKind};
use super::facts::{Facts, PaymentMethod, ReturnMethod};
use super::handover::{HandOver, Leg};
use super::status::Status;
use crate::classify::{TimeClass, classify_dossier};
use crate::deadline::{Pause, PauseReason};
use crate::ids::{DossierCode, UnitCode};
use crate::org::Role;
use crate::stats::Rating;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One step of the internal process as it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    /// Due instant.
    pub due_at: Option<NaiveDateTime>,
    /// Who holds it.
    pub assignee: Option<String>,
    /// When it finished.
    pub finished_at: Option<NaiveDateTime>,
    /// Whether it finished by its due instant.
    pub on_time: Option<bool>,
    /// Closed by the decision or the return of the result rather than done on its own.
    #[serde(default)]
    pub closed_at_end: bool,
}

/// One transfer to a coordinating unit (liên thông), as the control sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferStep {
    /// Who sent it: the unit holding the dossier then.
    pub from_unit: UnitCode,
    /// Who received it.
    pub to_unit: UnitCode,
    /// When it was sent.
    pub sent_at: NaiveDateTime,
    /// When the papers reach the unit (the paper hand-over rule).
    pub handed_over_at: Option<NaiveDateTime>,
    /// Working minutes the unit has.
    pub budget_minutes: u32,
    /// Its own due instant.
    pub due_at: Option<NaiveDateTime>,
    /// When it came back.
    pub returned_at: Option<NaiveDateTime>,
    /// Whether it came back by its due instant.
    pub on_time: Option<bool>,
}

/// The apology letter and new appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Apology {
    /// When issued.
    pub at: NaiveDateTime,
    /// Reason.
    pub reason: String,
    /// New appointment.
    pub new_date: NaiveDateTime,
    /// Issued later than one working day before the due instant, or after it (docs/rules.md §6).
    #[serde(default)]
    pub late: bool,
}

/// The decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Approved, or refused.
    pub approved: bool,
    /// Reasons.
    pub reasons: String,
    /// Electronic result file.
    pub result_file: Option<String>,
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// When.
    pub at: NaiveDateTime,
    /// Amount in đồng.
    pub amount: u64,
    /// How.
    pub method: PaymentMethod,
}

/// The return of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned {
    /// When.
    pub at: NaiveDateTime,
    /// How.
    pub method: ReturnMethod,
}

/// What a leader must act on today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The due instant has passed.
    Overdue,
    /// Due later today.
    DueToday,
}

/// A dossier's current state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    /// Code for life, given at reception; an online submission not yet received shows its
    /// submission number here (docs/rules.md §6.5).
    pub code: DossierCode,
    /// The submission number of a dossier submitted online and received later: the key its
    /// history is stored under (see [`Dossier::key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_as: Option<DossierCode>,
    /// Facts fixed at creation.
    pub facts: Facts,
    /// Status.
    pub status: Status,
    /// Created (submitted online, or at the desk).
    pub created_at: NaiveDateTime,
    /// Reception instant: the clock starts here.
    pub received_at: Option<NaiveDateTime>,
    /// Due instant (original plus pauses); `None` before reception and while paused with
    /// working time left. A pause that began at or after the due instant keeps it: the dossier
    /// stays overdue while paused (docs/rules.md §5).
    pub due_at: Option<NaiveDateTime>,
    /// The due instant when the open pause began; `None` when the clock runs.
    #[serde(default)]
    pub due_before_pause: Option<NaiveDateTime>,
    /// Pauses, the last one open while paused.
    pub pauses: Vec<Pause>,
    /// Steps of the internal process.
    pub steps: Vec<StepState>,
    /// Index of the step at work; `None` when all are done.
    pub current_step: Option<usize>,
    /// The unit holding the dossier: the competent unit, or a coordinating unit during a transfer.
    pub current_unit: UnitCode,
    /// Coordinating units it has been sent to.
    pub coordinating_units: Vec<UnitCode>,
    /// Each transfer to a coordinating unit, in order.
    #[serde(default)]
    pub transfers: Vec<TransferStep>,
    /// The papers passing between the desk and the competent body, in order.
    #[serde(default)]
    pub handovers: Vec<HandOver>,
    /// Supplement requests after reception.
    pub supplements_after_reception: u32,
    /// Supplement requests before reception (Mẫu 02).
    pub supplements_before_reception: u32,
    /// Apology, at most one.
    pub apology: Option<Apology>,
    /// Decision.
    pub decision: Option<Decision>,
    /// When it ended (resolved, stopped, withdrawn or refused at intake).
    pub ended_at: Option<NaiveDateTime>,
    /// Return of the result.
    pub returned: Option<Returned>,
    /// Fees paid.
    pub payment: Option<Payment>,
    /// The applicant's rating, at most one.
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Number of events folded: the optimistic-concurrency version.
    pub version: u32,
}

impl Dossier {
    /// The number its history is stored under, fixed at creation: the submission number of a
    /// dossier submitted online, else its code.
    pub fn key(&self) -> &DossierCode {
        self.submitted_as.as_ref().unwrap_or(&self.code)
    }

    /// Received, and still known only by its submission number: the store must give it its
    /// code (see [`Dossier::issue_code`]).
    pub fn awaits_code(&self) -> bool {
        self.code_sequence().is_some()
    }

    /// The sequence that numbers the code it [awaits](Dossier::awaits_code): its receiving
    /// unit's, on its reception day (docs/rules.md §6.5); `None` when it awaits none.
    pub fn code_sequence(&self) -> Option<(&UnitCode, NaiveDate)> {
        let received = self.received_at.filter(|_| self.code.is_submission())?;
        Some((&self.facts.receiving_unit, received.date()))
    }

    /// Gives a dossier that [awaits its code](Dossier::awaits_code) the `code` numbered on its
    /// reception day, writing it into the reception among `events` (the ones about to be
    /// stored). `false`, changing nothing, when no such reception is among them.
    pub fn issue_code(&mut self, events: &mut [Event], code: DossierCode) -> bool {
        if !self.awaits_code() {
            return false;
        }
        let Some(slot) = events.iter_mut().find_map(|e| match &mut e.kind {
            EventKind::Received { code: slot, .. } if slot.is_none() => Some(slot),
            _ => None,
        }) else {
            return false;
        };
        *slot = Some(code.clone());
        self.take_code(code);
        true
    }

    /// Takes the code given at reception; the submission number becomes its key.
    fn take_code(&mut self, code: DossierCode) {
        self.submitted_as = Some(std::mem::replace(&mut self.code, code));
    }

    /// A dossier from its creation event.
    pub fn create(code: DossierCode, at: NaiveDateTime, facts: Facts) -> Dossier {
        let steps = facts
            .steps
            .iter()
            .map(|_| StepState {
                due_at: None,
                assignee: None,
                finished_at: None,
                on_time: None,
                closed_at_end: false,
            })
            .collect();
        Dossier {
            code,
            submitted_as: None,
            current_unit: facts.competent_unit.clone(),
            facts,
            status: Status::Submitted,
            created_at: at,
            received_at: None,
            due_at: None,
            due_before_pause: None,
            pauses: Vec::new(),
            steps,
            current_step: None,
            coordinating_units: Vec::new(),
            transfers: Vec::new(),
            handovers: Vec::new(),
            supplements_after_reception: 0,
            supplements_before_reception: 0,
            apology: None,
            decision: None,
            ended_at: None,
            returned: None,
            payment: None,
            rating: None,
            version: 1,
        }
    }

    /// Replays a history; `None` when it does not start with a creation.
    pub fn replay(code: DossierCode, events: &[Event]) -> Option<Dossier> {
        let (first, rest) = events.split_first()?;
        let EventKind::Created { facts } = &first.kind else {
            return None;
        };
        let mut dossier = Dossier::create(code, first.at, (**facts).clone());
        for e in rest {
            dossier.apply(e);
        }
        Some(dossier)
    }

    /// Stamps `kinds` as the next events of this dossier (numbered after its version, at `at`,
    /// by `actor`) and folds them in: the new state and the events to append.
    pub fn stamp(
        &self,
        kinds: Vec<EventKind>,
        at: NaiveDateTime,
        actor: &str,
    ) -> (Dossier, Vec<Event>) {
        let mut next = self.clone();
        let mut events = Vec::with_capacity(kinds.len());
        for kind in kinds {
            let event = Event {
                seq: next.version + 1,
                at,
                actor: actor.to_owned(),
                kind,
            };
            next.apply(&event);
            events.push(event);
        }
        (next, events)
    }

    /// Folds one event into the state.
    pub fn apply(&mut self, event: &Event) {
        self.version = self.version.max(event.seq);
        let at = event.at;
        match &event.kind {
            EventKind::Created { .. } => {}
            EventKind::Received {
                due_at,
                step_dues,
                handed_over,
                code,
            } => {
                if let Some(code) = code {
                    self.take_code(code.clone());
                }
                self.push_handover(Leg::ToCompetent, at, handed_over.as_ref());
                self.status = Status::Received;
                self.received_at = Some(at);
                self.due_at = Some(*due_at);
                self.set_step_dues(step_dues);
                self.current_step = (!self.steps.is_empty()).then_some(0);
            }
            EventKind::SupplementRequestedBeforeReception { .. } => {
                self.supplements_before_reception += 1;
            }
            EventKind::RefusedAtIntake { .. } => {
                self.status = Status::RefusedAtIntake;
                self.ended_at = Some(at);
            }
            EventKind::Assigned { step, to } => {
                if let Some(s) = self.steps.get_mut(*step) {
                    s.assignee = Some(to.clone());
                }
                self.status = Status::InProgress;
            }
            EventKind::StepCompleted {
                step,
                on_time,
                to,
                handed_over,
                ..
            } => {
                self.push_handover(Leg::ToCompetent, at, handed_over.as_ref());
                if let Some(s) = self.steps.get_mut(*step) {
                    s.finished_at = Some(at);
                    s.on_time = Some(*on_time);
                }
                let next = step + 1;
                self.current_step = (next < self.steps.len()).then_some(next);
                if let (Some(n), Some(to)) = (self.current_step, to) {
                    self.steps[n].assignee = Some(to.clone());
                }
                self.status = Status::InProgress;
            }
            EventKind::Paused { reason, .. } => {
                self.pauses.push(Pause {
                    from: at,
                    to: None,
                    reason: *reason,
                });
                self.due_before_pause = self.due_at;
                self.due_at = self.due_at.filter(|due| *due <= at);
                self.status = match reason {
                    PauseReason::Supplement => Status::SupplementRequested,
                    PauseReason::Payment => Status::AwaitingPayment,
                };
                if *reason == PauseReason::Supplement {
                    self.supplements_after_reception += 1;
                }
            }
            EventKind::Resumed {
                due_at, step_dues, ..
            } => {
                if let Some(p) = self.pauses.last_mut() {
                    p.to = Some(at);
                }
                self.due_at = Some(*due_at);
                self.due_before_pause = None;
                self.set_step_dues(step_dues);
                self.status = Status::InProgress;
            }
            EventKind::SupplementRequestedAgain { .. } => {
                self.supplements_after_reception += 1;
                self.status = Status::SupplementRequested;
            }
            EventKind::SupplementReceived { .. } => {
                self.status = Status::InProgress;
            }
            EventKind::FeePaid { amount, method } => {
                self.payment = Some(Payment {
                    at,
                    amount: *amount,
                    method: *method,
                });
            }
            EventKind::Transferred {
                to_unit,
                budget_minutes,
                handed_over_at,
                due_at,
                ..
            } => {
                self.transfers.push(TransferStep {
                    from_unit: self.current_unit.clone(),
                    to_unit: to_unit.clone(),
                    sent_at: at,
                    handed_over_at: *handed_over_at,
                    budget_minutes: *budget_minutes,
                    due_at: *due_at,
                    returned_at: None,
                    on_time: None,
                });
                self.current_unit = to_unit.clone();
                if !self.coordinating_units.contains(to_unit) {
                    self.coordinating_units.push(to_unit.clone());
                }
                self.status = Status::InProgress;
            }
            EventKind::TransferReturned { on_time, .. } => {
                if let Some(t) = self.transfers.last_mut() {
                    t.returned_at = Some(at);
                    t.on_time = *on_time;
                }
                self.current_unit = self.facts.competent_unit.clone();
            }
            EventKind::ApologyIssued {
                reason,
                new_date,
                late,
            } => {
                self.apology = Some(Apology {
                    at,
                    reason: reason.clone(),
                    new_date: *new_date,
                    late: *late,
                });
            }
            EventKind::Resolved {
                approved,
                reasons,
                result_file,
                handed_over,
            } => {
                self.push_handover(Leg::ResultToDesk, at, handed_over.as_ref());
                self.decision = Some(Decision {
                    approved: *approved,
                    reasons: reasons.clone(),
                    result_file: result_file.clone(),
                });
                self.status = Status::Resolved;
                self.ended_at = Some(at);
                self.current_step = None;
                self.close_open_steps(at);
            }
            EventKind::Stopped { .. } => {
                self.status = Status::Stopped;
                self.ended_at = Some(at);
            }
            EventKind::Withdrawn { .. } => {
                self.status = Status::Withdrawn;
                self.ended_at = Some(at);
            }
            EventKind::ResultReturned { method, .. } => {
                self.close_open_steps(at);
                self.returned = Some(Returned {
                    at,
                    method: *method,
                });
                self.status = Status::Returned;
            }
            EventKind::Rated { rating, .. } => {
                self.rating = Some(*rating);
            }
            EventKind::DueRecomputed { to, .. } => {
                self.due_at = *to;
            }
        }
    }

    fn push_handover(&mut self, leg: Leg, at: NaiveDateTime, h: Option<&super::HandedOver>) {
        if let Some(h) = h {
            self.handovers.push(HandOver::of(leg, at, h));
        }
    }

    /// Closes the steps still open when the dossier is decided or its result returned, each with
    /// its outcome against its own due instant (docs/rules.md §6.6).
    fn close_open_steps(&mut self, at: NaiveDateTime) {
        for s in self.steps.iter_mut().filter(|s| s.finished_at.is_none()) {
            s.finished_at = Some(at);
            s.on_time = Some(s.due_at.is_none_or(|due| at <= due));
            s.closed_at_end = true;
        }
    }

    /// The unit that performs step `index`: the desk roles at the receiving unit, the others
    /// at the competent unit (docs/rules.md §6.6).
    pub fn step_unit(&self, index: usize) -> &UnitCode {
        let desk = self
            .facts
            .steps
            .get(index)
            .is_some_and(|s| matches!(s.role, Role::TiepNhan | Role::VanThu));
        if desk {
            &self.facts.receiving_unit
        } else {
            &self.facts.competent_unit
        }
    }

    fn set_step_dues(&mut self, dues: &[NaiveDateTime]) {
        for (s, d) in self.steps.iter_mut().zip(dues) {
            if s.finished_at.is_none() {
                s.due_at = Some(*d);
            }
        }
    }

    /// Early / on time / late for an ended dossier, not due / overdue for an open one at `now`
    /// (docs/rules.md §7): paused dossiers by the time they had left, and late whenever more
    /// than one supplement was requested after reception. `None` before reception or when
    /// refused at intake.
    pub fn time_class(&self, now: NaiveDateTime) -> Option<TimeClass> {
        self.received_at?;
        Some(classify_dossier(
            self.classification_due(),
            self.ended_at,
            now,
            self.supplements_after_reception,
        ))
    }

    /// The due instant the dossier is held to now: the running one, or while paused with time
    /// left the one it had when the pause began (what an appointment or a hand-back is measured
    /// against).
    pub fn held_due(&self) -> Option<NaiveDateTime> {
        self.due_at.or(self.due_before_pause)
    }

    /// The due instant the end of this dossier is classified against (docs/rules.md §7). It is
    /// the due instant, except for a dossier that ended while paused with working time left:
    /// its end counts as the pause instant, which was before the due instant — early when the
    /// pause fell on an earlier date than the due instant, otherwise on time. The instant
    /// returned then classifies the real end the same way, so that the statistics, which keep
    /// one due instant per dossier, count it exactly.
    pub fn classification_due(&self) -> Option<NaiveDateTime> {
        let (Some(ended), Some(pause), Some(before), None) = (
            self.ended_at,
            self.open_pause(),
            self.due_before_pause,
            self.due_at,
        ) else {
            return self.due_at;
        };
        if pause.from.date() < before.date() {
            Some(ended + chrono::Duration::days(1))
        } else {
            Some(ended)
        }
    }

    /// For an open dossier with a due instant: overdue at `now` (docs/rules.md §7), or due later today.
    pub fn urgency(&self, now: NaiveDateTime) -> Option<Urgency> {
        let due = self.due_at.filter(|_| self.status.is_open())?;
        if crate::classify::classify_open(due, now) == TimeClass::Overdue {
            Some(Urgency::Overdue)
        } else if due.date() == now.date() {
            Some(Urgency::DueToday)
        } else {
            None
        }
    }

    /// The open pause, if the clock is stopped.
    pub fn open_pause(&self) -> Option<&Pause> {
        self.pauses.last().filter(|p| p.to.is_none())
    }
}
