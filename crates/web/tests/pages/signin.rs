//! The sign-in form's own CSRF token, one browser session per user, and signing out with the
//! API tokens.

use crate::site::{Session, Site};
use axum::http::StatusCode;
use motcua_app::SessionKind;
use motcua_domain::org::Role;
use motcua_testkit::{WARD1, password, username};
use motcua_web::WebConfig;

fn credentials() -> (String, String) {
    (username(Role::TiepNhan, WARD1), password(Role::TiepNhan))
}

#[tokio::test]
async fn the_sign_in_form_carries_a_token_in_a_strict_short_cookie() {
    let site = Site::new().await;
    let page = site.get("/dang-nhap", None).await;
    let cookie = page.cookie_named("motcua_login").unwrap();
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/dang-nhap",
        "Max-Age=7200",
    ] {
        assert!(cookie.contains(part), "{part}: {cookie}");
    }
    let (name, pw) = credentials();
    let page = site
        .sign_in(&[("username", &name), ("password", &pw), ("next", "/can-bo")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.cookie_named("motcua_session").is_some());
    let used = page.cookie_named("motcua_login").unwrap();
    assert!(
        used.contains("Max-Age=0"),
        "the form's token is spent: {used}"
    );
}

/// The attributes of a `Set-Cookie` value after its name and value, sorted.
fn attributes(set_cookie: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = set_cookie.split("; ").skip(1).collect();
    parts.sort_unstable();
    parts
}

#[tokio::test]
async fn every_cookie_is_secure_behind_https_and_keeps_its_attributes() {
    let site = Site::with_config(WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    })
    .await;
    let form = site.get("/dang-nhap", None).await;
    let login = form.cookie_named("motcua_login").unwrap();
    assert_eq!(
        attributes(login),
        [
            "HttpOnly",
            "Max-Age=7200",
            "Path=/dang-nhap",
            "SameSite=Strict",
            "Secure"
        ]
    );
    let (name, pw) = credentials();
    let page = site
        .sign_in(&[("username", &name), ("password", &pw), ("next", "/can-bo")])
        .await;
    let session = page.cookie_named("motcua_session").unwrap();
    assert_eq!(
        attributes(session),
        [
            "HttpOnly",
            "Max-Age=28800",
            "Path=/",
            "SameSite=Lax",
            "Secure"
        ]
    );
    let spent = page.cookie_named("motcua_login").unwrap();
    assert!(spent.starts_with("motcua_login=; "), "{spent}");
    assert_eq!(
        attributes(spent),
        [
            "HttpOnly",
            "Max-Age=0",
            "Path=/dang-nhap",
            "SameSite=Strict",
            "Secure"
        ]
    );
    let browser = Session {
        cookie: session.split(';').next().unwrap().to_owned(),
        csrf: String::new(),
    };
    let home = site.get("/can-bo", Some(&browser)).await;
    let csrf = crate::site::hidden(&home.body, "csrf_token").unwrap();
    let out = site
        .post("/dang-xuat", Some(&browser), &[("csrf_token", &csrf)])
        .await;
    let cleared = out.cookie_named("motcua_session").unwrap();
    assert_eq!(
        attributes(cleared),
        ["HttpOnly", "Max-Age=0", "Path=/", "SameSite=Lax", "Secure"]
    );
    // Without HTTPS, the same attributes but Secure.
    let plain = Site::new().await.get("/dang-nhap", None).await;
    assert_eq!(
        attributes(plain.cookie_named("motcua_login").unwrap()),
        [
            "HttpOnly",
            "Max-Age=7200",
            "Path=/dang-nhap",
            "SameSite=Strict"
        ]
    );
}

/// Another site cannot sign a visitor in to an account of its choosing: its form carries no
/// token matching the visitor's cookie (it can neither read nor set that cookie).
#[tokio::test]
async fn a_sign_in_without_the_forms_token_is_refused() {
    let site = Site::new().await;
    let (name, pw) = credentials();
    let fields = [
        ("username", name.as_str()),
        ("password", &pw),
        ("next", "/can-bo"),
    ];
    // A cross-site form: no cookie, with or without a token of the attacker's own.
    let (attacker_token, _) = site.login_token().await;
    let mut with_token = fields.to_vec();
    with_token.push(("login_token", &attacker_token));
    let (_, visitor_cookie) = site.login_token().await;
    let visitor = Session {
        cookie: visitor_cookie,
        csrf: String::new(),
    };
    for (session, fields) in [
        (None, fields.to_vec()),
        (None, with_token.clone()),
        (Some(&visitor), with_token),
        (Some(&visitor), fields.to_vec()),
    ] {
        let page = site.post("/dang-nhap", session, &fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(
            page.body
                .contains("Biểu mẫu đăng nhập đã hết hạn hoặc không hợp lệ"),
            "{}",
            page.body
        );
        assert_eq!(page.cookie_named("motcua_session"), None);
        assert!(page.cookie_named("motcua_login").is_some(), "a fresh form");
    }
}

#[tokio::test]
async fn a_new_sign_in_ends_the_previous_browser_session_but_not_api_tokens() {
    let site = Site::new().await;
    let actor = site.f.actor(Role::TiepNhan, WARD1);
    let token = site
        .f
        .app
        .open_session(&actor, SessionKind::Api)
        .await
        .unwrap();
    let first = site.login(Role::TiepNhan, WARD1).await;
    let other = site.login(Role::ChuyenVien, WARD1).await;
    let second = site.login(Role::TiepNhan, WARD1).await;
    assert_eq!(
        site.get("/can-bo", Some(&first)).await.location(),
        "/dang-nhap?next=/can-bo"
    );
    assert_eq!(
        site.get("/can-bo", Some(&second)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        site.get("/can-bo", Some(&other)).await.status,
        StatusCode::OK
    );
    assert!(
        site.f
            .app
            .session_actor(&token.secret)
            .await
            .unwrap()
            .is_some(),
        "API tokens stay"
    );
}

#[tokio::test]
async fn signing_out_can_also_revoke_the_api_tokens() {
    let site = Site::new().await;
    let actor = site.f.actor(Role::TiepNhan, WARD1);
    let token = site
        .f
        .app
        .open_session(&actor, SessionKind::Api)
        .await
        .unwrap();
    let valid = || async {
        site.f
            .app
            .session_actor(&token.secret)
            .await
            .unwrap()
            .is_some()
    };
    let session = site.login(Role::TiepNhan, WARD1).await;
    let home = site.get("/can-bo", Some(&session)).await;
    assert!(home.body.contains("name=\"revoke_tokens\""));
    let page = site
        .post(
            "/dang-xuat",
            Some(&session),
            &[("csrf_token", &session.csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(valid().await, "a plain sign-out keeps the tokens");

    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .post(
            "/dang-xuat",
            Some(&session),
            &[("csrf_token", &session.csrf), ("revoke_tokens", "on")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(!valid().await, "revoked");
    assert_eq!(
        site.get("/can-bo", Some(&session)).await.status,
        StatusCode::SEE_OTHER
    );
}
