//! The dossier state machine (docs/rules.md §6): intake, hand-overs, pauses, transfer, apology, endings.

use crate::support::{at, engine, procedure, rfc};
use chrono::NaiveDateTime;
use motcua_domain::catalogue::{ApplicantType, ProcedureVersion};
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{
    Action, Applicant, Channel, Dossier, DossierError, Event, IntakeInput, PaymentMethod,
    ReturnMethod, Status, decide, intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::org::Role;

fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

/// A dossier received at `t` and the events so far.
struct Life {
    dossier: Dossier,
    events: Vec<Event>,
}

impl Life {
    fn receive(p: &ProcedureVersion, t: NaiveDateTime, receive_now: bool) -> Life {
        let e = engine();
        let new = intake(
            IntakeInput {
                procedure: p,
                receiving_unit: unit("W01"),
                competent_unit: unit("W01"),
                applicant: Applicant {
                    kind: ApplicantType::Citizen,
                    name: "Nguyễn Văn An".into(),
                    id_number: None,
                    phone: Some("0912345678".into()),
                    email: None,
                    address: None,
                },
                channel: if receive_now {
                    Channel::Desk
                } else {
                    Channel::Online
                },
                return_method: ReturnMethod::Desk,
                digitised: true,
                reused_data: false,
                receive_now,
                paid_at_desk: false,
            },
            t,
            &e,
        )
        .unwrap();
        let code = new.number(1);
        let (dossier, events) = new.into_dossier(code, "tiepnhan").unwrap();
        Life { dossier, events }
    }

    fn act(&mut self, action: Action, t: NaiveDateTime) -> Result<Vec<String>, DossierError> {
        let decided = decide(&self.dossier, &action, t, &engine())?;
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
        Ok(decided.warnings)
    }

    fn due(&self) -> String {
        rfc(self.dossier.due_at.unwrap())
    }
}

#[test]
fn desk_intake_receives_with_due_and_step_dues() {
    // Wed 25/11/2026 09:00, 3 working days → Mon 30/11 09:00.
    let life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    let d = &life.dossier;
    assert_eq!(d.status, Status::Received);
    assert_eq!(d.code.as_str(), "W01-261125-0001");
    assert_eq!(life.due(), "2026-11-30T09:00:00+07:00");
    // Step 1: 3×450−90 working minutes, ending at Friday's closing; the last step ends at the
    // dossier's due instant.
    assert_eq!(rfc(d.steps[0].due_at.unwrap()), "2026-11-27T17:00:00+07:00");
    assert_eq!(d.steps[1].due_at, d.due_at);
    assert_eq!(d.facts.rule_version, "118/2025/NĐ-CP");
    assert_eq!(life.events.len(), 2);
}

#[test]
fn online_submission_waits_for_the_check_then_the_clock_starts_at_acceptance() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 24, 20, 0), false);
    assert_eq!(life.dossier.status, Status::Submitted);
    assert_eq!(life.dossier.due_at, None);
    life.act(
        Action::RequestSupplementBeforeReception {
            items: vec!["Tờ khai có chữ ký".into()],
            note: String::new(),
        },
        at(2026, 11, 25, 8, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::Submitted);
    life.act(Action::Accept, at(2026, 11, 25, 9, 0)).unwrap();
    assert_eq!(life.due(), "2026-11-30T09:00:00+07:00");
}

#[test]
fn refusal_at_intake_needs_reasons_and_ends_the_dossier() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), false);
    let err = life.act(
        Action::RefuseAtIntake {
            reasons: " ".into(),
        },
        at(2026, 11, 25, 10, 0),
    );
    assert_eq!(err.unwrap_err(), DossierError::Missing("lý do từ chối"));
    life.act(
        Action::RefuseAtIntake {
            reasons: "Không thuộc thẩm quyền".into(),
        },
        at(2026, 11, 25, 10, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::RefusedAtIntake);
    assert_eq!(life.dossier.time_class(at(2026, 12, 1, 0, 0)), None);
}

