//! Statements on feedback (PAKN): the writer's all-or-nothing import, and the items of a period.

use super::super::conn::{Json, execute, query_all};
use crate::feedback_codec::{self, FeedbackRow};
use crate::sql;
use chrono::NaiveDateTime;
use motcua_app::store::StoreError;
use motcua_domain::feedback::FeedbackItem;
use motcua_domain::ids::UnitCode;
use rusqlite::Connection;

/// Inserts or replaces feedback items, inside the writer's transaction; how many.
pub(crate) fn import_feedback(
    conn: &Connection,
    items: &[FeedbackItem],
) -> Result<usize, StoreError> {
    for i in items {
        execute(
            conn,
            sql::UPSERT_FEEDBACK,
            &[
                &i.code.as_str(),
                &i.unit.as_str(),
                &i.classification.code(),
                &i.received_at,
                &i.refused_at,
                &i.supplement_requested_at,
                &i.answered_at,
                &i.published_at,
                &i.ended_at(),
            ],
        )?;
    }
    Ok(items.len())
}

/// The feedback of `units` received before `to` and not ended before `from`.
pub(crate) fn feedback_for_period(
    conn: &Connection,
    units: &[UnitCode],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<FeedbackItem>, StoreError> {
    let codes: Vec<&str> = units.iter().map(UnitCode::as_str).collect();
    let rows: Vec<FeedbackRow> = query_all(
        conn,
        sql::FEEDBACK_FOR_PERIOD_JSON,
        &[&Json(&codes), &from, &to],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?;
    rows.into_iter().map(feedback_codec::item).collect()
}
