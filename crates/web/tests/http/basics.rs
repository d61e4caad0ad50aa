//! Health, layers, and JSON errors for unknown routes and bad bodies.

use crate::both;
use crate::support::{Server, intake_body};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1};
use serde_json::{Value, json};

both!(
    healthz_answers_ok_with_security_headers_and_a_request_id,
    unknown_api_routes_and_methods_answer_json,
    malformed_bodies_answer_invalid_json_with_the_field,
);

async fn healthz_answers_ok_with_security_headers_and_a_request_id(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s.get("/healthz", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body, json!({ "status": "ok" }));
    let h = &a.headers;
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'self'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["x-request-id"].len(), 16);
    let req = Request::get("/healthz")
        .header("x-request-id", "abc-123")
        .body(Body::empty())
        .unwrap();
    assert_eq!(s.send(req).await.headers["x-request-id"], "abc-123");
    // An ill-formed id is not echoed: the answer gets a fresh one.
    let req = Request::get("/healthz")
        .header("x-request-id", "a b;<x>")
        .body(Body::empty())
        .unwrap();
    let id = s.send(req).await.headers["x-request-id"].clone();
    assert_eq!(id.len(), 16, "{id:?}");
    assert!(id.to_str().unwrap().bytes().all(|b| b.is_ascii_hexdigit()));
}

async fn unknown_api_routes_and_methods_answer_json(backend: Backend) {
    let s = Server::new(backend).await;
    for uri in ["/api/v1/khong-co", "/api/v2/units", "/api"] {
        let a = s.get(uri, None).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(a.code(), "not_found", "{uri}");
        assert_eq!(a.body["error"]["field"], Value::Null);
    }
    let a = s
        .send(Server::request(Method::DELETE, "/api/v1/units", None, None))
        .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(a.code(), "method_not_allowed");
}

async fn malformed_bodies_answer_invalid_json_with_the_field(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let mut body = intake_body(MARRIAGE);
    body["applicant"].as_object_mut().unwrap().remove("name");
    let a = s.post("/api/v1/dossiers", Some(&token), &body).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST, "{:?}", a.body);
    assert_eq!(a.code(), "invalid_json");
    assert_eq!(a.body["error"]["field"], "applicant.name");
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Dữ liệu JSON không hợp lệ: thiếu trường «name»")
    );

    let a = s
        .post(
            "/api/v1/dossiers",
            Some(&token),
            &json!({ "procedure_code": MARRIAGE, "x": 1 }),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_json")
    );
    assert_eq!(a.body["error"]["field"], "x");

    let req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{\"username\": "))
        .unwrap();
    let a = s.send(req).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_json")
    );

    let huge = format!("{{\"username\":\"{}\"}}", "a".repeat(3 << 20));
    let req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(huge))
        .unwrap();
    let a = s.send(req).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
    );

    let req = Request::post("/api/v1/auth/token")
        .body(Body::from("{}"))
        .unwrap();
    let a = s.send(req).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
}
