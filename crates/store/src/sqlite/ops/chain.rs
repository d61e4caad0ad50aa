//! The hash chains on SQLite: reading the links, sealing days, the audit log, and giving the
//! events written before the chain their hashes.

use super::super::conn::{Json, execute, query_all, query_opt};
use crate::sql;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::chain::{
    AuditEntry, AuditRecord, ChainScope, DayRoot, EventLink, GENESIS, entry_hash, event_hash,
};
use motcua_app::store::StoreError;
use rusqlite::Connection;
use rusqlite::types::ToSql;
use serde_json::Value;

/// Rows given their hashes per statement of the backfill.
const BACKFILL_PAGE: u32 = 5_000;

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(format!("{what}: {e}"))
}

/// The `GLOB` pattern of the codes of `scope`'s unit.
fn pattern(scope: &ChainScope) -> String {
    scope
        .unit
        .as_ref()
        .map_or_else(|| "*".to_owned(), |u| format!("{u}-*"))
}

pub(crate) fn event_links(
    conn: &Connection,
    scope: &ChainScope,
    after: Option<(String, u32)>,
    limit: u32,
) -> Result<Vec<EventLink>, StoreError> {
    let (code, seq) = after.unwrap_or_default();
    let params: [&dyn ToSql; 6] = [
        &code,
        &i64::from(seq),
        &pattern(scope),
        &scope.from,
        &scope.to,
        &i64::from(limit),
    ];
    query_all(conn, sql::SQLITE_EVENT_LINKS, &params, |r| {
        Ok(EventLink {
            code: r.get(0)?,
            seq: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            kind: r.get(4)?,
            data: r.get::<_, Json<Value>>(5)?.0,
            prev_hash: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            hash: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        })
    })
}

pub(crate) fn day_hashes(
    conn: &Connection,
    day: NaiveDate,
) -> Result<Vec<(String, String)>, StoreError> {
    query_all(conn, sql::DAY_HASHES, &[&day], |r| {
        Ok((
            r.get(0)?,
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        ))
    })
}

pub(crate) fn unsealed_days(
    conn: &Connection,
    before: NaiveDate,
) -> Result<Vec<NaiveDate>, StoreError> {
    query_all(conn, sql::UNSEALED_DAYS, &[&before], |r| r.get(0))
}

pub(crate) fn put_roots(conn: &Connection, roots: &[DayRoot]) -> Result<(), StoreError> {
    for root in roots {
        let count = i64::try_from(root.count).map_err(|e| bad("root count", e))?;
        execute(
            conn,
            sql::INSERT_ROOT,
            &[&root.day, &root.unit, &root.root, &count, &root.sealed_at],
        )?;
    }
    Ok(())
}

pub(crate) fn roots(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<DayRoot>, StoreError> {
    query_all(conn, sql::ROOTS, &[&from, &to], |r| {
        Ok(DayRoot {
            day: r.get(0)?,
            unit: r.get(1)?,
            root: r.get(2)?,
            count: r.get::<_, i64>(3)?.max(0).unsigned_abs(),
            sealed_at: r.get(4)?,
        })
    })
}

/// Appends `entry` after the last one (the writer is the only one writing: no race).
pub(crate) fn append_audit(conn: &Connection, entry: &AuditEntry) -> Result<(), StoreError> {
    let last: Option<(i64, String)> =
        query_opt(conn, sql::LAST_AUDIT, &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (id, prev) = last.map_or((1, GENESIS.to_owned()), |(id, h)| (id + 1, h));
    let hash = entry_hash(
        &prev,
        id,
        entry.at,
        &entry.actor,
        &entry.action,
        &entry.what,
    );
    let what = entry.what.to_string();
    execute(
        conn,
        sql::INSERT_AUDIT,
        &[
            &id,
            &entry.at,
            &entry.actor,
            &entry.action,
            &what,
            &prev,
            &hash,
        ],
    )?;
    Ok(())
}

pub(crate) fn audit_log(
    conn: &Connection,
    after: i64,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let rows: Vec<(i64, NaiveDateTime, String, String, String, String, String)> =
        query_all(conn, sql::AUDIT_LOG, &[&after, &i64::from(limit)], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
    rows.into_iter()
        .map(|(id, at, actor, action, what, prev_hash, hash)| {
            Ok(AuditRecord {
                id,
                entry: AuditEntry {
                    at,
                    actor,
                    action,
                    // A row whose text is not JSON any more is kept as text: its hash fails.
                    what: serde_json::from_str(&what).unwrap_or(Value::String(what)),
                },
                prev_hash,
                hash,
            })
        })
        .collect()
}

/// Gives the events written before the chain their links, in (dossier, seq) order, as written
/// on the day of each event. Does nothing when every event has its hash.
pub(crate) fn backfill(conn: &Connection) -> Result<(), StoreError> {
    let mut after = (String::new(), 0_i64);
    let mut prev: Option<(String, String)> = None;
    loop {
        let rows: Vec<(String, i64, NaiveDateTime, String, String, Json<Value>)> = query_all(
            conn,
            sql::UNHASHED_EVENTS,
            &[&after.0, &after.1, &i64::from(BACKFILL_PAGE)],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = (last.0.clone(), last.1);
        for (code, seq, at, actor, kind, Json(data)) in rows {
            let before = match prev.take() {
                Some((c, h)) if c == code => h,
                _ => query_opt(conn, sql::HASH_BEFORE, &[&code, &seq], |r| {
                    r.get::<_, Option<String>>(0)
                })?
                .flatten()
                .unwrap_or_else(|| GENESIS.to_owned()),
            };
            let number = u32::try_from(seq).map_err(|e| bad("event number", e))?;
            let hash = event_hash(&before, &code, number, at, &actor, &kind, &data);
            execute(
                conn,
                sql::SET_EVENT_LINK,
                &[&code, &seq, &before, &hash, &at.date()],
            )?;
            prev = Some((code, hash));
        }
    }
}
