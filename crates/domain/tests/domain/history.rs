//! History import: legacy lines become dossiers whose state and statistics match the line.

use crate::support::at;
use motcua_domain::catalogue::{
    ApplicantType, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus, ProcedureVersion,
    Publication, Step,
};
use motcua_domain::classify::TimeClass;
use motcua_domain::deadline::TimeLimit;
use motcua_domain::dossier::{Channel, EventKind, Status};
use motcua_domain::history::{ImportedDossier, ImportedProcedure, build, parse_line};
use motcua_domain::ids::ProcedureCode;
use motcua_domain::org::Role;
use motcua_domain::stats::{Period, Rating, Record, Report};
use serde_json::json;

fn procedure() -> ProcedureVersion {
    ProcedureVersion {
        version: 1,
        status: ProcedureStatus::Active,
        spec: ProcedureSpec {
            code: ProcedureCode::parse("1.001193").unwrap(),
            name: "Đăng ký khai sinh".into(),
            field: "Hộ tịch".into(),
            level: ProcedureLevel::Commune,
            legal_bases: vec![],
            decision: Publication {
                number: "1/QĐ".into(),
                date: at(2023, 1, 1, 0, 0).date(),
            },
            effective_from: at(2023, 1, 1, 0, 0).date(),
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
            steps: vec![Step {
                name: "Xử lý".into(),
                role: Role::ChuyenVien,
                budget_minutes: 1350,
            }],
        },
    }
}

fn line(overrides: serde_json::Value) -> String {
    let mut base = json!({
        "code": "H99.W1-230301-0001",
        "procedure_code": "1.001193",
        "receiving_unit": "H99.W1",
        "channel": "online",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912345678",
        "received_at": "2023-03-01T09:00:00+07:00",
        "due_at": "2023-03-06T09:00:00+07:00",
        "ended_at": "2023-03-02T10:00:00+07:00",
        "outcome": "approved",
        "returned_at": "2023-03-02T15:00:00+07:00",
        "supplement_requests": [],
        "fee_vnd": 8000,
        "paid_online": true,
        "digitized": true,
        "e_result": true,
        "apology_at": null,
        "rating": "rat_hai_long"
    });
    for (k, v) in overrides.as_object().unwrap() {
        base[k] = v.clone();
    }
    base.to_string()
}

#[test]
fn a_resolved_line_becomes_a_returned_dossier_with_its_flags() {
    let r = parse_line(&line(json!({}))).unwrap();
    let (d, events) = build(&r, &ImportedProcedure::of(&procedure())).unwrap();
    assert_eq!(d.status, Status::Returned);
    assert_eq!(d.code.as_str(), "H99.W1-230301-0001");
    assert_eq!(d.facts.channel, Channel::Online);
    assert!(d.facts.imported && d.facts.digitised);
    assert_eq!(d.due_at, Some(at(2023, 3, 6, 9, 0)));
    assert_eq!(d.rating, Some(Rating::RatHaiLong));
    assert_eq!(d.time_class(at(2023, 12, 1, 0, 0)), Some(TimeClass::Early));
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.code()).collect();
    assert_eq!(
        kinds,
        [
            "created",
            "received",
            "fee_paid",
            "resolved",
            "result_returned",
            "rated"
        ]
    );
    let record = Record::from_dossier(&d, 0, 0).unwrap();
    assert!(record.paid_online && record.fee_bearing && record.e_result);
}

#[test]
fn pauses_keep_the_recorded_due_instant() {
    let r = parse_line(&line(json!({
        "supplement_requests": [
            { "requested_at": "2023-03-01T14:00:00+07:00", "completed_at": "2023-03-03T08:00:00+07:00" },
            { "requested_at": "2023-03-03T09:00:00+07:00", "completed_at": null }
        ],
        "ended_at": null, "outcome": null, "returned_at": null, "rating": null
    })))
    .unwrap();
    let (d, events) = build(&r, &ImportedProcedure::of(&procedure())).unwrap();
    assert_eq!(d.status, Status::SupplementRequested);
    assert_eq!(d.supplements_after_reception, 2);
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::SupplementRequestedAgain { .. }))
    );
    let r = parse_line(&line(json!({
        "supplement_requests": [{ "requested_at": "2023-03-01T14:00:00+07:00", "completed_at": "2023-03-03T08:00:00+07:00" }],
        "due_at": "2023-03-08T09:00:00+07:00", "ended_at": "2023-03-09T10:00:00+07:00", "returned_at": null,
        "apology_at": "2023-03-07T10:00:00+07:00"
    })))
    .unwrap();
    let (d, _) = build(&r, &ImportedProcedure::of(&procedure())).unwrap();
    assert_eq!(d.due_at, Some(at(2023, 3, 8, 9, 0)));
    assert_eq!(d.time_class(at(2023, 12, 1, 0, 0)), Some(TimeClass::Late));
    assert!(d.apology.is_some());
}

