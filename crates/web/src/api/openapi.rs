//! The OpenAPI 3 document (hand-written, embedded) and a small HTML page listing its operations,
//! self-contained: no script, no style sheet, nothing fetched from elsewhere.

use axum::http::header;
use axum::response::{Html, IntoResponse};
use serde_json::Value;
use std::fmt::Write;
use std::sync::LazyLock;

/// The OpenAPI document of API v1.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// Methods an OpenAPI path item may have.
pub const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

static DOCS: LazyLock<String> = LazyLock::new(|| {
    serde_json::from_str::<Value>(DOCUMENT).map_or_else(
        |e| format!("<p>Tài liệu OpenAPI lỗi: {}</p>", escape(&e.to_string())),
        |doc| render(&doc),
    )
});

/// `GET /api/v1/openapi.json`.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}

/// `GET /api/v1/docs`.
pub async fn docs() -> Html<&'static str> {
    Html(DOCS.as_str())
}

fn render(doc: &Value) -> String {
    let text = |v: &Value| escape(v.as_str().unwrap_or(""));
    let mut out = String::from(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    );
    let _ = write!(
        out,
        "<title>{}</title></head><body><main><h1>{}</h1><p>{}</p>\
         <p><a href=\"/api/v1/openapi.json\">Tài liệu OpenAPI (JSON)</a></p>",
        text(&doc["info"]["title"]),
        text(&doc["info"]["title"]),
        text(&doc["info"]["description"])
    );
    out.push_str("<h2>Xác thực</h2><dl>");
    if let Some(schemes) = doc["components"]["securitySchemes"].as_object() {
        for (name, s) in schemes {
            let _ = write!(
                out,
                "<dt><code>{}</code></dt><dd>{}</dd>",
                escape(name),
                text(&s["description"])
            );
        }
    }
    out.push_str("</dl><h2>Các thao tác</h2>");
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let _ = write!(
                out,
                "<section><h3><code>{} {}</code></h3><p>{}</p>",
                method.to_uppercase(),
                escape(path),
                text(&op["summary"])
            );
            if let Some(d) = op["description"].as_str() {
                let _ = write!(out, "<p>{}</p>", escape(d));
            }
            render_parameters(&mut out, doc, op);
            if let Some(r) =
                op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()
            {
                let _ = write!(
                    out,
                    "<p>Nội dung gửi: <code>{}</code></p>",
                    escape(ref_name(r))
                );
            }
            out.push_str("<ul>");
            for (code, response) in op["responses"].as_object().into_iter().flatten() {
                let response = resolve(doc, response);
                let _ = write!(
                    out,
                    "<li><code>{}</code> {}</li>",
                    escape(code),
                    text(&response["description"])
                );
            }
            out.push_str("</ul></section>");
        }
    }
    out.push_str("</main></body></html>");
    out
}

fn render_parameters(out: &mut String, doc: &Value, op: &Value) {
    let Some(params) = op["parameters"].as_array() else {
        return;
    };
    out.push_str("<p>Tham số:</p><ul>");
    for p in params {
        let p = resolve(doc, p);
        let _ = write!(
            out,
            "<li><code>{}</code> ({}{}) {}</li>",
            escape(p["name"].as_str().unwrap_or("")),
            escape(p["in"].as_str().unwrap_or("")),
            if p["required"].as_bool() == Some(true) {
                ", bắt buộc"
            } else {
                ""
            },
            escape(p["description"].as_str().unwrap_or(""))
        );
    }
    out.push_str("</ul>");
}

/// Follows a local `$ref` (`#/components/...`).
pub fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
        Some(pointer) => doc.pointer(pointer).unwrap_or(v),
        None => v,
    }
}

fn ref_name(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::API_ROUTES;
    use std::collections::BTreeSet;

    /// (METHOD, path) of every operation in the document.
    fn documented() -> BTreeSet<(String, String)> {
        let doc: Value = serde_json::from_str(DOCUMENT).unwrap();
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for method in METHODS {
                if item.get(method).is_some() {
                    out.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn the_document_lists_exactly_the_routes_of_the_router() {
        let routed: BTreeSet<(String, String)> = API_ROUTES
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        assert_eq!(routed.len(), API_ROUTES.len(), "a route is listed twice");
        assert_eq!(documented(), routed);
    }

    #[test]
    fn every_reference_resolves_and_both_security_schemes_exist() {
        let doc: Value = serde_json::from_str(DOCUMENT).unwrap();
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
    }

    #[test]
    fn the_docs_page_lists_every_operation_and_loads_nothing() {
        let html = DOCS.as_str();
        for (method, path) in API_ROUTES {
            assert!(
                html.contains(&format!("<code>{method} {path}</code>")),
                "{method} {path}"
            );
        }
        assert!(
            !html.contains("<script") && !html.contains("http://") && !html.contains("https://")
        );
    }
}
