//! History import on both databases: codes kept, sequences raised, duplicates refused.

use motcua_app::{AppError, HistoryOptions, IntakeRequest};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Applicant, Channel, ReturnMethod, Status};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1, WARD2, fixture};
use serde_json::json;

fn line(seq: u32) -> String {
    json!({
        "code": format!("{WARD1}-261125-{seq:04}"),
        "procedure_code": MARRIAGE,
        "receiving_unit": WARD1,
        "channel": "direct",
        "applicant_name": "Lê Văn Cũ",
        "applicant_phone": "0900000001",
        "received_at": "2026-11-25T08:00:00+07:00",
        "due_at": "2026-11-30T08:00:00+07:00",
        "ended_at": null,
        "outcome": null
    })
    .to_string()
}

async fn history_import(backend: Backend) {
    let f = fixture(backend).await;
    let text = [line(1), line(7)].join("\n");
    let report = f
        .app
        .import_history(
            &f.operator(),
            text.as_bytes(),
            HistoryOptions::default(),
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(report.imported, 2);
    let desk = f.caller(Role::TiepNhan, WARD1);
    let view = f
        .app
        .dossier(&desk, &format!("{WARD1}-261125-0007"))
        .await
        .unwrap();
    assert_eq!(view.dossier.status, Status::Received);
    assert!(
        view.explanation.is_none(),
        "imported due dates are not recomputed"
    );
    // A new intake the same day continues after the highest imported number.
    let new = f
        .app
        .intake(
            &desk,
            IntakeRequest {
                procedure_code: MARRIAGE.into(),
                receiving_unit: None,
                competent_unit: None,
                applicant: Applicant {
                    kind: ApplicantType::Citizen,
                    name: "Mới".into(),
                    id_number: None,
                    phone: Some("0900000002".into()),
                    email: None,
                    address: None,
                },
                channel: Channel::Desk,
                return_method: ReturnMethod::Desk,
                digitised: false,
                reused_data: false,
                paid_at_desk: false,
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(new.dossier.code.as_str(), format!("{WARD1}-261125-0008"));
    let again = f
        .app
        .import_history(
            &f.operator(),
            line(1).as_bytes(),
            HistoryOptions::default(),
            |_, _| {},
        )
        .await;
    let Err(AppError::History(errors)) = again else {
        panic!("a second import of the same code must be refused");
    };
    assert_eq!(errors[0].0, 1);
    assert!(errors[0].1.message.contains("đã có trong hệ thống"));
    assert!(
        f.store
            .sequences(&UnitCode::parse(WARD1).unwrap())
            .await
            .unwrap()[0]
            .1
            >= 8
    );
}

/// Line 2 is not UTF-8, line 3's code belongs to another unit, line 4's code has another date,
/// line 5's fee is out of range: each is that line's error, named by its number and field.
async fn bad_lines_are_named_by_number_and_field(backend: Backend) {
    let f = fixture(backend).await;
    let mut file = format!("{}\n", line(1)).into_bytes();
    file.extend_from_slice(b"{\"applicant_name\": \"L\xEA V\xE3n\"}\r\n");
    let with = |key: &str, value: serde_json::Value, seq: u32| {
        let mut v: serde_json::Value = serde_json::from_str(&line(seq)).unwrap();
        v[key] = value;
        format!("{v}\n")
    };
    file.extend(with("code", json!(format!("{WARD2}-261125-0003")), 3).into_bytes());
    file.extend(with("code", json!(format!("{WARD1}-261124-0004")), 4).into_bytes());
    file.extend(with("fee_vnd", json!(5_000_000_000_u64), 5).into_bytes());
    let Err(AppError::History(errors)) = f
        .app
        .import_history(&f.operator(), &file, HistoryOptions::default(), |_, _| {})
        .await
    else {
        panic!("a file with bad lines is refused");
    };
    let found: Vec<(usize, &str)> = errors.iter().map(|(n, e)| (*n, e.field.as_str())).collect();
    assert_eq!(found, [(2, "-"), (3, "code"), (4, "code"), (5, "fee_vnd")]);
    assert!(errors[0].1.message.contains("UTF-8"), "{}", errors[0].1);
    let options = HistoryOptions {
        skip_invalid: true,
        ..HistoryOptions::default()
    };
    let report = f
        .app
        .import_history(&f.operator(), &file, options, |_, _| {})
        .await
        .unwrap();
    assert_eq!((report.imported, report.skipped.len()), (1, 4));
}

#[tokio::test]
async fn bad_lines_are_named_sqlite() {
    bad_lines_are_named_by_number_and_field(Backend::Sqlite).await;
}

#[tokio::test]
async fn bad_lines_are_named_postgres() {
    bad_lines_are_named_by_number_and_field(Backend::Postgres).await;
}

#[tokio::test]
async fn history_import_sqlite() {
    history_import(Backend::Sqlite).await;
}

#[tokio::test]
async fn history_import_postgres() {
    history_import(Backend::Postgres).await;
}
