//! What the framework refuses before a handler runs — a path that is not UTF-8 or not a valid
//! code, an unknown, repeated or malformed query parameter, a body that is not JSON, not the
//! JSON expected or too large, an unknown route or method — answers in the documented JSON
//! error format, with a stable code and a Vietnamese message, never axum's plain text.

use crate::both;
use crate::support::{Answer, Server, intake_body};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1};
use serde_json::{Value, json};

both!(
    paths_that_are_not_utf8_or_not_codes_are_refused_in_json,
    query_parameters_are_checked_and_named,
    bodies_that_are_not_the_json_expected_are_refused_in_json,
    unknown_routes_and_methods_answer_json,
);

/// `a` is the JSON error `(status, code)`, its field is `field`, and its message is Vietnamese.
fn assert_refused(a: &Answer, status: StatusCode, code: &str, field: Option<&str>) {
    assert_eq!((a.status, a.code()), (status, code), "{:?}", a.body);
    assert_eq!(
        a.headers[header::CONTENT_TYPE],
        "application/json",
        "{:?}",
        a.body
    );
    assert_eq!(
        a.body["error"]["field"],
        field.map_or(Value::Null, |f| json!(f))
    );
    let message = a.body["error"]["message"].as_str().unwrap();
    assert!(!message.is_ascii(), "not Vietnamese: {message}");
}

async fn paths_that_are_not_utf8_or_not_codes_are_refused_in_json(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let bad = StatusCode::BAD_REQUEST;
    let a = s.get("/api/v1/dossiers/%FF%FE", Some(&token)).await;
    assert_refused(&a, bad, "invalid_parameter", Some("code"));
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
    let a = s
        .get("/api/v1/public/dossiers/%C3%28?phone=0912345678", None)
        .await;
    assert_refused(&a, bad, "invalid_parameter", Some("code"));
    let a = s.get("/api/v1/dossiers/khong-phai-ma", Some(&token)).await;
    assert_refused(&a, bad, "invalid_parameter", Some("code"));
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("mã hồ sơ «khong-phai-ma» không hợp lệ")
    );
    let a = s.get("/api/v1/procedures/1.2.3", None).await;
    assert_refused(&a, bad, "invalid_parameter", Some("code"));
    let a = s
        .post(
            "/api/v1/dossiers/x/actions",
            Some(&token),
            &json!({ "action": "accept" }),
        )
        .await;
    assert_refused(&a, bad, "invalid_parameter", Some("code"));
}

async fn query_parameters_are_checked_and_named(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let bad = StatusCode::BAD_REQUEST;
    // An operation without parameters refuses any.
    let a = s.get("/api/v1/units?x=1", None).await;
    assert_refused(&a, bad, "invalid_parameter", Some("x"));
    for (query, field, needle) in [
        ("limit=abc", "limit", "cần một số nguyên"),
        ("limit=0", "limit", "từ 1 đến 200"),
        ("limit=1&limit=2", "limit", "«limit» xuất hiện hai lần"),
        (
            "status=xyz",
            "status",
            "«xyz» không hợp lệ (cần một trong: submitted",
        ),
        ("open=maybe", "open", "không đúng kiểu"),
        (
            "due_before=30%2F11%2F2026",
            "due_before",
            "thời điểm «30/11/2026» không hợp lệ",
        ),
        ("after=zz", "after", "con trỏ trang không hợp lệ"),
    ] {
        let a = s
            .get(&format!("/api/v1/dossiers?{query}"), Some(&token))
            .await;
        assert_refused(&a, bad, "invalid_parameter", Some(field));
        let message = a.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{query}: {message}");
    }
    let a = s
        .get(
            "/api/v1/reports/index766/losers?period=year:2026",
            Some(&token),
        )
        .await;
    assert_refused(&a, bad, "invalid_parameter", Some("indicator"));
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("thiếu «indicator»")
    );
}

async fn bodies_that_are_not_the_json_expected_are_refused_in_json(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let post = |content_type: Option<&str>, body: String| {
        let mut b = Request::post("/api/v1/dossiers")
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if let Some(t) = content_type {
            b = b.header(header::CONTENT_TYPE, t);
        }
        b.body(Body::from(body)).unwrap()
    };
    let valid = intake_body(MARRIAGE).to_string();
    let a = s.send(post(None, valid.clone())).await;
    assert_refused(
        &a,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    );
    let a = s.send(post(Some("text/plain"), valid.clone())).await;
    assert_refused(
        &a,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        None,
    );
    let a = s
        .send(post(
            Some("application/json"),
            "{\"procedure_code\":".into(),
        ))
        .await;
    assert_refused(&a, StatusCode::BAD_REQUEST, "invalid_json", None);
    let a = s
        .send(post(
            Some("application/json"),
            "{\"procedure_code\": 1}".into(),
        ))
        .await;
    assert_refused(
        &a,
        StatusCode::BAD_REQUEST,
        "invalid_json",
        Some("procedure_code"),
    );
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("sai kiểu dữ liệu: cần chuỗi, nhận số nguyên 1")
    );
    let mut body = intake_body(MARRIAGE);
    body["applicant"]["colour"] = json!("xanh");
    let a = s
        .send(post(Some("application/json"), body.to_string()))
        .await;
    assert_refused(
        &a,
        StatusCode::BAD_REQUEST,
        "invalid_json",
        Some("applicant.colour"),
    );
    let huge = format!("{{\"procedure_code\":\"{}\"}}", "a".repeat(3 << 20));
    let a = s.send(post(Some("application/json"), huge)).await;
    assert_refused(&a, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", None);
    let a = s
        .post(
            "/api/v1/dossiers/T01.W1-261125-0001/actions",
            Some(&token),
            &json!({ "action": "assign", "to": "x", "note": "thừa" }),
        )
        .await;
    assert_refused(&a, StatusCode::BAD_REQUEST, "invalid_json", Some("note"));
}

async fn unknown_routes_and_methods_answer_json(backend: Backend) {
    let s = Server::new(backend).await;
    for uri in [
        "/api",
        "/api/",
        "/api/v1/khong-co",
        "/api/v2/units",
        "/api/v1/units/",
    ] {
        let a = s.get(uri, None).await;
        assert_refused(&a, StatusCode::NOT_FOUND, "not_found", None);
    }
    for method in [Method::DELETE, Method::PUT, Method::OPTIONS] {
        let a = s
            .send(Server::request(method, "/api/v1/units", None, None))
            .await;
        assert_refused(
            &a,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            None,
        );
    }
}
