//! Request extractors whose rejections are API errors in the common JSON shape, in Vietnamese:
//! a body that is not JSON or not the JSON expected, a query string with an unknown or bad
//! parameter, a path segment that is not UTF-8 or not a valid code.

use crate::api::describe::{Names, Refusal, describe};
use crate::error::WebError;
use axum::body::Bytes;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, RawPathParams, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body; bad JSON, unknown fields and wrong types answer `400 invalid_json` with a
/// readable message and the field at fault, a body without a JSON content type
/// `415 unsupported_media_type`, a body over the limit `413 payload_too_large`.
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
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                WebError::TooLarge
            }
            _ => WebError::InvalidJson {
                message: "không đọc được nội dung gửi lên".into(),
                field: None,
            },
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Deserialises `bytes`, describing a failure in Vietnamese with the path of the field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WebError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(e.inner(), (path != ".").then_some(path))
    })?;
    de.end().map_err(|e| json_error(&e, None))?;
    Ok(value)
}

fn json_error(e: &serde_json::Error, path: Option<String>) -> WebError {
    let Refusal { message, field } = if e.is_syntax() || e.is_eof() {
        Refusal {
            message: "sai cú pháp JSON".into(),
            field: None,
        }
    } else {
        describe(&e.to_string(), path, Names::Fields)
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

/// A query string; an unknown, repeated or malformed parameter answers `400 invalid_parameter`
/// naming it. Operations without parameters take `ApiQuery<NoQuery>`, so that any parameter
/// is refused rather than ignored.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, WebError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|e| {
                let path = e.path().to_string();
                let Refusal { message, field } = describe(
                    &e.inner().to_string(),
                    (path != ".").then_some(path),
                    Names::Parameters,
                );
                WebError::parameter(field, message)
            })
    }
}

/// The query of an operation that takes no parameter.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

/// Path parameters; a segment that is not UTF-8 once decoded, or not a valid value, answers
/// `400 invalid_parameter` naming the parameter.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(e) => {
                // A value refused by its own type does not name its parameter: take the name
                // from the route when it has only one.
                let only = RawPathParams::from_request_parts(parts, state)
                    .await
                    .ok()
                    .and_then(|raw| {
                        let mut keys = raw.iter().map(|(k, _)| k.to_owned());
                        keys.next().filter(|_| keys.next().is_none())
                    });
                Err(path_error(e, only))
            }
        }
    }
}

fn path_error(e: PathRejection, only: Option<String>) -> WebError {
    let PathRejection::FailedToDeserializePathParams(e) = e else {
        return WebError::Internal(e.body_text());
    };
    match e.into_kind() {
        ErrorKind::InvalidUtf8InPathParam { key } => {
            let message = format!("tham số «{key}» của đường dẫn không phải văn bản UTF-8");
            WebError::parameter(Some(key), message)
        }
        ErrorKind::DeserializeError { key, message, .. } => {
            let message = describe(&message, Some(key.clone()), Names::Parameters).message;
            WebError::parameter(Some(key), message)
        }
        ErrorKind::ParseErrorAtKey { key, value, .. } => {
            let message = format!("giá trị «{value}» của tham số «{key}» không hợp lệ");
            WebError::parameter(Some(key), message)
        }
        ErrorKind::ParseError { value, .. } | ErrorKind::ParseErrorAtIndex { value, .. } => {
            WebError::parameter(only, format!("giá trị «{value}» không hợp lệ"))
        }
        ErrorKind::Message(text) => {
            let message = describe(&text, None, Names::Parameters).message;
            WebError::parameter(only, message)
        }
        // A route whose parameters do not fit its extractor: a bug, not a bad request.
        other => WebError::Internal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dossiers::IntakeBody;

    fn error(body: &str) -> (String, Option<String>) {
        match parse::<IntakeBody>(body.as_bytes()) {
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
