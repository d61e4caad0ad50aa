//! Records from dossier states.

use crate::support::at;
use chrono::NaiveDateTime;
use motcua_domain::catalogue::{ApplicantType, Fee, ResultKind};
use motcua_domain::deadline::{PauseReason, TimeLimit};
use motcua_domain::dossier::{
    Applicant, Channel, Dossier, Event, EventKind, Facts, PaymentMethod, ReturnMethod,
};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::stats::{Rating, Record};

fn facts(channel: Channel, fee: u64) -> Facts {
    Facts {
        procedure_code: ProcedureCode::parse("1.004873").unwrap(),
        procedure_version: 1,
        procedure_name: "Cấp Giấy xác nhận tình trạng hôn nhân".into(),
        field: "Hộ tịch".into(),
        time_limit: TimeLimit::WorkingDays { amount: 3 },
        steps: vec![],
        fees: vec![Fee {
            name: "Lệ phí".into(),
            amount: fee,
            basis: String::new(),
            exemptions: String::new(),
        }],
        payment_pause_allowed: false,
        result_kind: ResultKind::Document,
        receiving_unit: UnitCode::parse("W01").unwrap(),
        competent_unit: UnitCode::parse("W01").unwrap(),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: "Nguyễn Văn An".into(),
            id_number: None,
            phone: None,
            email: None,
            address: None,
        },
        channel,
        return_method: ReturnMethod::Desk,
        digitised: true,
        reused_data: fee > 0,
        rule_version: "118/2025/NĐ-CP".into(),
        imported: false,
    }
}

fn dossier(channel: Channel, fee: u64, events: Vec<(NaiveDateTime, EventKind)>) -> Dossier {
    let t0 = at(2026, 11, 2, 8, 0);
    let code = DossierCode::new(&UnitCode::parse("W01").unwrap(), t0.date(), 1);
    let mut d = Dossier::create(code, t0, facts(channel, fee));
    for (seq, (at, kind)) in (2..).zip(events) {
        d.apply(&Event {
            seq,
            at,
            actor: "x".into(),
            kind,
        });
    }
    d
}

fn received(due: NaiveDateTime) -> EventKind {
    EventKind::Received {
        due_at: due,
        step_dues: vec![],
        handed_over: None,
        code: None,
    }
}

fn supplement() -> EventKind {
    EventKind::Paused {
        reason: PauseReason::Supplement,
        items: vec!["Tờ khai".into()],
        note: String::new(),
    }
}

#[test]
fn dossiers_never_received_have_no_record() {
    let submitted = dossier(Channel::Online, 0, vec![]);
    assert_eq!(Record::from_dossier(&submitted, 0, 0), None);
    let refused = dossier(
        Channel::Online,
        0,
        vec![(
            at(2026, 11, 2, 9, 0),
            EventKind::RefusedAtIntake {
                reasons: "Không thuộc thẩm quyền".into(),
            },
        )],
    );
    assert_eq!(Record::from_dossier(&refused, 0, 0), None);
}

#[test]
fn a_resolved_dossier_paid_online_with_an_electronic_result() {
    let due = at(2026, 11, 5, 8, 0);
    let d = dossier(
        Channel::Online,
        8_000,
        vec![
            (at(2026, 11, 2, 8, 0), received(due)),
            (
                at(2026, 11, 2, 9, 0),
                EventKind::FeePaid {
                    amount: 8_000,
                    method: PaymentMethod::Online,
                },
            ),
            (
                at(2026, 11, 4, 10, 0),
                EventKind::Resolved {
                    approved: true,
                    reasons: String::new(),
                    result_file: Some("kq.pdf".into()),
                    handed_over: None,
                },
            ),
            (
                at(2026, 11, 4, 11, 0),
                EventKind::ResultReturned {
                    method: ReturnMethod::Desk,
                    note: String::new(),
                },
            ),
        ],
    );
    let r = Record::from_dossier(&d, 4, 2).unwrap();
    assert_eq!((r.unit, r.field), (4, 2));
    assert!(r.online && r.fee_bearing && r.paid_online && r.digitised && r.e_result);
    assert_eq!(r.received, at(2026, 11, 2, 8, 0));
    assert_eq!(r.due, Some(due));
    assert_eq!(r.ended, Some(at(2026, 11, 4, 10, 0)));
    assert!(r.reused_data && !r.apology && !r.complaint);
    assert_eq!(r.rating, None);
}

#[test]
fn a_result_returned_online_without_a_file_is_not_electronic() {
    let mut d = dossier(
        Channel::Online,
        0,
        vec![
            (at(2026, 11, 2, 8, 0), received(at(2026, 11, 5, 8, 0))),
            (
                at(2026, 11, 4, 10, 0),
                EventKind::Resolved {
                    approved: true,
                    reasons: String::new(),
                    result_file: None,
                    handed_over: None,
                },
            ),
            (
                at(2026, 11, 4, 11, 0),
                EventKind::ResultReturned {
                    method: ReturnMethod::Online,
                    note: String::new(),
                },
            ),
        ],
    );
    let r = Record::from_dossier(&d, 0, 0).unwrap();
    assert!(!r.e_result);
    assert!(r.document_result);
    d.facts.result_kind = ResultKind::NoDocument;
    assert!(!Record::from_dossier(&d, 0, 0).unwrap().document_result);
}

#[test]
fn an_open_paused_dossier_has_no_due_nor_end_and_counts_its_supplements() {
    let d = dossier(
        Channel::Desk,
        0,
        vec![
            (at(2026, 11, 2, 8, 0), received(at(2026, 11, 5, 8, 0))),
            (at(2026, 11, 3, 8, 0), supplement()),
            (
                at(2026, 11, 4, 8, 0),
                EventKind::Resumed {
                    due_at: at(2026, 11, 6, 8, 0),
                    step_dues: vec![],
                    note: String::new(),
                },
            ),
            (at(2026, 11, 5, 8, 0), supplement()),
        ],
    );
    let r = Record::from_dossier(&d, 0, 0).unwrap();
    assert!(!r.online && !r.fee_bearing && !r.paid_online && !r.e_result && !r.reused_data);
    assert_eq!((r.due, r.ended), (None, None));
    assert_eq!(r.supplements_after_reception, 2);
}

#[test]
fn withdrawn_dossiers_end_and_apologies_are_flagged() {
    let d = dossier(
        Channel::Post,
        0,
        vec![
            (at(2026, 11, 2, 8, 0), received(at(2026, 11, 5, 8, 0))),
            (
                at(2026, 11, 3, 8, 0),
                EventKind::ApologyIssued {
                    reason: "Chờ xác minh".into(),
                    new_date: at(2026, 11, 9, 8, 0),
                    late: false,
                },
            ),
            (
                at(2026, 11, 6, 8, 0),
                EventKind::Withdrawn {
                    reason: "Công dân xin rút".into(),
                },
            ),
        ],
    );
    let r = Record::from_dossier(&d, 0, 0).unwrap();
    assert_eq!(r.ended, Some(at(2026, 11, 6, 8, 0)));
    assert!(r.apology && !r.online);
}

#[test]
fn ratings_have_vietnamese_labels() {
    let labels: Vec<_> = Rating::ALL.iter().map(|r| r.label_vi()).collect();
    assert_eq!(
        labels,
        ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng"]
    );
    assert!(Rating::KhongHaiLong.is_negative() && !Rating::BinhThuong.is_negative());
    let mut r = Record::received_at(0, 0, at(2026, 11, 2, 8, 0));
    assert!(!r.dissatisfied());
    r.rating = Some(Rating::KhongHaiLong);
    assert!(r.dissatisfied());
}