#[test]
fn bad_lines_name_the_field() {
    let cases = [
        (json!({ "code": "xyz" }), "code"),
        (json!({ "procedure_code": "1001193" }), "procedure_code"),
        (json!({ "channel": "fax" }), "channel"),
        (json!({ "due_at": "2023-02-01T09:00:00+07:00" }), "due_at"),
        (json!({ "outcome": null }), "outcome"),
        (
            json!({ "ended_at": null, "returned_at": null, "rating": null }),
            "ended_at",
        ),
        (
            json!({ "outcome": "stopped", "rating": null }),
            "returned_at",
        ),
        (json!({ "received_at": "01/03/2023" }), "received_at"),
        (json!({ "applicant_name": " " }), "applicant_name"),
    ];
    for (change, field) in cases {
        let err = parse_line(&line(change.clone())).unwrap_err();
        assert_eq!(err.field, field, "{change}: {err}");
        assert!(!err.message.is_empty());
    }
    assert_eq!(parse_line("không phải JSON").unwrap_err().field, "-");
    let long = "x".repeat(1_000_000);
    let wrong_type = parse_line(&line(json!({ "fee_vnd": long }))).unwrap_err();
    assert_eq!(wrong_type.field, "fee_vnd");
    assert!(wrong_type.message.chars().count() < 400, "a short message");
    let missing = parse_line(r#"{"code":"H99.W1-230301-0001"}"#).unwrap_err();
    assert_eq!(missing.field, "procedure_code", "{missing}");
}

/// The Trần Hưng Đạo ward report, 01/01/2023–30/11/2023: 1 carried over, 1.049 online and 9 at
/// the desk or by post, all 1.059 resolved (1.054 early, 5 on time), 145 ratings.
#[test]
fn tran_hung_dao_2023_history_gives_its_report() {
    let p = procedure();
    let mut records = Vec::new();
    let mut push = |i: usize, overrides: serde_json::Value| {
        let mut v: serde_json::Value = serde_json::from_str(&line(overrides)).unwrap();
        // The code carries the reception date: `2022-12-29…` → `221229`.
        let day: String = v["received_at"].as_str().unwrap()[2..10].replace('-', "");
        v["code"] = json!(format!("H99.W1-{day}-{:04}", i + 1));
        let r = parse_line(&v.to_string()).unwrap();
        let (d, _) = build(&r, &ImportedProcedure::of(&p)).unwrap();
        records.push(Record::from_dossier(&d, 0, 0).unwrap());
    };
    // Carried over from 2022, resolved early in January.
    push(
        0,
        json!({ "channel": "direct", "received_at": "2022-12-29T09:00:00+07:00", "due_at": "2023-01-04T09:00:00+07:00", "ended_at": "2023-01-03T09:00:00+07:00", "returned_at": null, "rating": null }),
    );
    for i in 1..1059 {
        let channel = if i <= 1049 { "online" } else { "direct" };
        // 5 resolved on their due date (on time), the rest a day before (early).
        let (ended, due) = if i <= 5 {
            ("2023-03-06T08:00:00+07:00", "2023-03-06T09:00:00+07:00")
        } else {
            ("2023-03-02T10:00:00+07:00", "2023-03-06T09:00:00+07:00")
        };
        let rating = match i {
            1..=105 => json!("rat_hai_long"),
            106..=145 => json!("hai_long"),
            _ => json!(null),
        };
        push(
            i,
            json!({ "channel": channel, "ended_at": ended, "due_at": due, "returned_at": null, "rating": rating }),
        );
    }
    let period = Period::range(at(2023, 1, 1, 0, 0).date(), at(2023, 11, 30, 0, 0).date()).unwrap();
    let report = Report::compute(period, &records);
    assert_eq!(
        report.total.row(),
        [1059, 1049, 9, 1, 1059, 1054, 5, 0, 0, 0, 0]
    );
    let rated: Vec<_> = records.iter().filter_map(|r| r.rating).collect();
    assert_eq!(rated.len(), 145);
    assert_eq!(
        rated.iter().filter(|r| **r == Rating::RatHaiLong).count(),
        105
    );
}

#[test]
fn an_imported_dossier_stored_as_json_rebuilds_the_same_state_and_events() {
    let r = parse_line(
        &json!({
            "code": "H99.01-230105-0007", "procedure_code": "1.000894",
            "receiving_unit": "H99.01", "channel": "postal",
            "applicant_name": "Lê Văn \"Tám\"", "received_at": "2023-01-05T08:00:00+07:00",
            "due_at": "2023-01-10T17:00:00+07:00", "ended_at": "2023-01-09T10:00:00+07:00",
            "outcome": "approved", "fee_vnd": 15000, "paid_online": true,
            "supplement_requests": [{"requested_at": "2023-01-06T09:00:00+07:00",
                                     "completed_at": "2023-01-07T09:00:00+07:00"}],
            "rating": "hai_long"
        })
        .to_string(),
    )
    .unwrap();
    let imported = ImportedDossier {
        record: r.clone(),
        procedure: ImportedProcedure::of(&procedure()),
    };
    let stored = serde_json::to_string(&imported).unwrap();
    assert!(
        !stored.contains("apology_at"),
        "absent options are left out: {stored}"
    );
    let back: ImportedDossier = serde_json::from_str(&stored).unwrap();
    assert_eq!(back, imported);
    let (d, events) = back.build().unwrap();
    assert_eq!(
        (d, events),
        build(&r, &ImportedProcedure::of(&procedure())).unwrap()
    );
}

#[test]
fn the_code_must_match_its_unit_and_reception_date() {
    let other_unit = parse_line(&line(json!({ "code": "H99.W2-230301-0001" }))).unwrap_err();
    assert_eq!(other_unit.field, "code");
    assert_eq!(
        other_unit.message,
        "mã hồ sơ H99.W2-230301-0001 không thuộc đơn vị tiếp nhận H99.W1"
    );
    let prefix = parse_line(&line(
        json!({ "code": "H99.W-230301-0001", "receiving_unit": "H99.W1" }),
    ));
    assert_eq!(prefix.unwrap_err().field, "code");
    let other_day = parse_line(&line(json!({ "code": "H99.W1-230302-0001" }))).unwrap_err();
    assert_eq!(other_day.field, "code");
    assert_eq!(
        other_day.message,
        "mã hồ sơ H99.W1-230302-0001 ghi ngày 02/03/2023, khác ngày tiếp nhận 01/03/2023"
    );
    // A submission number is not the code of a received dossier, even with the right day.
    let number = parse_line(&line(json!({ "code": "H99.W1-230301-TT0001" }))).unwrap_err();
    assert_eq!(number.field, "code");
    assert!(
        number.message.contains("là số nộp trực tuyến"),
        "{}",
        number.message
    );
    // The date is the local one: 00:30 in Hà Nội is still the previous day in UTC.
    let late = parse_line(&line(json!({
        "code": "H99.W1-230301-0001",
        "received_at": "2023-02-28T17:30:00Z",
        "due_at": "2023-03-06T09:00:00+07:00",
    })));
    assert!(late.is_ok(), "{late:?}");
}

#[test]
fn applicant_texts_and_fees_follow_the_input_rules() {
    let r = parse_line(&line(
        json!({ "applicant_phone": "+84 912 345 678", "applicant_name": "  Trần Thị Bình " }),
    ))
    .unwrap();
    assert_eq!(r.applicant_phone.as_deref(), Some("0912345678"));
    assert_eq!(r.applicant_name, "Trần Thị Bình");
    let r = parse_line(&line(json!({ "applicant_phone": " " }))).unwrap();
    assert_eq!(r.applicant_phone, None);
    let cases = [
        (
            json!({ "applicant_name": "x".repeat(201) }),
            "applicant_name",
            "Họ tên dài quá 200 ký tự",
        ),
        (
            json!({ "applicant_name": "An\u{7}" }),
            "applicant_name",
            "Họ tên có ký tự điều khiển hoặc xuống dòng không được phép",
        ),
        (json!({ "applicant_phone": "12345" }), "applicant_phone", ""),
        (
            json!({ "fee_vnd": 1_000_000_001_u64 }),
            "fee_vnd",
            "Số tiền phí, lệ phí vượt quá 1.000.000.000 đồng",
        ),
    ];
    for (change, field, message) in cases {
        let e = parse_line(&line(change.clone())).unwrap_err();
        assert_eq!(e.field, field, "{change}");
        assert!(e.message.starts_with(message), "{change}: {}", e.message);
    }
    assert!(parse_line(&line(json!({ "fee_vnd": 1_000_000_000_u64 }))).is_ok());
}
