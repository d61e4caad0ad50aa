//! Intake, idempotent retries, lists and the dossier detail.

use crate::both;
use crate::support::{Server, intake_body};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1, WARD2};
use serde_json::Value;

both!(
    intake_gives_a_code_a_due_date_and_a_receipt,
    intake_needs_the_desk_role_and_a_known_procedure,
    a_retry_with_the_same_idempotency_key_gives_one_dossier,
    lists_are_paged_filtered_and_scoped_to_the_units,
    the_detail_has_events_and_the_explanation,
);

async fn intake_gives_a_code_a_due_date_and_a_receipt(backend: Backend) {
    let s = Server::new(backend).await;
    let d = s.intake(WARD1).await;
    assert_eq!(d["code"], "T01.W1-261125-0001");
    assert_eq!(d["status"], "received");
    assert_eq!(d["status_label"], "Đã tiếp nhận");
    assert_eq!(d["received_at"], "2026-11-25T09:00:00+07:00");
    // Three working days from Wednesday 09:00: Thursday, Friday, Monday.
    assert_eq!(d["due_at"], "2026-11-30T09:00:00+07:00");
    assert_eq!(d["receipt"]["code"], d["code"]);
    assert_eq!(d["receipt"]["appointment"], d["due_at"]);
    assert_eq!(d["receipt"]["total_fee"], 0);
    assert_eq!(d["applicant"]["name"], "Nguyễn Văn An");
    assert_eq!(s.intake(WARD1).await["code"], "T01.W1-261125-0002");
    assert_eq!(s.intake(WARD2).await["code"], "T01.W2-261125-0001");
}

async fn intake_needs_the_desk_role_and_a_known_procedure(backend: Backend) {
    let s = Server::new(backend).await;
    let specialist = s.token(Role::ChuyenVien, WARD1).await;
    let a = s
        .post(
            "/api/v1/dossiers",
            Some(&specialist),
            &intake_body(MARRIAGE),
        )
        .await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let a = s
        .post("/api/v1/dossiers", Some(&desk), &intake_body("1.999999"))
        .await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
    let mut other_unit = intake_body(MARRIAGE);
    other_unit["receiving_unit"] = WARD2.into();
    let a = s.post("/api/v1/dossiers", Some(&desk), &other_unit).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

async fn a_retry_with_the_same_idempotency_key_gives_one_dossier(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let send = |key: &'static str| {
        Request::post("/api/v1/dossiers")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(intake_body(MARRIAGE).to_string()))
            .unwrap()
    };
    let first = s.send(send("k-1")).await;
    let again = s.send(send("k-1")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(first.body["code"], again.body["code"]);
    let other = s.send(send("k-2")).await;
    assert_eq!(other.body["code"], "T01.W1-261125-0002");
    let list = s.get("/api/v1/dossiers", Some(&token)).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
}

async fn lists_are_paged_filtered_and_scoped_to_the_units(backend: Backend) {
    let s = Server::new(backend).await;
    for _ in 0..3 {
        s.intake(WARD1).await;
        s.f.advance(chrono::Duration::minutes(5));
    }
    s.intake(WARD2).await;
    let leader = s.token(Role::LanhDao, WARD1).await;
    let page1 = s.get("/api/v1/dossiers?limit=2", Some(&leader)).await;
    assert_eq!(page1.status, StatusCode::OK);
    let codes = |a: &crate::support::Answer| -> Vec<String> {
        a.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&page1), ["T01.W1-261125-0003", "T01.W1-261125-0002"]);
    let next = page1.body["next"].as_str().unwrap();
    let page2 = s
        .get(
            &format!("/api/v1/dossiers?limit=2&after={next}"),
            Some(&leader),
        )
        .await;
    assert_eq!(codes(&page2), ["T01.W1-261125-0001"]);
    assert_eq!(page2.body["next"], Value::Null);

    let open = s
        .get("/api/v1/dossiers?open=true&status=received", Some(&leader))
        .await;
    assert_eq!(codes(&open).len(), 3);
    let returned = s
        .get("/api/v1/dossiers?status=returned", Some(&leader))
        .await;
    assert!(codes(&returned).is_empty());
    let due = s
        .get(
            "/api/v1/dossiers?due_before=2026-11-30T09:02:00%2B07:00",
            Some(&leader),
        )
        .await;
    assert_eq!(codes(&due), ["T01.W1-261125-0001"]);
    let province = s.token(Role::LanhDao, motcua_testkit::PROVINCE).await;
    assert_eq!(
        codes(&s.get("/api/v1/dossiers", Some(&province)).await).len(),
        4
    );

    for bad in [
        "status=xyz",
        "limit=0",
        "after=zz",
        "open=maybe",
        "due_before=hom-nay",
        "colour=red",
    ] {
        let a = s
            .get(&format!("/api/v1/dossiers?{bad}"), Some(&leader))
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, "invalid_parameter"),
            "{bad}"
        );
    }
}

async fn the_detail_has_events_and_the_explanation(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let token = s.token(Role::ChuyenVien, WARD1).await;
    let a = s
        .get(&format!("/api/v1/dossiers/{code}"), Some(&token))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let events = a.body["events"].as_array().unwrap();
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["created", "received"]);
    assert_eq!(events[1]["seq"], 2);
    assert_eq!(events[1]["label"], "Tiếp nhận hồ sơ");
    assert_eq!(events[1]["actor"], "tiep_nhan.w1");
    assert_eq!(events[1]["at"], "2026-11-25T09:00:00+07:00");
    assert_eq!(events[1]["details"]["due_at"], "2026-11-30T09:00:00+07:00");
    let explanation = &a.body["explanation"];
    assert_eq!(explanation["due"], "2026-11-30T09:00:00+07:00");
    assert_eq!(explanation["limit"]["unit"], "working_days");
    assert!(!a.body["explanation_text"].as_array().unwrap().is_empty());
    assert_no_naive_instants(&a.body);
    let a = s
        .get("/api/v1/dossiers/T01.W1-261125-0099", Some(&token))
        .await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
}

/// Every date-time string carries the +07:00 offset.
fn assert_no_naive_instants(v: &Value) {
    match v {
        Value::String(s) => {
            let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").is_ok();
            assert!(!naive, "naive instant {s}");
        }
        Value::Array(items) => items.iter().for_each(assert_no_naive_instants),
        Value::Object(map) => map.values().for_each(assert_no_naive_instants),
        _ => {}
    }
}
