//! A small HTML page listing the operations of the OpenAPI document, self-contained: no
//! script, no style sheet, nothing fetched from elsewhere.

use serde_json::Value;
use std::fmt::Write;

/// Methods an OpenAPI path item may have.
pub const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The page of `doc`.
pub fn render(doc: &Value) -> String {
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
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
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