#[test]
fn full_path_assign_hand_over_resolve_return_on_time() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    life.act(
        Action::Assign {
            to: "chuyenvien".into(),
        },
        at(2026, 11, 25, 9, 30),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::InProgress);
    assert_eq!(
        life.dossier.steps[0].assignee.as_deref(),
        Some("chuyenvien")
    );
    life.act(
        Action::CompleteStep {
            to: Some("lanhdao".into()),
            note: String::new(),
        },
        at(2026, 11, 27, 10, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.current_step, Some(1));
    assert_eq!(life.dossier.steps[0].on_time, Some(true));
    life.act(
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2026, 11, 30, 8, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::Resolved);
    // Ended on the due date, before the due instant → on time (docs/rules.md §7).
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 1, 0, 0)),
        Some(TimeClass::OnTime)
    );
    life.act(
        Action::ReturnResult {
            method: ReturnMethod::Desk,
            note: String::new(),
        },
        at(2026, 11, 30, 10, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::Returned);
    // Replaying the history gives the same state.
    let replayed = Dossier::replay(life.dossier.code.clone(), &life.events).unwrap();
    assert_eq!(replayed, life.dossier);
}

#[test]
fn illegal_transitions_are_refused_with_the_status_named() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    let err = life
        .act(
            Action::ReturnResult {
                method: ReturnMethod::Desk,
                note: String::new(),
            },
            at(2026, 11, 25, 10, 0),
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_transition");
    assert_eq!(
        err.to_string(),
        "không thể thực hiện «return_result» khi hồ sơ đang ở trạng thái «Đã tiếp nhận»"
    );
    assert!(life.act(Action::Accept, at(2026, 11, 25, 10, 0)).is_err());
    life.act(
        Action::Withdraw {
            reason: "Công dân xin rút".into(),
        },
        at(2026, 11, 25, 10, 0),
    )
    .unwrap();
    assert!(
        life.act(Action::Assign { to: "a".into() }, at(2026, 11, 25, 11, 0))
            .is_err()
    );
}

#[test]
fn supplement_pause_keeps_the_remaining_time_and_the_second_request_warns() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    // Paused Thu 26/11 09:00 with 2 working days left; resumed Tue 01/12 09:00 → Thu 03/12 09:00.
    let warnings = life
        .act(
            Action::RequestSupplement {
                items: vec!["Bản sao CCCD".into()],
                note: String::new(),
            },
            at(2026, 11, 26, 9, 0),
        )
        .unwrap();
    assert!(warnings.is_empty());
    assert_eq!(life.dossier.status, Status::SupplementRequested);
    assert_eq!(life.dossier.due_at, None);
    life.act(
        Action::ReceiveSupplement {
            note: String::new(),
        },
        at(2026, 12, 1, 9, 0),
    )
    .unwrap();
    assert_eq!(life.due(), "2026-12-03T09:00:00+07:00");
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 1, 10, 0)),
        Some(TimeClass::NotDue)
    );
    // A second request is a leader's, with a reason; the clock keeps running.
    let again = |note: &str| Action::RequestSupplement {
        items: vec!["Giấy ủy quyền".into()],
        note: note.into(),
    };
    assert_eq!(
        life.act(again(""), at(2026, 12, 1, 10, 0)).unwrap_err(),
        DossierError::Missing("lý do của lãnh đạo khi yêu cầu bổ sung lần nữa")
    );
    let (roles, _) = again("x").permission(&life.dossier);
    assert_eq!(roles, [Role::LanhDao]);
    let warnings = life
        .act(
            again("Thiếu giấy ủy quyền có chứng thực"),
            at(2026, 12, 1, 10, 0),
        )
        .unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("766") && warnings[0].contains("không tạm dừng"));
    assert_eq!(life.dossier.supplements_after_reception, 2);
    assert_eq!(life.dossier.status, Status::SupplementRequested);
    assert_eq!(life.dossier.pauses.len(), 1);
    assert_eq!(life.due(), "2026-12-03T09:00:00+07:00");
    // Overdue at once for the statistics, whatever the time left.
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 1, 11, 0)),
        Some(TimeClass::Overdue)
    );
    life.act(
        Action::ReceiveSupplement {
            note: "Đã nhận".into(),
        },
        at(2026, 12, 2, 8, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::InProgress);
    assert_eq!(life.due(), "2026-12-03T09:00:00+07:00");
    assert_eq!(
        life.events.last().unwrap().kind.code(),
        "supplement_received"
    );
    life.act(
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2026, 12, 2, 9, 0),
    )
    .unwrap();
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 5, 0, 0)),
        Some(TimeClass::Late)
    );
}

