//! Feedback items (PAKN) to and from the columns of table `feedback`, shared by both adapters.

use chrono::NaiveDateTime;
use motcua_app::store::StoreError;
use motcua_domain::feedback::{Classification, FeedbackCode, FeedbackItem};
use motcua_domain::ids::UnitCode;

/// The columns of a feedback row as read: code, unit, classification, then the instants
/// received, refused, supplement requested, answered, published.
pub(crate) type FeedbackRow = (
    String,
    String,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

/// The item of a row.
pub(crate) fn item(row: FeedbackRow) -> Result<FeedbackItem, StoreError> {
    let (code, unit, classification, received_at, refused_at, supplement, answered, published) =
        row;
    let bad = |what: &str, value: &str| StoreError::Database(format!("feedback {what}: {value}"));
    Ok(FeedbackItem {
        code: FeedbackCode::parse(&code).map_err(|_| bad("code", &code))?,
        unit: UnitCode::parse(&unit).map_err(|_| bad("unit", &unit))?,
        classification: Classification::parse(&classification)
            .ok_or_else(|| bad("classification", &classification))?,
        received_at,
        refused_at,
        supplement_requested_at: supplement,
        answered_at: answered,
        published_at: published,
    })
}
