//! An online submission through the API: numbered in its own series, given its code by the
//! reception, found by either (docs/rules.md §6.5).

use crate::both;
use crate::support::Server;
use axum::http::StatusCode;
use chrono::Duration;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1};
use serde_json::json;

both!(an_online_submission_accepted_days_later_has_the_reception_date_in_its_code,);

async fn an_online_submission_accepted_days_later_has_the_reception_date_in_its_code(
    backend: Backend,
) {
    let s = Server::new(backend).await;
    // Wednesday 25/11/2026: submitted online; one desk dossier the same day.
    let number = s.f.submit_online(WARD1, MARRIAGE).await;
    assert_eq!(number, format!("{WARD1}-261125-TT0001"));
    let desk = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    assert_eq!(desk, format!("{WARD1}-261125-0001"));
    let token = s.token(Role::TiepNhan, WARD1).await;
    let a = s
        .get(&format!("/api/v1/dossiers/{number}"), Some(&token))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["status"], "submitted");
    assert_eq!(a.body["submission_number"], json!(null));

    // Friday 27/11/2026: the desk accepts it.
    s.f.advance(Duration::days(2));
    let a = s.act(&token, &number, &json!({ "action": "accept" })).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let code = format!("{WARD1}-261127-0001");
    assert_eq!(a.body["code"], code.as_str());
    assert_eq!(a.body["submission_number"], number.as_str());
    assert_eq!(a.body["receipt"]["code"], code.as_str());
    let received = a.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "received")
        .unwrap();
    assert_eq!(received["details"]["code"], code.as_str());

    // Both numbers find it, for staff and for the citizen.
    for key in [&code, &number] {
        let a = s
            .get(&format!("/api/v1/dossiers/{key}"), Some(&token))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{key}: {:?}", a.body);
        assert_eq!(a.body["code"], code.as_str());
        let a = s
            .get(
                &format!("/api/v1/public/dossiers/{key}?phone=0912345678"),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{key}: {:?}", a.body);
        assert_eq!(a.body["status"], "received");
    }
    // The next desk dossier that Friday follows it.
    let next = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    assert_eq!(next, format!("{WARD1}-261127-0002"));
}
