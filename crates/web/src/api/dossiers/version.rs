//! The version of a dossier over HTTP: answered in `ETag` as `"<version>"`, sent back in
//! `If-Match` by every action, so an action decided on a stale screen is refused (409
//! `stale_version`) instead of undoing another officer's work. An action without `If-Match` is
//! refused with 428 `version_required`: a client that forgets it must not write blindly.

use crate::error::WebError;
use axum::http::{HeaderMap, header};
use motcua_domain::dossier::Version;

/// The `ETag` of a dossier at `version`: a strong tag, the version in quotes.
pub fn etag(version: u32) -> [(header::HeaderName, String); 1] {
    [(header::ETAG, format!("\"{version}\""))]
}

/// The version in `If-Match`: missing is 428, anything but one strong tag `"<digits>"` is 400.
pub fn if_match(headers: &HeaderMap) -> Result<Version, WebError> {
    let mut values = headers.get_all(header::IF_MATCH).iter();
    let Some(value) = values.next() else {
        return Err(WebError::VersionRequired);
    };
    let refused = || {
        WebError::parameter(
            Some("If-Match".to_owned()),
            "If-Match phải là đúng một phiên bản hồ sơ trong dấu nháy kép, ví dụ \"7\"",
        )
    };
    if values.next().is_some() {
        return Err(refused());
    }
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix('"'))
        .and_then(|v| v.strip_suffix('"'))
        .and_then(Version::parse)
        .ok_or_else(refused)
}
