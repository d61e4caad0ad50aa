//! Input limits and formats through the API (docs/rules.md, «Dữ liệu nhập»), and exports of
//! stored texts longer than the limits.

use crate::both;
use crate::support::{Server, intake_body};
use axum::http::StatusCode;
use motcua_app::store::Store;
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Applicant, Channel, EventKind, IntakeInput, ReturnMethod, intake};
use motcua_domain::format::CUT_MARK;
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1};
use serde_json::json;

both!(
    a_too_long_address_is_refused_on_its_field,
    formats_and_control_characters_are_refused_on_their_field,
    a_body_over_the_limit_is_refused_as_json,
    action_texts_are_bounded,
    stored_texts_longer_than_the_limits_still_read_and_export,
);

async fn a_too_long_address_is_refused_on_its_field(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let mut body = intake_body(MARRIAGE);
    body["applicant"]["address"] = json!("x".repeat(1_900_000));
    let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", a.code());
    assert_eq!(a.code(), "too_long");
    assert_eq!(a.body["error"]["field"], "applicant.address");
    assert_eq!(a.body["error"]["message"], "Địa chỉ dài quá 500 ký tự");
    // 500 characters pass, whatever their bytes.
    body["applicant"]["address"] = json!("Đ".repeat(500));
    let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
}

async fn formats_and_control_characters_are_refused_on_their_field(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    for (field, value, code) in [
        ("phone", "0912 34", "invalid_phone"),
        ("id_number", "12345678", "invalid_id_number"),
        ("email", "an@vi-du", "invalid_email"),
        ("name", "Nguyễn\u{0}Văn An", "control_character"),
        ("name", " ", "required"),
    ] {
        let mut body = intake_body(MARRIAGE);
        body["applicant"][field] = json!(value);
        let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(a.code(), code, "{field}: {:?}", a.body);
        assert_eq!(a.body["error"]["field"], format!("applicant.{field}"));
    }
    // The international form is stored in the national one.
    let mut body = intake_body(MARRIAGE);
    body["applicant"]["phone"] = json!("+84 912 345 678");
    let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    assert_eq!(a.body["applicant"]["phone"], "0912345678");
}

async fn a_body_over_the_limit_is_refused_as_json(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let mut body = intake_body(MARRIAGE);
    body["applicant"]["address"] = json!("x".repeat(3_000_000));
    let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(a.code(), "payload_too_large");
}

async fn action_texts_are_bounded(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = s
        .act(
            &leader,
            &code,
            &json!({ "action": "stop", "reason": "x".repeat(2001) }),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (a.code(), &a.body["error"]["field"]),
        ("too_long", &json!("reason"))
    );
    assert_eq!(a.body["error"]["message"], "Lý do dài quá 2.000 ký tự");
    let a = s
        .act(
            &leader,
            &code,
            &json!({ "action": "stop", "reason": "Thiếu\u{1b}[2J" }),
        )
        .await;
    assert_eq!(a.code(), "control_character");
    let a = s
        .act(
            &leader,
            &code,
            &json!({ "action": "stop", "reason": "Người nộp đề nghị\r\ndừng" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
}

/// A dossier whose applicant has a name of 100.000 characters and an address of 1 MB, stored
/// directly (as a legacy system or an older version would have), at ward one on 25/11/2026.
async fn store_an_over_long_dossier(s: &Server) -> String {
    let f = &s.f;
    let procedures = f.store.procedures().await.unwrap();
    let procedure = procedures
        .iter()
        .find(|p| p.spec.code.as_str() == MARRIAGE)
        .unwrap();
    let (calendar, hours) = (WorkCalendar::ccvc(), OfficeHours::default());
    let ward = UnitCode::parse(WARD1).unwrap();
    let mut new = intake(
        IntakeInput {
            procedure,
            receiving_unit: ward.clone(),
            competent_unit: ward,
            applicant: Applicant {
                kind: motcua_domain::catalogue::ApplicantType::Citizen,
                name: "Tạm".into(),
                id_number: None,
                phone: Some("0912345678".into()),
                email: None,
                address: None,
            },
            channel: Channel::Desk,
            return_method: ReturnMethod::Desk,
            digitised: false,
            reused_data: false,
            receive_now: true,
            paid_at_desk: false,
        },
        f.now(),
        &DeadlineEngine::new(&calendar, &hours),
    )
    .unwrap();
    for event in &mut new.events {
        if let EventKind::Created { facts } = event {
            facts.applicant.name = format!("Nguyễn {}", "Đ".repeat(100_000));
            facts.applicant.address = Some("x".repeat(1_000_000));
        }
    }
    let stored = Store::insert_dossier(f.store.as_ref(), new, "tiep_nhan.w1", None)
        .await
        .unwrap();
    stored.dossier.code.to_string()
}

async fn stored_texts_longer_than_the_limits_still_read_and_export(backend: Backend) {
    let s = Server::new(backend).await;
    let code = store_an_over_long_dossier(&s).await;
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = s
        .get(&format!("/api/v1/dossiers/{code}"), Some(&leader))
        .await;
    assert_eq!(a.status, StatusCode::OK, "reading never checks stored data");
    let register = "/api/v1/reports/register?period=month:2026-12";
    let a = s
        .get(&format!("{register}&format=xlsx"), Some(&leader))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let a = s
        .get(&format!("{register}&format=pdf"), Some(&leader))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let a = s
        .get(&format!("{register}&format=csv"), Some(&leader))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let csv = a.body.as_str().unwrap();
    assert_eq!(csv.matches(CUT_MARK).count(), 2, "the name and the address");
    assert!(csv.len() < 200_000, "{}", csv.len());
    let a = s.get(register, Some(&leader)).await;
    assert_eq!(a.status, StatusCode::OK);
    let name = a.body["items"][0]["applicant"].as_str().unwrap();
    assert_eq!(name.chars().count(), 100_007, "JSON keeps the text whole");
}
