//! `POST /api/v1/users/{username}/disable|enable`: an administrator stops a user's sessions and
//! tokens at once, only within the units they administer.

use crate::both;
use crate::support::Answer;
use crate::support::Server;
use axum::body::Body;
use axum::http::Method;
use axum::http::{Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, WARD1, WARD2, username};
use motcua_web::auth::SESSION_COOKIE;

both!(
    an_admin_disables_a_user_whose_session_and_token_stop_at_once,
    a_ward_admin_cannot_disable_a_user_of_another_ward,
    only_administrators_disable_users
);

/// A POST without a body.
async fn call(s: &Server, uri: &str, token: Option<&str>) -> Answer {
    s.send(Server::request(Method::POST, uri, token, None))
        .await
}

fn disable(name: &str) -> String {
    format!("/api/v1/users/{name}/disable")
}

async fn an_admin_disables_a_user_whose_session_and_token_stop_at_once(backend: Backend) {
    let s = Server::new(backend).await;
    let admin = s.token(Role::QuanTri, WARD1).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let (secret, _) = s.browser_session(Role::TiepNhan, WARD1).await;
    let with_cookie = || {
        Request::get("/api/v1/dossiers")
            .header(header::COOKIE, format!("{SESSION_COOKIE}={secret}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(s.send(with_cookie()).await.status, StatusCode::OK);
    let name = username(Role::TiepNhan, WARD1);

    let a = call(&s, &disable(&name), Some(&admin)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);
    let a = s.get("/api/v1/dossiers", Some(&token)).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNAUTHORIZED, "unauthorized")
    );
    assert_eq!(s.send(with_cookie()).await.status, StatusCode::UNAUTHORIZED);
    let changes = s.f.store.user_changes(&name).await.unwrap();
    assert_eq!(
        (changes.len(), changes[0].active, changes[0].actor.as_str()),
        (1, false, username(Role::QuanTri, WARD1).as_str())
    );

    let enable = format!("/api/v1/users/{name}/enable");
    let a = call(&s, &enable, Some(&admin)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);
    // The user signs in again; what was stopped stays stopped.
    let fresh = s.token(Role::TiepNhan, WARD1).await;
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&fresh)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_ward_admin_cannot_disable_a_user_of_another_ward(backend: Backend) {
    let s = Server::new(backend).await;
    let admin = s.token(Role::QuanTri, WARD2).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let a = call(&s, &disable(&username(Role::TiepNhan, WARD1)), Some(&admin)).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&token)).await.status,
        StatusCode::OK
    );
    let a = call(&s, &disable("khong.co"), Some(&admin)).await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
    let a = call(&s, &disable("Khong%20Co"), Some(&admin)).await;
    assert_eq!(
        (a.status, a.code(), a.body["error"]["field"].as_str()),
        (
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            Some("username")
        )
    );
    // Their own ward's user, yes.
    let a = call(&s, &disable(&username(Role::TiepNhan, WARD2)), Some(&admin)).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);
}

async fn only_administrators_disable_users(backend: Backend) {
    let s = Server::new(backend).await;
    let target = disable(&username(Role::TiepNhan, WARD1));
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = call(&s, &target, Some(&leader)).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let a = call(&s, &target, None).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    // An administrator's cookie session without the CSRF header is refused too.
    let (secret, _) = s.browser_session(Role::QuanTri, WARD1).await;
    let req = Request::post(&target)
        .header(header::COOKIE, format!("{SESSION_COOKIE}={secret}"))
        .body(Body::empty())
        .unwrap();
    let a = s.send(req).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "csrf_failed"));
    let desk = s.token(Role::TiepNhan, WARD1).await;
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&desk)).await.status,
        StatusCode::OK
    );
}
