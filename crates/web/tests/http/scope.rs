//! The holes of the security review, closed: idempotency keys cannot cross users or channels,
//! a ward administrator cannot change the province's calendar, and the desk cannot send a
//! dossier to a unit the catalogue does not allow.

use crate::both;
use crate::support::{Server, intake_body};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, DEPARTMENT, MARRIAGE, PROVINCE, WARD1, WARD2};
use serde_json::{Value, json};

both!(
    another_users_key_never_replays_their_dossier,
    the_same_key_with_another_body_is_refused,
    a_ward_administrator_cannot_change_the_shared_calendar,
    the_competent_unit_must_be_allowed_by_the_catalogue,
);

fn with_key(token: &str, key: &str, body: &Value) -> Request<Body> {
    Request::post("/api/v1/dossiers")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn another_users_key_never_replays_their_dossier(backend: Backend) {
    let s = Server::new(backend).await;
    let w1 = s.token(Role::TiepNhan, WARD1).await;
    let w2 = s.token(Role::TiepNhan, WARD2).await;
    let body = intake_body(MARRIAGE);
    let mine = s.send(with_key(&w1, "trang:tiep_nhan.w1:1", &body)).await;
    assert_eq!(mine.status, StatusCode::CREATED, "{:?}", mine.body);
    let theirs = s.send(with_key(&w2, "trang:tiep_nhan.w1:1", &body)).await;
    assert_eq!(theirs.status, StatusCode::CREATED, "{:?}", theirs.body);
    assert_ne!(theirs.body["code"], mine.body["code"]);
    assert!(theirs.body["code"].as_str().unwrap().starts_with(WARD2));
}

async fn the_same_key_with_another_body_is_refused(backend: Backend) {
    let s = Server::new(backend).await;
    let w1 = s.token(Role::TiepNhan, WARD1).await;
    let first = s.send(with_key(&w1, "k", &intake_body(MARRIAGE))).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut other = intake_body(MARRIAGE);
    other["applicant"]["name"] = json!("Người Khác");
    let again = s.send(with_key(&w1, "k", &other)).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        again.body
    );
    assert_eq!(again.code(), "idempotency_key_reused");
    let bad = s.send(with_key(&w1, "khóa có dấu", &other)).await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        bad.body
    );
    assert_eq!(bad.code(), "invalid_idempotency_key");
}

async fn a_ward_administrator_cannot_change_the_shared_calendar(backend: Backend) {
    let s = Server::new(backend).await;
    s.intake(WARD2).await;
    let change = json!({
        "calendar": "ccvc", "date": "2026-11-27", "kind": "holiday",
        "reason": "Nghỉ bổ sung", "reference": "Công văn 1/VPCP"
    });
    let ward_admin = s.token(Role::QuanTri, WARD1).await;
    let a = s
        .post("/api/v1/calendar/days", Some(&ward_admin), &change)
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{:?}", a.body);
    let admin = s.token(Role::QuanTri, PROVINCE).await;
    let mut year_zero = change.clone();
    year_zero["date"] = json!("0000-01-01");
    let a = s
        .post("/api/v1/calendar/days", Some(&admin), &year_zero)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", a.body);
    assert_eq!(a.code(), "date_out_of_range");
    let mut unknown = change.clone();
    unknown["calendar"] = json!("khong-co");
    let a = s
        .post("/api/v1/calendar/days", Some(&admin), &unknown)
        .await;
    assert_eq!(a.code(), "unknown_calendar");
    let a = s.post("/api/v1/calendar/days", Some(&admin), &change).await;
    assert_eq!(a.status, StatusCode::ACCEPTED, "{:?}", a.body);
}

async fn the_competent_unit_must_be_allowed_by_the_catalogue(backend: Backend) {
    let s = Server::new(backend).await;
    let w1 = s.token(Role::TiepNhan, WARD1).await;
    let mut body = intake_body(MARRIAGE);
    body["competent_unit"] = json!(DEPARTMENT);
    let a = s.post("/api/v1/dossiers", Some(&w1), &body).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", a.body);
    assert_eq!(a.code(), "competent_unit_not_allowed");
    assert_eq!(a.body["error"]["field"], "competent_unit");
}
