//! Statements on feedback (PAKN): the import inside the caller's transaction, and the items of
//! a period.

use crate::error::db;
use crate::feedback_codec::{self, FeedbackRow};
use crate::sql;
use chrono::NaiveDateTime;
use motcua_app::store::StoreError;
use motcua_domain::feedback::FeedbackItem;
use motcua_domain::ids::UnitCode;
use sqlx::PgConnection;

/// Inserts or replaces feedback items; how many.
pub(crate) async fn import_feedback(
    conn: &mut PgConnection,
    items: &[FeedbackItem],
) -> Result<usize, StoreError> {
    for i in items {
        sqlx::query(sql::UPSERT_FEEDBACK)
            .bind(i.code.as_str())
            .bind(i.unit.as_str())
            .bind(i.classification.code())
            .bind(i.received_at)
            .bind(i.refused_at)
            .bind(i.supplement_requested_at)
            .bind(i.answered_at)
            .bind(i.published_at)
            .bind(i.ended_at())
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(items.len())
}

/// The feedback of `units` received before `to` and not ended before `from`.
pub(crate) async fn feedback_for_period(
    conn: &mut PgConnection,
    units: &[UnitCode],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<FeedbackItem>, StoreError> {
    let codes: Vec<&str> = units.iter().map(UnitCode::as_str).collect();
    let rows: Vec<FeedbackRow> = sqlx::query_as(sql::FEEDBACK_FOR_PERIOD_ARRAY)
        .bind(&codes)
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    rows.into_iter().map(feedback_codec::item).collect()
}
