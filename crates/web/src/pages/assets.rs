//! Static files embedded in the binary, served with a long cache: one hand-written stylesheet
//! and the few lines that show the print button of the receipt (pages work without them).

use super::error::PageError;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

const SITE_CSS: &str = include_str!("../../static/site.css");
const PRINT_JS: &str = include_str!("../../static/print.js");

/// Version of the assets, computed once (see [`version`]).
pub static VERSION: OnceLock<String> = OnceLock::new();

/// A short FNV-1a hash of the files: the `?v=` of their links, so a new release is fetched at
/// once although browsers may keep the files for a year.
pub fn version() -> String {
    let hash = SITE_CSS
        .bytes()
        .chain(PRINT_JS.bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{:08x}", hash >> 32)
}

/// `GET /static/{file}`.
pub async fn file(Path(name): Path<String>) -> Result<Response, PageError> {
    let (body, kind) = match name.as_str() {
        "site.css" => (SITE_CSS, "text/css; charset=utf-8"),
        "print.js" => (PRINT_JS, "text/javascript; charset=utf-8"),
        _ => return Err(PageError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response())
}
