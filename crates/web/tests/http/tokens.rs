//! API tokens: sign in, wrong passwords, the rate limit and revocation.

use crate::both;
use crate::support::{LOGIN_ATTEMPTS, Server};
use axum::http::StatusCode;
use motcua_domain::org::Role;
use motcua_domain::time::rfc3339;
use motcua_testkit::{Backend, WARD1, password, start, username};
use serde_json::json;

both!(
    a_token_signs_in_and_expires_in_thirty_days,
    wrong_passwords_and_missing_tokens_are_unauthorized,
    failures_beyond_the_limit_are_refused_with_429,
    logout_revokes_the_token,
);

fn credentials(role: Role, pw: &str) -> serde_json::Value {
    json!({ "username": username(role, WARD1), "password": pw })
}

async fn a_token_signs_in_and_expires_in_thirty_days(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s
        .post(
            "/api/v1/auth/token",
            None,
            &credentials(Role::TiepNhan, &password(Role::TiepNhan)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["token_type"], "Bearer");
    assert_eq!(
        a.body["expires_at"],
        rfc3339(start() + chrono::Duration::days(30))
    );
    let token = a.body["token"].as_str().unwrap();
    assert_eq!(
        s.get("/api/v1/dossiers", Some(token)).await.status,
        StatusCode::OK
    );
}

async fn wrong_passwords_and_missing_tokens_are_unauthorized(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s
        .post(
            "/api/v1/auth/token",
            None,
            &credentials(Role::TiepNhan, "sai-mat-khau-1"),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNAUTHORIZED, "unauthorized")
    );
    assert_eq!(
        a.body["error"]["message"],
        "Tên đăng nhập hoặc mật khẩu không đúng"
    );
    let a = s
        .post(
            "/api/v1/auth/token",
            None,
            &json!({ "username": "khong.co", "password": "x" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    for token in [None, Some("not-a-token")] {
        let a = s.get("/api/v1/dossiers", token).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::UNAUTHORIZED, "unauthorized"),
            "{token:?}"
        );
    }
}

async fn failures_beyond_the_limit_are_refused_with_429(backend: Backend) {
    let s = Server::new(backend).await;
    for _ in 0..LOGIN_ATTEMPTS {
        let a = s
            .post(
                "/api/v1/auth/token",
                None,
                &credentials(Role::LanhDao, "sai-mat-khau-1"),
            )
            .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits: one second after the last allowed failure.
    let a = s
        .post(
            "/api/v1/auth/token",
            None,
            &credentials(Role::LanhDao, &password(Role::LanhDao)),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
    assert_eq!(a.headers["retry-after"], "1");
    // Other users are not locked out by one user's failures.
    s.token(Role::TiepNhan, WARD1).await;
}

async fn logout_revokes_the_token(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let a = s
        .post("/api/v1/auth/logout", Some(&token), &json!({}))
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}