#[test]
fn a_second_supplement_request_before_reception_is_refused() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), false);
    let request = || Action::RequestSupplementBeforeReception {
        items: vec!["Tờ khai".into()],
        note: String::new(),
    };
    life.act(request(), at(2026, 11, 25, 10, 0)).unwrap();
    let err = life.act(request(), at(2026, 11, 26, 10, 0)).unwrap_err();
    assert_eq!(err.code(), "supplement_already_requested");
    assert!(
        err.to_string().contains("chỉ yêu cầu bổ sung một lần"),
        "{err}"
    );
    assert!(
        !life
            .dossier
            .available_actions()
            .contains(&motcua_domain::dossier::ActionKind::RequestSupplementBeforeReception)
    );
    life.act(Action::Accept, at(2026, 11, 26, 10, 0)).unwrap();
    assert_eq!(life.dossier.status, Status::Received);
}

#[test]
fn a_pause_after_the_due_instant_never_forgives_the_lateness() {
    // 3 working days from Wed 25/11 09:00 → Mon 30/11 09:00. Supplements requested Tue 01/12
    // 09:00, a day late: overdue while paused, and the due instant stays after the resume.
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    life.act(
        Action::RequestSupplement {
            items: vec!["Bản sao CCCD".into()],
            note: String::new(),
        },
        at(2026, 12, 1, 9, 0),
    )
    .unwrap();
    assert_eq!(life.due(), "2026-11-30T09:00:00+07:00");
    assert_eq!(
        life.dossier.urgency(at(2026, 12, 3, 9, 0)),
        Some(motcua_domain::dossier::Urgency::Overdue)
    );
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 3, 9, 0)),
        Some(TimeClass::Overdue)
    );
    life.act(
        Action::ReceiveSupplement {
            note: String::new(),
        },
        at(2026, 12, 7, 9, 0),
    )
    .unwrap();
    assert_eq!(life.due(), "2026-11-30T09:00:00+07:00");
}

#[test]
fn a_dossier_ended_while_paused_is_classed_by_the_time_it_had_left() {
    // Due Mon 30/11 09:00; paused Thu 26/11 09:00 (an earlier date): withdrawn on 10/12 while
    // paused, it ended early.
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    life.act(
        Action::RequestSupplement {
            items: vec!["Bản sao CCCD".into()],
            note: String::new(),
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.due_at, None);
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 9, 0, 0)),
        Some(TimeClass::NotDue)
    );
    life.act(
        Action::Withdraw {
            reason: "Công dân xin rút".into(),
        },
        at(2026, 12, 10, 9, 0),
    )
    .unwrap();
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 11, 0, 0)),
        Some(TimeClass::Early)
    );
    let r = motcua_domain::stats::Record::from_dossier(&life.dossier, 0, 0).unwrap();
    let p = motcua_domain::stats::Period::calendar_month(2026, 12).unwrap();
    assert_eq!(
        motcua_domain::stats::place(&p, &r).unwrap().class,
        TimeClass::Early
    );
}

