//! The 2025 organisation on both databases (docs/rules.md §2.2, §2.5): a merged unit refuses
//! intake and names its successor, reports of the successor may include its predecessors, and a
//! procedure not done regardless of residence is decided only by the receiving unit.

use chrono::NaiveDate;
use motcua_app::{IntakeRequest, ReportUnit};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Applicant, Channel, ReturnMethod};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Role;
use motcua_domain::stats::Period;
use motcua_testkit::{Backend, Fixture, MARRIAGE, PROVINCE, WARD1, WARD2, fixture};
use serde_json::json;

/// Đăng ký khai sinh, done only where the applicant lives (not regardless of residence).
const BIRTH: &str = "1.001193";

fn request(procedure: &str, receiving: &str, competent: Option<&str>) -> IntakeRequest {
    IntakeRequest {
        procedure_code: procedure.into(),
        receiving_unit: Some(UnitCode::parse(receiving).unwrap()),
        competent_unit: competent.map(|c| UnitCode::parse(c).unwrap()),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: "Phạm Văn Hòa".into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: None,
        },
        channel: Channel::Desk,
        return_method: ReturnMethod::Desk,
        digitised: false,
        reused_data: false,
        paid_at_desk: false,
    }
}

/// Ward two merged into ward one after 30/11/2026.
async fn merge_ward_two(f: &Fixture) {
    let file = json!({ "format": "motcua.units.v1", "units": [
        { "code": PROVINCE, "name": "Ủy ban nhân dân tỉnh Thử Nghiệm", "kind": "province",
          "parent": null },
        { "code": WARD2, "name": "Ủy ban nhân dân phường Hai", "kind": "ward", "parent": PROVINCE,
          "valid_to": "2026-11-30", "successor": WARD1 },
    ]});
    let loaded = f
        .app
        .import_units(&f.operator(), &file.to_string())
        .await
        .unwrap();
    assert_eq!(loaded, 2);
}

async fn a_merged_unit_refuses_intake_and_its_successor_reports_its_dossiers(backend: Backend) {
    let f = fixture(backend).await;
    let desk1 = f.caller(Role::TiepNhan, WARD1);
    let desk2 = f.caller(Role::TiepNhan, WARD2);
    for (desk, unit) in [(&desk1, WARD1), (&desk2, WARD2)] {
        f.app
            .intake(desk, request(MARRIAGE, unit, None), None)
            .await
            .unwrap();
    }
    merge_ward_two(&f).await;
    f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
    let err = f
        .app
        .intake(&desk2, request(MARRIAGE, WARD2, None), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unit_closed");
    assert_eq!(
        err.to_string(),
        "Đơn vị Ủy ban nhân dân phường Hai đã ngừng hoạt động từ 01/12/2026; tiếp nhận tại Ủy ban \
         nhân dân phường Một (T01.W1)"
    );
    // Ward two no longer decides either.
    let err = f
        .app
        .intake(&desk1, request(MARRIAGE, WARD1, Some(WARD2)), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "competent_unit_not_allowed");

    let leader = f.caller(Role::LanhDao, WARD1);
    let november = Period::range(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    )
    .unwrap();
    let ward1 = || Some(UnitCode::parse(WARD1).unwrap());
    let own = f.app.register(&leader, november, ward1()).await.unwrap();
    assert_eq!(own.rows.len(), 1);
    let merged = ReportUnit {
        unit: ward1(),
        with_predecessors: true,
    };
    let all = f
        .app
        .register(&leader, november, merged.clone())
        .await
        .unwrap();
    let codes: Vec<&str> = all.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["T01.W1-261125-0001", "T01.W2-261125-0001"]);
    let tthc = f.app.report_tthc(&leader, november, merged).await.unwrap();
    let units: Vec<&str> = tthc.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(units, [WARD1, WARD2]);
    assert_eq!(tthc.report.total.received_total(), 2);
    let alone = f.app.report_tthc(&leader, november, ward1()).await.unwrap();
    assert_eq!(alone.report.total.received_total(), 1);
}

async fn only_a_procedure_done_regardless_of_residence_goes_to_another_unit(backend: Backend) {
    let f = fixture(backend).await;
    let step = |name: &str, role: &str, minutes: u32| json!({ "name": name, "role": role, "budget_minutes": minutes });
    let catalogue = json!({ "format": "motcua.procedures.v1", "procedures": [{
        "code": BIRTH, "name": "Đăng ký khai sinh", "field": "Hộ tịch", "level": "commune",
        "legal_bases": ["Luật Hộ tịch 2014"],
        "decision": { "number": "1/QĐ-UBND", "date": "2025-07-01" },
        "effective_from": "2025-07-01", "time_limit": { "unit": "working_days", "amount": 3 },
        "published_time_limit": null,
        "components": [{ "name": "Tờ khai", "originals": 1, "copies": 0, "required": true }],
        "applicant_types": ["citizen"], "fees": [], "result": "Giấy khai sinh",
        "online_level": "partial", "regardless_of_residence": false,
        "payment_pause_allowed": false,
        "steps": [step("Thẩm định hồ sơ", "chuyen_vien", 900), step("Phê duyệt", "lanh_dao", 450)],
    }]});
    f.app
        .import_procedures(&f.operator(), &catalogue.to_string())
        .await
        .unwrap();
    let desk = f.caller(Role::TiepNhan, WARD1);
    let err = f
        .app
        .intake(&desk, request(BIRTH, WARD1, Some(WARD2)), None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "competent_unit_not_allowed");
    assert_eq!(
        err.to_string(),
        "đơn vị T01.W2 không giải quyết thủ tục 1.001193 nhận tại T01.W1; chọn một trong: Ủy ban \
         nhân dân phường Một (T01.W1)"
    );
    let own = f
        .app
        .intake(&desk, request(BIRTH, WARD1, None), None)
        .await
        .unwrap();
    assert_eq!(own.dossier.facts.competent_unit.as_str(), WARD1);
    let choices = f
        .app
        .competent_choices(&desk, BIRTH, &UnitCode::parse(WARD1).unwrap())
        .await
        .unwrap();
    let codes: Vec<&str> = choices.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, [WARD1]);
    // The same desk sends a marriage (done regardless of residence) to ward two.
    let other = f
        .app
        .intake(&desk, request(MARRIAGE, WARD1, Some(WARD2)), None)
        .await
        .unwrap();
    assert_eq!(other.dossier.facts.competent_unit.as_str(), WARD2);
}

#[tokio::test]
async fn org_sqlite() {
    a_merged_unit_refuses_intake_and_its_successor_reports_its_dossiers(Backend::Sqlite).await;
    only_a_procedure_done_regardless_of_residence_goes_to_another_unit(Backend::Sqlite).await;
}

#[tokio::test]
async fn org_postgres() {
    a_merged_unit_refuses_intake_and_its_successor_reports_its_dossiers(Backend::Postgres).await;
    only_a_procedure_done_regardless_of_residence_goes_to_another_unit(Backend::Postgres).await;
}
