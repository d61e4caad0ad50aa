//! One line of a feedback import file (`motcua import feedback FILE.jsonl`,
//! `docs/history-import.md`), parsed and checked field by field.

use super::item::{Classification, FeedbackCode, FeedbackItem};
use crate::history::LineError;
use crate::ids::UnitCode;
use crate::time::to_local;
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

/// The line as written; unknown fields are ignored.
#[derive(Deserialize)]
struct Raw {
    code: String,
    unit: String,
    received_at: DateTime<FixedOffset>,
    classification: String,
    #[serde(default)]
    refused_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    supplement_requested_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    answered_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    published_at: Option<DateTime<FixedOffset>>,
}

/// Parses and checks one line: a JSON object with `code`, `unit`, `received_at`,
/// `classification` (`quy_dinh` or `hanh_vi`) and the optional milestones `refused_at`,
/// `supplement_requested_at`, `answered_at`, `published_at` (RFC 3339, or `null`).
pub fn parse_line(line: &str) -> Result<FeedbackItem, LineError> {
    let mut json = serde_json::Deserializer::from_str(line);
    let raw: Raw = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        LineError::unreadable(&path, &e.into_inner().to_string())
    })?;
    let code =
        FeedbackCode::parse(raw.code.trim()).map_err(|e| LineError::new("code", e.to_string()))?;
    let unit =
        UnitCode::parse(raw.unit.trim()).map_err(|e| LineError::new("unit", e.to_string()))?;
    let classification = Classification::parse(raw.classification.trim()).ok_or_else(|| {
        LineError::new(
            "classification",
            format!(
                "phân loại «{}» không hợp lệ (quy_dinh: quy định, chính sách, thủ tục; \
                 hanh_vi: hành vi cán bộ)",
                crate::format::quoted(&raw.classification)
            ),
        )
    })?;
    let local = |t: Option<DateTime<FixedOffset>>| t.map(|t| to_local(&t));
    let item = FeedbackItem {
        code,
        unit,
        received_at: to_local(&raw.received_at),
        classification,
        refused_at: local(raw.refused_at),
        supplement_requested_at: local(raw.supplement_requested_at),
        answered_at: local(raw.answered_at),
        published_at: local(raw.published_at),
    };
    item.check()
        .map_err(|e| LineError::new(e.field(), e.to_string()))?;
    Ok(item)
}