#[test]
fn payment_pause_only_where_the_procedure_allows_it() {
    let mut free = Life::receive(&procedure(3, 50_000, false), at(2026, 11, 25, 9, 0), true);
    assert_eq!(
        free.act(
            Action::RequestPayment {
                note: String::new()
            },
            at(2026, 11, 25, 10, 0)
        )
        .unwrap_err(),
        DossierError::PaymentPauseNotAllowed
    );
    let mut life = Life::receive(&procedure(3, 50_000, true), at(2026, 11, 25, 9, 0), true);
    life.act(
        Action::RequestPayment {
            note: String::new(),
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::AwaitingPayment);
    life.act(
        Action::Pay {
            method: PaymentMethod::Online,
        },
        at(2026, 11, 27, 9, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.payment.as_ref().unwrap().amount, 50_000);
    assert_eq!(life.dossier.status, Status::InProgress);
    // One working day paused: due moves from Mon 30/11 09:00 to Tue 01/12 09:00.
    assert_eq!(life.due(), "2026-12-01T09:00:00+07:00");
    assert!(
        life.act(
            Action::Pay {
                method: PaymentMethod::Desk
            },
            at(2026, 11, 27, 10, 0)
        )
        .is_err()
    );
}

#[test]
fn transfer_to_a_coordinating_unit_and_back() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    life.act(
        Action::Transfer {
            to_unit: unit("D01"),
            note: String::new(),
            budget_minutes: None,
        },
        at(2026, 11, 25, 10, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.current_unit, unit("D01"));
    // Sent before 15:00: the papers pass on the same day; one working day by default.
    let t = &life.dossier.transfers[0];
    assert_eq!(
        (t.from_unit.as_str(), t.to_unit.as_str(), t.budget_minutes),
        ("W01", "D01", 450)
    );
    assert_eq!(t.handed_over_at, Some(at(2026, 11, 25, 10, 0)));
    assert_eq!(t.due_at, Some(at(2026, 11, 26, 10, 0)));
    let err = life
        .act(
            Action::Resolve {
                approved: true,
                reasons: String::new(),
                result_file: None,
            },
            at(2026, 11, 25, 11, 0),
        )
        .unwrap_err();
    assert_eq!(err.code(), "transfer_not_allowed");
    life.act(
        Action::TransferBack {
            note: String::new(),
        },
        at(2026, 11, 26, 10, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.current_unit, unit("W01"));
    assert_eq!(life.dossier.coordinating_units, [unit("D01")]);
    assert_eq!(
        life.dossier.transfers[0].returned_at,
        Some(at(2026, 11, 26, 10, 0))
    );
    assert_eq!(life.dossier.transfers[0].on_time, Some(true));
    // Sent at 16:00: the papers pass on the next working day, whose opening starts the time;
    // back a day after its due instant, late.
    life.act(
        Action::Transfer {
            to_unit: unit("D01"),
            note: String::new(),
            budget_minutes: Some(240),
        },
        at(2026, 11, 26, 16, 0),
    )
    .unwrap();
    let t = &life.dossier.transfers[1];
    assert_eq!(t.handed_over_at, Some(at(2026, 11, 27, 7, 30)));
    assert_eq!(t.due_at, Some(at(2026, 11, 27, 11, 30)));
    life.act(
        Action::TransferBack {
            note: String::new(),
        },
        at(2026, 11, 30, 8, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.transfers[1].on_time, Some(false));
    let back_again = life.act(
        Action::TransferBack {
            note: String::new(),
        },
        at(2026, 11, 26, 11, 0),
    );
    assert_eq!(back_again.unwrap_err().code(), "transfer_not_allowed");
}

#[test]
fn a_decision_closes_the_open_steps_with_their_outcome() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    assert_eq!(life.dossier.step_unit(0).as_str(), "W01");
    life.act(
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
    for s in &life.dossier.steps {
        assert_eq!(s.finished_at, Some(at(2026, 11, 26, 9, 0)));
        assert_eq!(s.on_time, Some(true));
        assert!(s.closed_at_end);
    }
}

#[test]
fn apology_once_before_the_due_instant_with_a_later_date_and_still_late() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    let reason = || "Cần xác minh tại nơi cư trú".to_owned();
    let early = Action::Apologize {
        reason: reason(),
        new_date: at(2026, 11, 27, 9, 0),
    };
    assert_eq!(
        life.act(early, at(2026, 11, 27, 8, 0)).unwrap_err().code(),
        "apology_date_too_early"
    );
    let good = Action::Apologize {
        reason: reason(),
        new_date: at(2026, 12, 2, 9, 0),
    };
    life.act(good.clone(), at(2026, 11, 27, 8, 0)).unwrap();
    assert_eq!(
        life.act(good, at(2026, 11, 27, 9, 0)).unwrap_err(),
        DossierError::ApologyAlreadyIssued
    );
    // The apology does not move the due instant: resolved on the new date it is still late.
    assert_eq!(life.due(), "2026-11-30T09:00:00+07:00");
    life.act(
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2026, 12, 2, 9, 0),
    )
    .unwrap();
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 3, 0, 0)),
        Some(TimeClass::Late)
    );

    assert!(!life.dossier.apology.as_ref().unwrap().late);
}

