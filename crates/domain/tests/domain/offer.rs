//! What a dossier offers is what the state machine accepts: over random histories, an action of
//! every kind (with well-formed fields) is decided without error exactly when its kind is among
//! `Dossier::available_actions`.

use crate::support::{at, engine, procedure};
use chrono::{Duration, NaiveDateTime};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{
    Action, ActionKind, Applicant, Channel, Dossier, IntakeInput, PaymentMethod, ReturnMethod,
    Status, decide, intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use proptest::prelude::*;

fn unit(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

/// A well-formed action of `kind` on `d` at `now`: every field filled as a careful officer would.
fn sample(kind: ActionKind, d: &Dossier, now: NaiveDateTime) -> Action {
    let note = "Ghi chú".to_owned();
    let reason = "Lý do".to_owned();
    match kind {
        ActionKind::Accept => Action::Accept,
        ActionKind::RequestSupplementBeforeReception => Action::RequestSupplementBeforeReception {
            items: vec!["Tờ khai".into()],
            note,
        },
        ActionKind::RefuseAtIntake => Action::RefuseAtIntake { reasons: reason },
        ActionKind::Assign => Action::Assign { to: "cv".into() },
        ActionKind::CompleteStep => Action::CompleteStep { to: None, note },
        ActionKind::RequestSupplement => Action::RequestSupplement {
            items: vec!["Bản sao".into()],
            note,
        },
        ActionKind::ReceiveSupplement => Action::ReceiveSupplement { note },
        ActionKind::RequestPayment => Action::RequestPayment { note },
        ActionKind::Pay => Action::Pay {
            method: PaymentMethod::Desk,
        },
        ActionKind::Transfer => Action::Transfer {
            to_unit: unit("D01"),
            note,
            budget_minutes: None,
        },
        ActionKind::TransferBack => Action::TransferBack { note },
        ActionKind::Apologize => Action::Apologize {
            reason,
            new_date: engine()
                .add_working_seconds(d.due_at.or(d.due_before_pause).unwrap_or(now), 3600),
        },
        ActionKind::Resolve => Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        ActionKind::Stop => Action::Stop { reason },
        ActionKind::Withdraw => Action::Withdraw { reason },
        ActionKind::ReturnResult => Action::ReturnResult {
            method: ReturnMethod::Desk,
            note,
        },
    }
}

fn new_dossier(fee: u64, pause: bool, online: bool, t: NaiveDateTime) -> Dossier {
    let p = procedure(3, fee, pause);
    let new = intake(
        IntakeInput {
            procedure: &p,
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
            channel: if online {
                Channel::Online
            } else {
                Channel::Desk
            },
            return_method: ReturnMethod::Desk,
            digitised: false,
            reused_data: false,
            receive_now: !online,
            paid_at_desk: false,
        },
        t,
        &engine(),
    )
    .unwrap();
    let code = DossierCode::new(&unit("W01"), t.date(), 1);
    new.into_dossier(code, "tn").unwrap().0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn offered_actions_are_exactly_those_the_machine_accepts(
        fee in prop_oneof![Just(0u64), Just(50_000u64)],
        pause in any::<bool>(),
        online in any::<bool>(),
        steps in proptest::collection::vec((0usize..16, 0i64..5 * 24 * 60), 0..12),
    ) {
        let mut now = at(2026, 11, 23, 9, 0);
        let mut d = new_dossier(fee, pause, online, now);
        for (pick, minutes) in steps {
            let offered = d.available_actions();
            for kind in ActionKind::ALL {
                let decided = decide(&d, &sample(kind, &d, now), now, &engine());
                prop_assert_eq!(
                    decided.is_ok(),
                    offered.contains(&kind),
                    "{:?} in {:?}: {:?}", kind, d.status, decided.err()
                );
            }
            if let Some(kind) = offered.get(pick % offered.len().max(1)) {
                let decided = decide(&d, &sample(*kind, &d, now), now, &engine()).unwrap();
                d = d.stamp(decided.events, now, "x").0;
            }
            now += Duration::minutes(minutes);
        }
    }
}

#[test]
fn ended_dossiers_offer_no_payment() {
    let t = at(2026, 11, 23, 9, 0);
    let mut d = new_dossier(50_000, false, false, t);
    let stop = decide(&d, &sample(ActionKind::Stop, &d, t), t, &engine()).unwrap();
    d = d.stamp(stop.events, t, "x").0;
    assert_eq!(d.status, Status::Stopped);
    assert!(
        d.available_actions().is_empty(),
        "{:?}",
        d.available_actions()
    );
}
