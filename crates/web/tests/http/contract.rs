//! The API contract: the generated OpenAPI document is pinned by a snapshot, lists exactly the
//! operations the router serves, declares what the server enforces (unknown fields and
//! parameters refused, one schema per dossier action), and the server enforces it.

use crate::both;
use crate::support::Server;
use axum::http::{Method, StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, PROVINCE, WARD1};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

both!(
    the_served_document_is_the_generated_one_and_every_operation_is_routed,
    documented_paths_answer_405_in_json_to_other_methods,
    every_operation_refuses_unknown_query_parameters,
);

/// The generated document as a JSON value.
fn document() -> Value {
    serde_json::to_value(motcua_web::api::document()).unwrap()
}

/// (METHOD, path) of every operation of `doc`.
fn operations(doc: &Value) -> BTreeSet<(Method, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if motcua_web::api::METHODS.contains(&method.as_str()) {
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                out.insert((method, path.clone()));
            }
        }
    }
    out
}

/// `path` with its placeholder filled with a real value (`code` = the dossier `dossier`).
fn filled(path: &str, dossier: &str) -> String {
    if path.starts_with("/api/v1/users/") {
        path.replace("{username}", "tiep_nhan.w1")
    } else if path.starts_with("/api/v1/procedures/") {
        path.replace("{code}", MARRIAGE)
    } else if path.starts_with("/api/v1/calendar/jobs/") {
        path.replace("{id}", "1")
    } else {
        path.replace("{code}", dossier)
    }
}

#[test]
fn the_document_matches_its_snapshot() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/http/snapshots/openapi.json");
    let actual = serde_json::to_string_pretty(&document()).unwrap() + "\n";
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("\r\n", "\n");
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "the OpenAPI document differs from {} first at line {}:\n  expected: {:?}\n  \
             actual:   {:?}\nif the change is intended, run `UPDATE_SNAPSHOTS=1 cargo nextest \
             run -p motcua-web the_document_matches_its_snapshot` and review the diff",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

#[test]
fn every_reference_resolves_and_every_security_scheme_exists() {
    let doc = document();
    fn walk(doc: &Value, v: &Value) {
        match v {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    let pointer = r.strip_prefix('#').unwrap();
                    assert!(doc.pointer(pointer).is_some(), "dangling {r}");
                }
                map.values().for_each(|x| walk(doc, x));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(doc, x)),
            _ => {}
        }
    }
    walk(&doc, &doc);
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearerAuth"]["scheme"], "bearer");
    assert_eq!(schemes["cookieAuth"]["in"], "cookie");
    assert_eq!(schemes["csrfHeader"]["name"], "X-CSRF-Token");
    for (method, path) in operations(&doc) {
        let op = &doc["paths"][&path][method.as_str().to_lowercase()];
        for requirement in op["security"].as_array().into_iter().flatten() {
            for name in requirement.as_object().unwrap().keys() {
                assert!(schemes.get(name).is_some(), "{method} {path}: {name}");
            }
        }
        assert!(op["responses"].get("400").is_some(), "{method} {path}");
    }
}

/// Every object a client may send refuses fields it does not declare: `additionalProperties`
/// is false on every request body schema and on every schema they refer to.
#[test]
fn request_bodies_refuse_undeclared_fields() {
    let doc = document();
    fn objects(doc: &Value, v: &Value, seen: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    if seen.insert(r.to_owned()) {
                        objects(
                            doc,
                            doc.pointer(r.strip_prefix('#').unwrap()).unwrap(),
                            seen,
                        );
                    }
                    return;
                }
                if map.get("type") == Some(&json!("object")) {
                    assert_eq!(map.get("additionalProperties"), Some(&json!(false)), "{v}");
                }
                // `anyOf` adds conditions to an object closed elsewhere (a phone or an ID
                // number); it declares no field of its own.
                map.iter()
                    .filter(|(k, _)| k.as_str() != "anyOf")
                    .for_each(|(_, x)| objects(doc, x, seen));
            }
            Value::Array(items) => items.iter().for_each(|x| objects(doc, x, seen)),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    let mut bodies = 0;
    for (method, path) in operations(&doc) {
        let body = &doc["paths"][&path][method.as_str().to_lowercase()]["requestBody"];
        if !body.is_null() {
            objects(&doc, body, &mut seen);
            bodies += 1;
        }
    }
    assert_eq!(bodies, 4);
    assert!(
        seen.contains("#/components/schemas/ApplicantInput"),
        "{seen:?}"
    );
}

