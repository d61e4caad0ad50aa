//! Disabling a user stops their API tokens and browser sessions at once; only an administrator
//! over the user's units may do it.

use crate::both;
use crate::support::Server;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use motcua_app::AppError;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, PROVINCE, WARD1, WARD2, password, username};
use motcua_web::auth::SESSION_COOKIE;
use serde_json::json;

both!(a_disabled_user_is_stopped_at_once_and_can_be_enabled_again);

async fn a_disabled_user_is_stopped_at_once_and_can_be_enabled_again(backend: Backend) {
    let s = Server::new(backend).await;
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

    // Neither a desk officer nor the administrator of another ward may disable them.
    for by in [
        s.f.caller(Role::TiepNhan, WARD1),
        s.f.caller(Role::QuanTri, WARD2),
    ] {
        let e = s.f.app.disable_user(&by, &name).await.unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{e:?}");
    }
    let admin = s.f.caller(Role::QuanTri, PROVINCE);
    let e =
        s.f.app
            .disable_user(&admin, admin.name())
            .await
            .unwrap_err();
    assert!(
        matches!(e, AppError::Forbidden(_)),
        "nobody disables themselves"
    );
    let e = s.f.app.disable_user(&admin, "khong.co").await.unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)), "{e:?}");

    s.f.app.disable_user(&admin, &name).await.unwrap();
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(s.send(with_cookie()).await.status, StatusCode::UNAUTHORIZED);
    let body = json!({ "username": name, "password": password(Role::TiepNhan) });
    let a = s.post("/api/v1/auth/token", None, &body).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    let changes = s.f.store.user_changes(&name).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].active, changes[0].actor.as_str(), changes[0].at),
        (false, admin.name(), s.f.now())
    );
    let managed: Vec<String> =
        s.f.app
            .managed_users(&s.f.caller(Role::QuanTri, WARD2))
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.username)
            .collect();
    assert!(managed.iter().all(|u| u.ends_with(".w2")), "{managed:?}");
    assert!(!managed.is_empty());

    s.f.app.enable_user(&admin, &name).await.unwrap();
    s.token(Role::TiepNhan, WARD1).await;
    // The old token and session were deleted, not merely refused.
    assert_eq!(
        s.get("/api/v1/dossiers", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(s.send(with_cookie()).await.status, StatusCode::UNAUTHORIZED);
}
