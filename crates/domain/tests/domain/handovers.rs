//! Hand-overs between the desk and the competent body (docs/rules.md §6.6): the dossier passes
//! when the desk's part ends (paper rule: before 15:00 the same day, otherwise the next working
//! day's opening; online at once), and the result comes back when the competent body decides.

use crate::support::{at, engine, procedure};
use chrono::NaiveDateTime;
use motcua_domain::catalogue::{ApplicantType, ProcedureVersion, Step};
use motcua_domain::dossier::{
    Action, Applicant, Channel, Dossier, Event, EventKind, HandedOver, IntakeInput, Leg,
    ReturnMethod, decide, intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::org::Role;

fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

/// The 3-working-day procedure of the support module with a desk step first (60 minutes) when
/// `desk_steps` is 1, or made of desk steps only when it is 2.
fn with_desk(desk_steps: usize) -> ProcedureVersion {
    let mut p = procedure(3, 0, false);
    let desk = Step {
        name: "Tiếp nhận, chuyển hồ sơ".into(),
        role: Role::TiepNhan,
        budget_minutes: 60,
    };
    match desk_steps {
        1 => {
            p.spec.steps[0].budget_minutes -= 60;
            p.spec.steps.insert(0, desk);
        }
        _ => p.spec.steps = vec![desk],
    }
    p
}

struct Life {
    dossier: Dossier,
    events: Vec<Event>,
}

impl Life {
    /// Received at `t` by ward W01 for department D01.
    fn receive(p: &ProcedureVersion, t: NaiveDateTime, channel: Channel) -> Life {
        let online = channel == Channel::Online;
        let new = intake(
            IntakeInput {
                procedure: p,
                receiving_unit: unit("W01"),
                competent_unit: unit("D01"),
                applicant: Applicant {
                    kind: ApplicantType::Citizen,
                    name: "Trần Thị Bình".into(),
                    id_number: None,
                    phone: Some("0912345678".into()),
                    email: None,
                    address: None,
                },
                channel,
                return_method: ReturnMethod::Desk,
                digitised: true,
                reused_data: false,
                receive_now: !online,
                paid_at_desk: false,
            },
            t,
            &engine(),
        )
        .unwrap();
        let code = DossierCode::new(&unit("W01"), t.date(), 1);
        let (dossier, events) = new.into_dossier(code, "tiepnhan").unwrap();
        let mut life = Life { dossier, events };
        if online {
            life.act(Action::Accept, t);
        }
        life
    }

    fn act(&mut self, action: Action, t: NaiveDateTime) -> &EventKind {
        let decided = decide(&self.dossier, &action, t, &engine()).unwrap();
        for kind in decided.events {
            let event = Event {
                seq: self.dossier.version + 1,
                at: t,
                actor: "x".into(),
                kind,
            };
            self.dossier.apply(&event);
            self.events.push(event);
        }
        &self.events.last().unwrap().kind
    }

    fn complete_step(&mut self, t: NaiveDateTime) -> Option<HandedOver> {
        let step = Action::CompleteStep {
            to: None,
            note: String::new(),
        };
        match self.act(step, t) {
            EventKind::StepCompleted { handed_over, .. } => handed_over.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn resolve(&mut self, t: NaiveDateTime) -> Option<HandedOver> {
        let resolve = Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        };
        match self.act(resolve, t) {
            EventKind::Resolved { handed_over, .. } => handed_over.clone(),
            other => panic!("{other:?}"),
        }
    }
}

fn reception_handover(life: &Life) -> Option<HandedOver> {
    life.events.iter().find_map(|e| match &e.kind {
        EventKind::Received { handed_over, .. } => handed_over.clone(),
        _ => None,
    })
}

#[test]
fn papers_handed_over_before_15_00_reach_the_competent_body_the_same_day() {
    // Received Wednesday 25/11/2026 08:00; the desk passes the papers on at 14:59.
    let mut life = Life::receive(&with_desk(1), at(2026, 11, 25, 8, 0), Channel::Desk);
    assert_eq!(reception_handover(&life), None);
    let h = life.complete_step(at(2026, 11, 25, 14, 59)).unwrap();
    assert_eq!(
        (h.from_unit.as_str(), h.to_unit.as_str(), h.arrives_at),
        ("W01", "D01", at(2026, 11, 25, 14, 59))
    );
    // Only the desk's last step hands over: the next steps stay within the competent body.
    assert_eq!(life.complete_step(at(2026, 11, 26, 9, 0)), None);
    assert_eq!(life.dossier.handovers.len(), 1);
    assert_eq!(life.dossier.handovers[0].leg, Leg::ToCompetent);
    assert_eq!(life.dossier.handovers[0].sent_at, at(2026, 11, 25, 14, 59));
}

#[test]
fn papers_handed_over_from_15_00_reach_it_at_the_next_working_day_s_opening() {
    let mut life = Life::receive(&with_desk(1), at(2026, 11, 25, 8, 0), Channel::Desk);
    let h = life.complete_step(at(2026, 11, 25, 15, 0)).unwrap();
    assert_eq!(h.arrives_at, at(2026, 11, 26, 7, 30));
    // Friday 16:00 → Monday 07:30.
    let mut life = Life::receive(&with_desk(1), at(2026, 11, 27, 8, 0), Channel::Post);
    let h = life.complete_step(at(2026, 11, 27, 16, 0)).unwrap();
    assert_eq!(h.arrives_at, at(2026, 11, 30, 7, 30));
}

#[test]
fn an_online_dossier_passes_at_once() {
    let mut life = Life::receive(&with_desk(1), at(2026, 11, 25, 8, 0), Channel::Online);
    let h = life.complete_step(at(2026, 11, 25, 16, 0)).unwrap();
    assert_eq!(h.arrives_at, at(2026, 11, 25, 16, 0));
}

#[test]
fn without_a_desk_step_the_dossier_passes_on_reception() {
    // Received at 16:30: by paper the competent body gets it on Thursday's opening.
    let life = Life::receive(
        &procedure(3, 0, false),
        at(2026, 11, 25, 16, 30),
        Channel::Desk,
    );
    let h = reception_handover(&life).unwrap();
    assert_eq!(
        (h.from_unit.as_str(), h.to_unit.as_str(), h.arrives_at),
        ("W01", "D01", at(2026, 11, 26, 7, 30))
    );
    assert_eq!(life.dossier.handovers.len(), 1);
    // The same dossier's events count as before: the hand-over rides on the reception.
    assert_eq!(life.events.len(), 2);
}

#[test]
fn the_result_comes_back_to_the_desk_on_time_or_late() {
    // Due Monday 30/11/2026 09:00.
    let mut life = Life::receive(
        &procedure(3, 0, false),
        at(2026, 11, 25, 9, 0),
        Channel::Desk,
    );
    let h = life.resolve(at(2026, 11, 30, 9, 0)).unwrap();
    assert_eq!(
        (h.from_unit.as_str(), h.to_unit.as_str(), h.on_time),
        ("D01", "W01", Some(true))
    );
    let mut late = Life::receive(
        &procedure(3, 0, false),
        at(2026, 11, 25, 9, 0),
        Channel::Desk,
    );
    let h = late.resolve(at(2026, 11, 30, 9, 1)).unwrap();
    assert_eq!(h.on_time, Some(false));
    let legs: Vec<Leg> = late.dossier.handovers.iter().map(|h| h.leg).collect();
    assert_eq!(legs, [Leg::ToCompetent, Leg::ResultToDesk]);
    assert_eq!(late.dossier.handovers[1].sent_at, at(2026, 11, 30, 9, 1));
}

#[test]
fn a_dossier_the_desk_resolves_itself_has_no_hand_over() {
    let mut life = Life::receive(&with_desk(2), at(2026, 11, 25, 9, 0), Channel::Desk);
    assert_eq!(reception_handover(&life), None);
    assert_eq!(life.complete_step(at(2026, 11, 25, 10, 0)), None);
    assert_eq!(life.resolve(at(2026, 11, 25, 11, 0)), None);
    assert!(life.dossier.handovers.is_empty());
}

#[test]
fn events_recorded_before_hand_overs_existed_still_read() {
    let old = r#"{"seq":2,"at":"2026-11-25T09:00:00","actor":"a","type":"received","due_at":"2026-11-30T09:00:00","step_dues":[]}"#;
    let event: Event = serde_json::from_str(old).unwrap();
    assert!(matches!(
        event.kind,
        EventKind::Received {
            handed_over: None,
            ..
        }
    ));
}
