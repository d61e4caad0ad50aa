//! The session cookie on the API: safe methods pass, unsafe ones need the CSRF header; cookie
//! secrets and API tokens are not interchangeable.

use crate::both;
use crate::support::{Server, intake_body};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1};
use motcua_web::auth::SESSION_COOKIE;

both!(
    cookie_sessions_need_the_csrf_header_to_write,
    cookies_and_tokens_are_not_interchangeable,
);

fn with_cookie(method: Method, uri: &str, secret: &str, csrf: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(method.clone()).uri(uri).header(
        header::COOKIE,
        format!("theme=dark; {SESSION_COOKIE}={secret}"),
    );
    if let Some(c) = csrf {
        b = b.header("x-csrf-token", c);
    }
    if method == Method::POST {
        b.header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(intake_body(MARRIAGE).to_string()))
            .unwrap()
    } else {
        b.body(Body::empty()).unwrap()
    }
}

async fn cookie_sessions_need_the_csrf_header_to_write(backend: Backend) {
    let s = Server::new(backend).await;
    let (secret, csrf) = s.browser_session(Role::TiepNhan, WARD1).await;
    let a = s
        .send(with_cookie(Method::GET, "/api/v1/dossiers", &secret, None))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    for bad in [None, Some("0000"), Some("")] {
        let a = s
            .send(with_cookie(Method::POST, "/api/v1/dossiers", &secret, bad))
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::FORBIDDEN, "csrf_failed"),
            "{bad:?}"
        );
    }
    let a = s
        .send(with_cookie(
            Method::POST,
            "/api/v1/dossiers",
            &secret,
            Some(&csrf),
        ))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
}

async fn cookies_and_tokens_are_not_interchangeable(backend: Backend) {
    let s = Server::new(backend).await;
    let (secret, _) = s.browser_session(Role::TiepNhan, WARD1).await;
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&secret)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let token = s.token(Role::TiepNhan, WARD1).await;
    let a = s
        .send(with_cookie(Method::GET, "/api/v1/dossiers", &token, None))
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
}
