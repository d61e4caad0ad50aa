//! Sign-in throttling per (client address, user name) and per address, never per user name
//! alone; the client address behind trusted reverse proxies only; honest `Retry-After`.

use crate::support::{LOGIN_ATTEMPTS, Server};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, WARD1, password, username};
use motcua_web::WebConfig;
use motcua_web::auth::TrustedProxies;
use serde_json::json;

/// A token request for the user holding `role` at ward 1, from `peer`, with an
/// `X-Forwarded-For` header if given.
fn sign_in(peer: &str, forwarded: Option<&str>, role: Role, pw: &str) -> Request<Body> {
    let body = json!({ "username": username(role, WARD1), "password": pw });
    let mut req = Server::request(
        axum::http::Method::POST,
        "/api/v1/auth/token",
        None,
        Some(&body),
    );
    if let Some(f) = forwarded {
        req.headers_mut()
            .insert("x-forwarded-for", f.parse().unwrap());
    }
    Server::from_peer(req, peer)
}

fn behind_proxy() -> WebConfig {
    WebConfig {
        login_attempts: LOGIN_ATTEMPTS,
        trusted_proxies: TrustedProxies::parse(["10.0.0.0/8"]).unwrap(),
        ..WebConfig::default()
    }
}

#[tokio::test]
async fn fifty_failures_from_one_address_leave_the_user_free_elsewhere() {
    let s = Server::new(Backend::Sqlite).await;
    let attacker = "203.0.113.9";
    let mut statuses = Vec::new();
    for _ in 0..50 {
        let a = s
            .send(sign_in(attacker, None, Role::LanhDao, "sai-mat-khau-1"))
            .await;
        statuses.push(a.status);
    }
    let allowed = LOGIN_ATTEMPTS as usize;
    assert!(
        statuses[..allowed]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED)
    );
    assert!(
        statuses[allowed..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS)
    );
    // The attacker's address waits one second after its third failure, even with the right
    // password, and is told so.
    let right = password(Role::LanhDao);
    let a = s.send(sign_in(attacker, None, Role::LanhDao, &right)).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::TOO_MANY_REQUESTS, "rate_limited")
    );
    assert_eq!(a.headers["retry-after"], "1");
    assert_eq!(
        a.body["error"]["message"],
        "Quá nhiều lần thử; vui lòng thử lại sau 1 giây"
    );
    // The user at their own desk signs in at once.
    let a = s
        .send(sign_in("198.51.100.20", None, Role::LanhDao, &right))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
}

#[tokio::test]
async fn forwarded_addresses_count_only_from_a_trusted_proxy() {
    let s = Server::with_config(Backend::Sqlite, behind_proxy()).await;
    let right = password(Role::LanhDao);
    // A client that is not a proxy claims a new address on every try: counted by its own.
    for i in 0..LOGIN_ATTEMPTS {
        let claim = format!("203.0.113.{i}");
        let a = s
            .send(sign_in("198.51.100.7", Some(&claim), Role::LanhDao, "sai"))
            .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    }
    let a = s
        .send(sign_in(
            "198.51.100.7",
            Some("203.0.113.99"),
            Role::LanhDao,
            &right,
        ))
        .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);

    // Behind the proxy, each client is counted by the address the proxy forwarded (the hop it
    // added, not what the client wrote before it).
    for _ in 0..LOGIN_ATTEMPTS {
        let a = s
            .send(sign_in(
                "10.0.0.2",
                Some("6.6.6.6, 203.0.113.50"),
                Role::TiepNhan,
                "sai",
            ))
            .await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    }
    let right = password(Role::TiepNhan);
    let a = s
        .send(sign_in(
            "10.0.0.3",
            Some("203.0.113.50"),
            Role::TiepNhan,
            &right,
        ))
        .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    let a = s
        .send(sign_in(
            "10.0.0.2",
            Some("6.6.6.6, 203.0.113.51"),
            Role::TiepNhan,
            &right,
        ))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
}

#[tokio::test]
async fn the_citizen_look_up_counts_the_forwarded_client_and_says_how_long_to_wait() {
    let s = Server::with_config(Backend::Sqlite, behind_proxy()).await;
    let lookup = |client: &str| {
        let req = Server::request(
            axum::http::Method::GET,
            "/api/v1/public/dossiers/000.00.00.H99-261125-0001?phone=0912345678",
            None,
            None,
        );
        let mut req = Server::from_peer(req, "10.0.0.2");
        req.headers_mut()
            .insert("x-forwarded-for", client.parse().unwrap());
        req
    };
    for _ in 0..motcua_web::state::LOOKUPS_PER_MINUTE {
        let a = s.send(lookup("203.0.113.60")).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
    }
    let a = s.send(lookup("203.0.113.60")).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let a = s.send(lookup("203.0.113.61")).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}