/// Dossier actions are a tagged union: one schema per action, each requiring `action` and its
/// own fields, chosen by a discriminator.
#[test]
fn dossier_actions_are_a_discriminated_union() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let action = &schemas["Action"];
    assert_eq!(action["discriminator"]["propertyName"], "action");
    let mapping = action["discriminator"]["mapping"].as_object().unwrap();
    assert_eq!(mapping.len(), 16);
    assert_eq!(action["oneOf"].as_array().unwrap().len(), 16);
    assert_eq!(mapping["assign"], "#/components/schemas/AssignAction");
    let assign = &schemas["AssignAction"];
    assert_eq!(assign["required"], json!(["action", "to"]));
    assert_eq!(assign["properties"]["action"]["enum"], json!(["assign"]));
    assert_eq!(assign["additionalProperties"], false);
    let resolve = &schemas["ResolveAction"];
    assert_eq!(resolve["required"], json!(["action", "approved"]));
    let apologize = &schemas["ApologizeAction"];
    assert_eq!(
        apologize["properties"]["new_date"]["$ref"],
        "#/components/schemas/InstantInput"
    );
    let body = &doc["paths"]["/api/v1/dossiers/{code}/actions"]["post"]["requestBody"];
    assert_eq!(
        body["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Action"
    );
}

/// Query parameters carry their formats: dates, enums, bounds, patterns.
#[test]
fn query_parameters_declare_their_formats() {
    let doc = document();
    let params = |path: &str| -> Vec<Value> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .clone()
    };
    let find = |list: &[Value], name: &str| -> Value {
        list.iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    let list = params("/api/v1/dossiers");
    assert_eq!(find(&list, "limit")["schema"]["maximum"], 200);
    assert_eq!(find(&list, "open")["schema"]["type"], "boolean");
    let status = find(&list, "status")["schema"].to_string();
    assert!(status.contains("supplement_requested"), "{status}");
    let tthc = params("/api/v1/reports/tthc");
    assert_eq!(find(&tthc, "from")["schema"]["format"], "date");
    assert!(find(&tthc, "period")["schema"]["pattern"].is_string());
    let format = find(&tthc, "format")["schema"].to_string();
    assert!(format.contains("xlsx"), "{format}");
    let losers = params("/api/v1/reports/index766/losers");
    assert_eq!(find(&losers, "indicator")["required"], true);
}

/// The served document is the generated one, and every (method, path) it lists reaches its
/// handler (no 404 or 405 from the router) when called with its placeholders filled.
async fn the_served_document_is_the_generated_one_and_every_operation_is_routed(backend: Backend) {
    let s = Server::new(backend).await;
    let served = s.get("/api/v1/openapi.json", None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.body, document());
    let dossier = s.intake(WARD1).await;
    let code = dossier["code"].as_str().unwrap();
    let ops = operations(&served.body);
    assert_eq!(ops.len(), 21);
    for (method, path) in &ops {
        let mut uri = filled(path, code);
        if path.starts_with("/api/v1/public/") {
            uri.push_str("?phone=0912345678");
        }
        let body = (method == Method::POST).then(|| json!({}));
        let a = s
            .send(Server::request(method.clone(), &uri, None, body.as_ref()))
            .await;
        assert!(
            ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&a.status),
            "{method} {uri}: {} {:?}",
            a.status,
            a.body
        );
    }
    let docs = s.get("/api/v1/docs", None).await;
    assert_eq!(
        docs.headers[header::CONTENT_TYPE],
        "text/html; charset=utf-8"
    );
    let html = docs.body.as_str().unwrap();
    for (method, path) in &ops {
        assert!(
            html.contains(&format!("<code>{method} {path}</code>")),
            "{path}"
        );
    }
    assert!(!html.contains("<script") && !html.contains("https://"));
}

/// A documented path answers every method it does not document with a JSON 405: the router
/// serves no operation the document does not list.
async fn documented_paths_answer_405_in_json_to_other_methods(backend: Backend) {
    let s = Server::new(backend).await;
    let doc = document();
    let ops = operations(&doc);
    let paths: BTreeSet<&String> = ops.iter().map(|(_, p)| p).collect();
    for path in paths {
        let uri = filled(path, "T01.W1-261125-0001");
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            if ops.contains(&(method.clone(), path.clone())) {
                continue;
            }
            let a = s
                .send(Server::request(method.clone(), &uri, None, None))
                .await;
            assert_eq!(
                (a.status, a.code()),
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
                "{method} {uri}"
            );
        }
    }
}

/// Any query parameter an operation does not declare is refused with a 400 naming it, after
/// authentication and before anything is done.
async fn every_operation_refuses_unknown_query_parameters(backend: Backend) {
    let s = Server::new(backend).await;
    let admin = s.token(Role::QuanTri, PROVINCE).await;
    let dossier = s.intake(WARD1).await;
    let code = dossier["code"].as_str().unwrap();
    for (method, path) in operations(&document()) {
        let uri = format!("{}?khong_co=1", filled(&path, code));
        let body = (method == Method::POST).then(|| json!({}));
        let a = s
            .send(Server::request(
                method.clone(),
                &uri,
                Some(&admin),
                body.as_ref(),
            ))
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, "invalid_parameter"),
            "{method} {uri}: {:?}",
            a.body
        );
        assert_eq!(a.body["error"]["field"], "khong_co", "{method} {uri}");
        assert_eq!(
            a.body["error"]["message"],
            "Tham số không hợp lệ: «khong_co» không được hỗ trợ"
        );
    }
}