#[test]
fn a_late_apology_is_accepted_and_recorded_as_late() {
    let reason = || "Cần xác minh tại nơi cư trú".to_owned();
    // Due Mon 30/11 09:00. On the Friday 27/11 at 10:00 less than a working day is left.
    for (issued, late) in [
        (at(2026, 11, 27, 9, 0), false),
        (at(2026, 11, 27, 10, 0), true),
        (at(2026, 12, 1, 9, 0), true),
    ] {
        let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
        assert!(
            life.dossier
                .available_actions()
                .contains(&motcua_domain::dossier::ActionKind::Apologize)
        );
        let warnings = life
            .act(
                Action::Apologize {
                    reason: reason(),
                    new_date: at(2026, 12, 4, 9, 0),
                },
                issued,
            )
            .unwrap();
        let apology = life.dossier.apology.as_ref().unwrap();
        assert_eq!(apology.late, late, "{issued}");
        assert_eq!(warnings.len(), usize::from(late));
        let r = motcua_domain::stats::Record::from_dossier(&life.dossier, 0, 0).unwrap();
        assert_eq!((r.apology, r.late_apology), (!late, late));
    }
}

#[test]
fn the_new_appointment_is_a_working_instant_after_the_due_instant() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    for (new_date, code) in [
        // Saturday, the lunch break, the night.
        (at(2026, 12, 5, 9, 0), "apology_date_not_working"),
        (at(2026, 12, 2, 12, 0), "apology_date_not_working"),
        (at(2026, 12, 2, 20, 0), "apology_date_not_working"),
        // The due instant itself.
        (at(2026, 11, 30, 9, 0), "apology_date_too_early"),
    ] {
        let err = life
            .act(
                Action::Apologize {
                    reason: "Chờ xác minh".into(),
                    new_date,
                },
                at(2026, 11, 26, 9, 0),
            )
            .unwrap_err();
        assert_eq!(err.code(), code, "{new_date}");
    }
    // Closing time of a working day is a working instant.
    life.act(
        Action::Apologize {
            reason: "Chờ xác minh".into(),
            new_date: at(2026, 12, 2, 17, 0),
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
}

#[test]
fn refusal_needs_reasons_and_stop_ends_with_a_reason() {
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    let refuse = Action::Resolve {
        approved: false,
        reasons: String::new(),
        result_file: None,
    };
    assert_eq!(
        life.act(refuse, at(2026, 11, 26, 9, 0)).unwrap_err().code(),
        "missing_field"
    );
    life.act(
        Action::Stop {
            reason: "Có văn bản đề nghị dừng".into(),
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
    assert_eq!(life.dossier.status, Status::Stopped);
    assert_eq!(life.dossier.ended_at, Some(at(2026, 11, 26, 9, 0)));
    assert_eq!(
        life.dossier.time_class(at(2026, 12, 1, 0, 0)),
        Some(TimeClass::Early)
    );
}

#[test]
fn completing_a_step_needs_the_role_of_that_step() {
    let life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    let (roles, _) = Action::CompleteStep {
        to: None,
        note: String::new(),
    }
    .permission(&life.dossier);
    assert_eq!(roles, [Role::LanhDao, Role::ChuyenVien]);
    let (roles, _) = Action::ReturnResult {
        method: ReturnMethod::Desk,
        note: String::new(),
    }
    .permission(&life.dossier);
    assert_eq!(roles, [Role::TiepNhan]);
}

#[test]
fn actions_parse_from_the_api_json() {
    let a: Action = serde_json::from_str(r#"{"action":"assign","to":"chuyenvien"}"#).unwrap();
    assert_eq!(
        a,
        Action::Assign {
            to: "chuyenvien".into()
        }
    );
    let a: Action = serde_json::from_str(
        r#"{"action":"apologize","reason":"x","new_date":"2026-12-02T09:00:00"}"#,
    )
    .unwrap();
    assert_eq!(a.code(), "apologize");
    assert!(serde_json::from_str::<Action>(r#"{"action":"fly"}"#).is_err());
    assert!(serde_json::from_str::<Action>(r#"{"action":"assign","to":"a","x":1}"#).is_err());
}

#[test]
fn the_applicant_rates_once_after_the_result() {
    use motcua_domain::dossier::rate;
    use motcua_domain::stats::Rating;
    let mut life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    assert_eq!(
        rate(&life.dossier, Rating::HaiLong, "").unwrap_err().code(),
        "invalid_transition"
    );
    life.act(
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2026, 11, 26, 9, 0),
    )
    .unwrap();
    let event = rate(&life.dossier, Rating::RatHaiLong, " Nhanh, chu đáo ").unwrap();
    let e = Event {
        seq: life.dossier.version + 1,
        at: at(2026, 11, 26, 10, 0),
        actor: "cong_dan".into(),
        kind: event,
    };
    life.dossier.apply(&e);
    assert_eq!(life.dossier.rating, Some(Rating::RatHaiLong));
    assert!(rate(&life.dossier, Rating::KhongHaiLong, "").is_err());
    let record = motcua_domain::stats::Record::from_dossier(&life.dossier, 0, 0).unwrap();
    assert_eq!(record.rating, Some(Rating::RatHaiLong));
}

#[test]
fn urgency_is_overdue_once_due_and_due_today_before() {
    use motcua_domain::dossier::Urgency;
    let life = Life::receive(&procedure(3, 0, false), at(2026, 11, 25, 9, 0), true);
    // Due Mon 30/11 09:00.
    assert_eq!(life.dossier.urgency(at(2026, 11, 27, 16, 0)), None);
    assert_eq!(
        life.dossier.urgency(at(2026, 11, 30, 8, 0)),
        Some(Urgency::DueToday)
    );
    assert_eq!(
        life.dossier.urgency(at(2026, 11, 30, 9, 0)),
        Some(Urgency::Overdue)
    );
}

#[test]
fn an_online_submission_is_given_its_code_by_the_reception() {
    let p = procedure(3, 0, false);
    let mut life = Life::receive(&p, at(2026, 11, 25, 9, 0), false);
    let number = "W01-261125-TT0001";
    assert_eq!(life.dossier.code.as_str(), number);
    assert!(!life.dossier.awaits_code());
    let before = life.events.len();
    life.act(Action::Accept, at(2026, 11, 27, 10, 0)).unwrap();
    assert!(life.dossier.awaits_code());
    let code = DossierCode::new(&unit("W01"), crate::support::date(2026, 11, 27), 2);
    let mut new_events = life.events.split_off(before);
    assert!(life.dossier.issue_code(&mut new_events, code.clone()));
    assert!(!life.dossier.awaits_code());
    assert_eq!(life.dossier.code, code);
    assert_eq!(
        life.dossier.submitted_as.as_ref().map(DossierCode::as_str),
        Some(number)
    );
    assert_eq!(life.dossier.key().as_str(), number);
    // Given once: a second code finds no reception waiting for it.
    let again = DossierCode::new(&unit("W01"), crate::support::date(2026, 11, 27), 3);
    assert!(!life.dossier.issue_code(&mut new_events, again));
    // The history replays to the same state, the code read off the reception.
    life.events.extend(new_events);
    let replayed = Dossier::replay(life.dossier.key().clone(), &life.events).unwrap();
    assert_eq!(replayed, life.dossier);
    // A dossier received as it is created: its number is its code, nothing to give.
    let desk = Life::receive(&p, at(2026, 11, 25, 9, 0), true);
    assert_eq!(desk.dossier.code.as_str(), "W01-261125-0001");
    assert!(!desk.dossier.awaits_code());
    assert_eq!(desk.dossier.key(), &desk.dossier.code);
}
