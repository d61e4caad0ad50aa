//! The hash chains on PostgreSQL: reading the links, sealing days, the audit log (one chain
//! across servers, under an advisory lock), and giving the events written before the chain
//! their hashes.

use crate::error::db;
use crate::sql;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::chain::{
    AuditEntry, AuditRecord, ChainScope, DayRoot, EventLink, GENESIS, entry_hash, event_hash,
};
use motcua_app::store::StoreError;
use serde_json::Value;
use sqlx::PgConnection;
use sqlx::types::Json;

/// Rows given their hashes per statement of the backfill.
const BACKFILL_PAGE: i64 = 5_000;

/// The advisory lock that makes appends to the audit log one at a time across servers.
const AUDIT_LOCK: i64 = 0x6d6f_7463_7561_0022;

fn bad(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Database(format!("{what}: {e}"))
}

/// The `LIKE` pattern of the codes of `scope`'s unit (`_` is a wildcard: escaped).
fn pattern(scope: &ChainScope) -> String {
    scope.unit.as_ref().map_or_else(
        || "%".to_owned(),
        |u| format!("{}-%", u.replace('\\', "\\\\").replace('_', "\\_")),
    )
}

type LinkRow = (
    String,
    i64,
    NaiveDateTime,
    String,
    String,
    Json<Value>,
    Option<String>,
    Option<String>,
);

pub(crate) async fn event_links(
    conn: &mut PgConnection,
    scope: &ChainScope,
    after: Option<(String, u32)>,
    limit: u32,
) -> Result<Vec<EventLink>, StoreError> {
    let (code, seq) = after.unwrap_or_default();
    let rows: Vec<LinkRow> = sqlx::query_as(sql::PG_EVENT_LINKS)
        .bind(code)
        .bind(i64::from(seq))
        .bind(pattern(scope))
        .bind(scope.from)
        .bind(scope.to)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    rows.into_iter()
        .map(|(code, seq, at, actor, kind, Json(data), prev, hash)| {
            Ok(EventLink {
                code,
                seq: u32::try_from(seq).map_err(|e| bad("event number", e))?,
                at,
                actor,
                kind,
                data,
                prev_hash: prev.unwrap_or_default(),
                hash: hash.unwrap_or_default(),
            })
        })
        .collect()
}

pub(crate) async fn day_hashes(
    conn: &mut PgConnection,
    day: NaiveDate,
) -> Result<Vec<(String, String)>, StoreError> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(sql::DAY_HASHES)
        .bind(day)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(|(code, hash)| (code, hash.unwrap_or_default()))
        .collect())
}

pub(crate) async fn unsealed_days(
    conn: &mut PgConnection,
    before: NaiveDate,
) -> Result<Vec<NaiveDate>, StoreError> {
    sqlx::query_scalar(sql::UNSEALED_DAYS)
        .bind(before)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)
}

pub(crate) async fn put_roots(
    conn: &mut PgConnection,
    roots: &[DayRoot],
) -> Result<(), StoreError> {
    for root in roots {
        let count = i64::try_from(root.count).map_err(|e| bad("root count", e))?;
        sqlx::query(sql::INSERT_ROOT)
            .bind(root.day)
            .bind(&root.unit)
            .bind(&root.root)
            .bind(count)
            .bind(root.sealed_at)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

pub(crate) async fn roots(
    conn: &mut PgConnection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<DayRoot>, StoreError> {
    let rows: Vec<(NaiveDate, String, String, i64, NaiveDateTime)> = sqlx::query_as(sql::ROOTS)
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(|(day, unit, root, count, sealed_at)| DayRoot {
            day,
            unit,
            root,
            count: count.max(0).unsigned_abs(),
            sealed_at,
        })
        .collect())
}

/// Appends `entry` after the last one, holding the audit lock until the transaction ends.
pub(crate) async fn append_audit(
    conn: &mut PgConnection,
    entry: &AuditEntry,
) -> Result<(), StoreError> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    let last: Option<(i64, String)> = sqlx::query_as(sql::LAST_AUDIT)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    let (id, prev) = last.map_or((1, GENESIS.to_owned()), |(id, h)| (id + 1, h));
    let at = super::to_micros(entry.at);
    let hash = entry_hash(&prev, id, at, &entry.actor, &entry.action, &entry.what);
    sqlx::query(sql::INSERT_AUDIT)
        .bind(id)
        .bind(at)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(entry.what.to_string())
        .bind(prev)
        .bind(hash)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

pub(crate) async fn audit_log(
    conn: &mut PgConnection,
    after: i64,
    limit: u32,
) -> Result<Vec<AuditRecord>, StoreError> {
    let rows: Vec<(i64, NaiveDateTime, String, String, String, String, String)> =
        sqlx::query_as(sql::AUDIT_LOG)
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&mut *conn)
            .await
            .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, actor, action, what, prev_hash, hash)| AuditRecord {
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
            },
        )
        .collect())
}

type UnhashedRow = (String, i64, NaiveDateTime, String, String, Json<Value>);

/// Gives the events written before the chain their links, in (dossier, seq) order, as written
/// on the day of each event. Does nothing when every event has its hash.
pub(crate) async fn backfill(conn: &mut PgConnection) -> Result<(), StoreError> {
    let mut after = (String::new(), 0_i64);
    let mut prev: Option<(String, String)> = None;
    loop {
        let rows: Vec<UnhashedRow> = sqlx::query_as(sql::UNHASHED_EVENTS)
            .bind(&after.0)
            .bind(after.1)
            .bind(BACKFILL_PAGE)
            .fetch_all(&mut *conn)
            .await
            .map_err(db)?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = (last.0.clone(), last.1);
        for (code, seq, at, actor, kind, Json(data)) in rows {
            let before = match prev.take() {
                Some((c, h)) if c == code => h,
                _ => sqlx::query_scalar::<_, Option<String>>(sql::HASH_BEFORE)
                    .bind(&code)
                    .bind(seq)
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err(db)?
                    .flatten()
                    .unwrap_or_else(|| GENESIS.to_owned()),
            };
            let number = u32::try_from(seq).map_err(|e| bad("event number", e))?;
            let hash = event_hash(&before, &code, number, at, &actor, &kind, &data);
            sqlx::query(sql::SET_EVENT_LINK)
                .bind(&code)
                .bind(seq)
                .bind(&before)
                .bind(&hash)
                .bind(at.date())
                .execute(&mut *conn)
                .await
                .map_err(db)?;
            prev = Some((code, hash));
        }
    }
}
