//! Role × action × unit position: who may do what, proven case by case (docs/rules.md §2).

use chrono::NaiveDate;
use motcua_app::Caller;
use motcua_app::permissions::{
    Org, authorize_action, can_read, readable_units, require_role, require_root_admin,
};
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::{
    ApplicantType, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus, ProcedureVersion,
    Publication, Step,
};
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use motcua_domain::dossier::{
    Action, ActionKind, Applicant, Channel, Dossier, IntakeInput, PaymentMethod, ReturnMethod,
    intake,
};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::{Actor, Grant, Role, Unit, UnitKind};

fn code(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

fn unit(c: &str, kind: UnitKind, path: &[&str]) -> Unit {
    Unit {
        code: code(c),
        name: c.into(),
        kind,
        parent: path.iter().rev().nth(1).map(|p| code(p)),
        path: path.iter().map(|p| code(p)).collect(),
        calendar: "ccvc".into(),
        office_hours: OfficeHours::default().to_string(),
        valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        valid_to: None,
        successor: None,
        address: String::new(),
        phone: String::new(),
    }
}

fn org() -> Org {
    Org::new(vec![
        unit("P01", UnitKind::Province, &["P01"]),
        unit("P01.W1", UnitKind::Ward, &["P01", "P01.W1"]),
        unit("P01.W2", UnitKind::Ward, &["P01", "P01.W2"]),
    ])
}

fn dossier() -> Dossier {
    let procedure = ProcedureVersion {
        version: 1,
        status: ProcedureStatus::Active,
        spec: ProcedureSpec {
            code: ProcedureCode::parse("1.004873").unwrap(),
            name: "Cấp Giấy xác nhận tình trạng hôn nhân".into(),
            field: "Hộ tịch".into(),
            level: ProcedureLevel::Commune,
            legal_bases: vec![],
            decision: Publication {
                number: "1/QĐ".into(),
                date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            },
            effective_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            time_limit: TimeLimit::WorkingDays { amount: 3 },
            published_time_limit: None,
            components: vec![],
            applicant_types: vec![ApplicantType::Citizen],
            fees: vec![],
            result: String::new(),
            result_kind: motcua_domain::catalogue::ResultKind::Document,
            online_level: OnlineLevel::Full,
            regardless_of_residence: true,
            payment_pause_allowed: false,
            steps: vec![
                Step {
                    name: "Thẩm định".into(),
                    role: Role::ChuyenVien,
                    budget_minutes: 1260,
                },
                Step {
                    name: "Ký".into(),
                    role: Role::LanhDao,
                    budget_minutes: 90,
                },
            ],
        },
    };
    let calendar = WorkCalendar::ccvc();
    let hours = OfficeHours::default();
    let t = NaiveDate::from_ymd_opt(2026, 11, 25)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let new = intake(
        IntakeInput {
            procedure: &procedure,
            receiving_unit: code("P01.W1"),
            competent_unit: code("P01.W1"),
            applicant: Applicant {
                kind: ApplicantType::Citizen,
                name: "Lê Thị Mai".into(),
                id_number: None,
                phone: Some("0912000111".into()),
                email: None,
                address: None,
            },
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: true,
            reused_data: false,
            receive_now: true,
            paid_at_desk: false,
        },
        t,
        &DeadlineEngine::new(&calendar, &hours),
    )
    .unwrap();
    new.into_dossier(DossierCode::new(&code("P01.W1"), t.date(), 1), "t")
        .unwrap()
        .0
}

fn actions() -> Vec<(Action, &'static [Role])> {
    use Role::{ChuyenVien, LanhDao, TiepNhan, VanThu};
    let s = String::new;
    vec![
        (Action::Accept, &[TiepNhan]),
        (
            Action::RequestSupplementBeforeReception {
                items: vec![s()],
                note: s(),
            },
            &[TiepNhan],
        ),
        (Action::RefuseAtIntake { reasons: s() }, &[TiepNhan]),
        (Action::Assign { to: s() }, &[LanhDao]),
        (
            Action::CompleteStep {
                to: None,
                note: s(),
            },
            &[ChuyenVien, LanhDao],
        ),
        (
            Action::RequestSupplement {
                items: vec![s()],
                note: s(),
            },
            &[ChuyenVien, LanhDao],
        ),
        (Action::ReceiveSupplement { note: s() }, &[TiepNhan]),
        (Action::RequestPayment { note: s() }, &[ChuyenVien, LanhDao]),
        (
            Action::Pay {
                method: PaymentMethod::Desk,
            },
            &[TiepNhan, VanThu],
        ),
        (
            Action::Transfer {
                to_unit: code("P01.W2"),
                note: s(),
                budget_minutes: None,
            },
            &[ChuyenVien, LanhDao],
        ),
        (Action::TransferBack { note: s() }, &[ChuyenVien, LanhDao]),
        (
            Action::Apologize {
                reason: s(),
                new_date: NaiveDate::from_ymd_opt(2026, 12, 9)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap(),
            },
            &[LanhDao],
        ),
        (
            Action::Resolve {
                approved: true,
                reasons: s(),
                result_file: None,
            },
            &[LanhDao],
        ),
        (Action::Stop { reason: s() }, &[LanhDao]),
        (Action::Withdraw { reason: s() }, &[TiepNhan]),
        (
            Action::ReturnResult {
                method: ReturnMethod::Desk,
                note: s(),
            },
            &[TiepNhan],
        ),
    ]
}

/// Where the actor's grant sits relative to the dossier's unit (P01.W1).
const POSITIONS: [(&str, &str, bool); 3] = [
    ("own unit", "P01.W1", true),
    ("parent unit", "P01", true),
    ("other unit", "P01.W2", false),
];

fn actor(role: Role, at: &str) -> Caller {
    Caller::staff(Actor {
        username: "u".into(),
        full_name: "U".into(),
        grants: vec![Grant {
            role,
            unit: code(at),
        }],
    })
}

#[test]
fn every_role_every_action_every_position() {
    let org = org();
    let dossier = dossier();
    let mut checked = 0;
    for (action, allowed) in actions() {
        for role in Role::ALL {
            for (label, at, in_scope) in POSITIONS {
                let expected = allowed.contains(&role) && in_scope;
                let got = authorize_action(&actor(role, at), &org, action.kind(), &dossier).is_ok();
                assert_eq!(
                    got,
                    expected,
                    "{} by {} at {label}",
                    action.code(),
                    role.code()
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 16 * 7 * 3);
}

#[test]
fn intake_needs_the_desk_role_over_the_receiving_unit() {
    let org = org();
    for role in Role::ALL {
        for (label, at, in_scope) in POSITIONS {
            let expected = role == Role::TiepNhan && in_scope;
            let got = require_role(&actor(role, at), &org, Role::TiepNhan, &code("P01.W1")).is_ok();
            assert_eq!(got, expected, "intake by {} at {label}", role.code());
        }
    }
}

#[test]
fn reading_needs_any_role_over_one_of_the_dossier_units() {
    let org = org();
    let dossier = dossier();
    for role in Role::ALL {
        for (label, at, in_scope) in POSITIONS {
            assert_eq!(
                can_read(&actor(role, at), &org, &dossier),
                in_scope,
                "{} at {label}",
                role.code()
            );
        }
    }
}

#[test]
fn a_refusal_names_the_role_needed() {
    let err = authorize_action(
        &actor(Role::ChuyenVien, "P01.W1"),
        &org(),
        ActionKind::Resolve,
        &dossier(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.to_string().contains("Lãnh đạo"), "{err}");
}

#[test]
fn the_public_holds_no_staff_power_and_the_operator_signs_no_action() {
    let org = org();
    let dossier = dossier();
    let public = Caller::public();
    let operator = Caller::operator("quantri");
    for kind in ActionKind::ALL {
        assert!(authorize_action(&public, &org, kind, &dossier).is_err());
        assert!(authorize_action(&operator, &org, kind, &dossier).is_err());
    }
    assert!(!can_read(&public, &org, &dossier));
    assert!(readable_units(&public, &org).is_empty());
    assert!(require_role(&public, &org, Role::QuanTri, &code("P01")).is_err());
    assert!(can_read(&operator, &org, &dossier));
    assert_eq!(readable_units(&operator, &org).len(), 3);
    assert!(require_root_admin(&operator, &org, "nhập").is_ok());
}

#[test]
fn only_an_administrator_of_the_whole_tree_imports() {
    let org = org();
    assert!(require_root_admin(&actor(Role::QuanTri, "P01"), &org, "nhập").is_ok());
    let ward_admin = require_root_admin(&actor(Role::QuanTri, "P01.W1"), &org, "nhập");
    assert_eq!(ward_admin.unwrap_err().code(), "forbidden");
    assert!(require_root_admin(&actor(Role::LanhDao, "P01"), &org, "nhập").is_err());
}
