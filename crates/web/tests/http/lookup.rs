//! The citizen's look-up: right factor, wrong factor, nothing personal, rate limit.

use crate::both;
use crate::support::Server;
use axum::http::StatusCode;
use motcua_testkit::{Backend, WARD1};
use std::collections::BTreeSet;

both!(
    the_right_phone_or_id_number_shows_the_status_only,
    a_wrong_factor_and_an_unknown_code_give_the_same_404,
    look_ups_are_rate_limited_per_address,
);

async fn the_right_phone_or_id_number_shows_the_status_only(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    for query in [
        "phone=0912345678",
        "phone=0912%20345%20678",
        // Written the international way, the number finds the dossier filed as 0912 345 678.
        "phone=%2B84%20912%20345%20678",
        "phone=84912345678",
        "phone=%2B84%20(0)%20912.345.678",
        "id_number=001090012345",
    ] {
        let a = s
            .get(&format!("/api/v1/public/dossiers/{code}?{query}"), None)
            .await;
        assert_eq!(a.status, StatusCode::OK, "{query}: {:?}", a.body);
        assert_eq!(a.body["status"], "received");
        assert_eq!(a.body["status_label"], "Đã tiếp nhận");
        assert_eq!(a.body["due_at"], "2026-11-30T09:00:00+07:00");
        let keys: BTreeSet<&str> = a
            .body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let expected = [
            "code",
            "procedure_name",
            "status",
            "status_label",
            "received_at",
            "due_at",
            "rescheduled",
            "summary",
            "returned_at",
        ];
        assert_eq!(keys, expected.into_iter().collect());
        let text = a.body.to_string();
        assert!(
            !text.contains("Nguyễn") && !text.contains("0912") && !text.contains("Trần Hưng Đạo")
        );
    }
}

async fn a_wrong_factor_and_an_unknown_code_give_the_same_404(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let wrong = s
        .get(
            &format!("/api/v1/public/dossiers/{code}?phone=0987654321"),
            None,
        )
        .await;
    let unknown = s
        .get(
            "/api/v1/public/dossiers/T01.W1-261125-0042?phone=0912345678",
            None,
        )
        .await;
    let garbage = s
        .get(
            "/api/v1/public/dossiers/khong-phai-ma?phone=0912345678",
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(wrong.body, unknown.body);
    // Text that cannot be a code reveals nothing: it is refused as a malformed parameter.
    assert_eq!(
        (garbage.status, garbage.code()),
        (StatusCode::BAD_REQUEST, "invalid_parameter")
    );
    let missing = s
        .get(&format!("/api/v1/public/dossiers/{code}"), None)
        .await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_second_factor")
    );
}

async fn look_ups_are_rate_limited_per_address(backend: Backend) {
    let s = Server::new(backend).await;
    let uri = "/api/v1/public/dossiers/T01.W1-261125-0001?phone=0912345678";
    for _ in 0..motcua_web::state::LOOKUPS_PER_MINUTE {
        assert_eq!(s.get(uri, None).await.status, StatusCode::NOT_FOUND);
    }
    let a = s.get(uri, None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
}
