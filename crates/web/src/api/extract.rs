//! Request extractors whose rejections are API errors in the common JSON shape.

use crate::error::WebError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body; bad JSON, unknown fields and wrong types answer `400 invalid_json` with a
/// readable message and the field at fault.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                let m = m.trim().to_ascii_lowercase();
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !is_json {
            return Err(WebError::NotJson);
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| WebError::TooLarge)?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserialises `bytes`, describing a failure in Vietnamese with the path of the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WebError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path = (path != ".").then_some(path);
        describe(e.inner(), path)
    })?;
    de.end().map_err(|e| describe(&e, None))?;
    Ok(value)
}

fn describe(e: &serde_json::Error, path: Option<String>) -> WebError {
    let text = e.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(head, _)| head);
    let join = |name: &str| {
        Some(match &path {
            Some(p) => format!("{p}.{name}"),
            None => name.to_owned(),
        })
    };
    let (message, field) = if let Some(name) = quoted_after(text, "missing field ") {
        (format!("thiếu trường «{name}»"), join(name))
    } else if let Some(name) = quoted_after(text, "unknown field ") {
        // The path already ends with the unknown field.
        let field = path
            .clone()
            .filter(|p| p.ends_with(name))
            .or_else(|| join(name));
        (format!("trường «{name}» không được hỗ trợ"), field)
    } else if let Some(name) = quoted_after(text, "unknown variant ") {
        (
            format!("giá trị «{name}» không hợp lệ{}", expected(text)),
            path,
        )
    } else if e.is_syntax() || e.is_eof() {
        (format!("sai cú pháp JSON ({text})"), None)
    } else {
        (text.to_owned(), path)
    };
    let at = if e.line() > 0 {
        format!(" (dòng {}, cột {})", e.line(), e.column())
    } else {
        String::new()
    };
    WebError::InvalidJson {
        message: format!("{message}{at}"),
        field,
    }
}

/// The name in backquotes after `prefix`, e.g. `missing field `name`` → `name`.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

fn expected(text: &str) -> String {
    text.split_once("expected one of ")
        .map(|(_, list)| format!(" (cần một trong: {})", list.replace('`', "")))
        .unwrap_or_default()
}

/// A query string; a malformed one answers `400 invalid_parameter`.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| ApiQuery(v))
            .map_err(|e| WebError::InvalidParameter(e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use motcua_app::IntakeRequest;

    fn error(body: &str) -> (String, Option<String>) {
        match parse::<IntakeRequest>(body.as_bytes()) {
            Err(WebError::InvalidJson { message, field }) => (message, field),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_and_unknown_fields_are_named_with_their_path() {
        let (message, field) =
            error(r#"{"procedure_code":"1.000894","applicant":{"kind":"citizen"}}"#);
        assert!(message.starts_with("thiếu trường «name»"), "{message}");
        assert_eq!(field.as_deref(), Some("applicant.name"));
        let (message, field) = error(r#"{"procedure_code":"1.000894","colour":1}"#);
        assert!(
            message.starts_with("trường «colour» không được hỗ trợ"),
            "{message}"
        );
        assert_eq!(field.as_deref(), Some("colour"));
    }

    #[test]
    fn bad_values_and_bad_syntax_are_explained() {
        let (message, field) = error(
            r#"{"procedure_code":"1.000894","channel":"fax","applicant":{"kind":"citizen","name":"A"}}"#,
        );
        assert!(
            message.contains("«fax» không hợp lệ (cần một trong: desk, post, online)"),
            "{message}"
        );
        assert_eq!(field.as_deref(), Some("channel"));
        let (message, field) = error("{\"procedure_code\":");
        assert!(message.starts_with("sai cú pháp JSON"), "{message}");
        assert!(message.contains("dòng 1"), "{message}");
        assert_eq!(field, None);
        let trailing =
            r#"{"procedure_code":"1.000894","applicant":{"kind":"citizen","name":"A"}} x"#;
        assert!(
            error(trailing).0.starts_with("sai cú pháp JSON"),
            "{}",
            error(trailing).0
        );
    }
}
