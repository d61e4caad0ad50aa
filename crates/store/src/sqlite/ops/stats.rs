//! The statistics projection on SQLite: one row per received dossier, stamped with a revision
//! the writer bumps once per change (the writer is alone, so revisions follow commit order).

use super::super::conn::{prepare_positional, query_all, query_one, query_opt};
use crate::error;
use crate::stats_codec::{MAX_STATS_PAGE, StatsColumns, StatsRaw, decode_dossier};
use motcua_app::store::{StatsPage, StoreError};
use motcua_domain::dossier::Dossier;
use motcua_domain::ids::DossierCode;
use rusqlite::types::ToSql;
use rusqlite::{CachedStatement, Connection, Statement};

const BUMP: &str = "UPDATE stats_revision SET n = n + 1 WHERE id = 1 RETURNING n";
const WATERMARK: &str = "SELECT n + 1 FROM stats_revision WHERE id = 1";
const UPSERT: &str = "INSERT INTO dossier_stats (code, rev, competent_unit, procedure_code, \
     field, received_at, due_at, ended_at, flags, paid_online_vnd, supplements, rating) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
     ON CONFLICT (code) DO UPDATE SET rev = excluded.rev, \
     competent_unit = excluded.competent_unit, procedure_code = excluded.procedure_code, \
     field = excluded.field, received_at = excluded.received_at, due_at = excluded.due_at, \
     ended_at = excluded.ended_at, flags = excluded.flags, \
     paid_online_vnd = excluded.paid_online_vnd, supplements = excluded.supplements, \
     rating = excluded.rating";
/// The row of a dossier new to the table (an imported one: its code was checked first).
const INSERT: &str = "INSERT INTO dossier_stats (code, rev, competent_unit, procedure_code, \
     field, received_at, due_at, ended_at, flags, paid_online_vnd, supplements, rating) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
const CHANGES: &str = "SELECT rev, code, competent_unit, procedure_code, field, received_at, \
     due_at, ended_at, flags, paid_online_vnd, supplements, rating FROM dossier_stats \
     WHERE (rev, code) > ($1, $2) ORDER BY rev, code LIMIT $3";
const PENDING_BACKFILL: &str =
    "DELETE FROM pending_backfills WHERE name = 'dossier_stats' RETURNING name";
const ALL_ROWS: &str = "SELECT format, data FROM dossiers WHERE received_at IS NOT NULL";

/// The revision of the change being written.
pub(crate) fn next_rev(conn: &Connection) -> Result<i64, StoreError> {
    query_one(conn, BUMP, &[], |r| r.get(0))
}

/// Writes the projection row of `d` (nothing while it was never received).
pub(crate) fn upsert(conn: &Connection, rev: i64, d: &Dossier) -> Result<(), StoreError> {
    match StatsColumns::of(d) {
        Some(c) => write_row(&mut *prepare_upsert(conn)?, rev, &c),
        None => Ok(()),
    }
}

/// The cached upsert statement, for [`write_row`] in a loop.
pub(crate) fn prepare_upsert(conn: &Connection) -> Result<CachedStatement<'_>, StoreError> {
    prepare_positional(conn, UPSERT, 12)
}

/// The cached statement inserting the row of a dossier not yet in the table, for
/// [`write_row`] in a loop: cheaper than an upsert, and a code already there fails.
pub(crate) fn prepare_insert(conn: &Connection) -> Result<CachedStatement<'_>, StoreError> {
    prepare_positional(conn, INSERT, 12)
}

/// Writes a projection row with the statement of [`prepare_upsert`] or [`prepare_insert`].
pub(crate) fn write_row(
    statement: &mut Statement<'_>,
    rev: i64,
    c: &StatsColumns<'_>,
) -> Result<(), StoreError> {
    let row: [&dyn ToSql; 12] = [
        &c.code,
        &rev,
        &c.competent_unit,
        &c.procedure_code,
        &c.field,
        &c.received_at,
        &c.due_at,
        &c.ended_at,
        &c.flags,
        &c.paid_online_vnd,
        &c.supplements,
        &c.rating,
    ];
    for (i, value) in row.iter().enumerate() {
        statement
            .raw_bind_parameter(i + 1, value)
            .map_err(error::sqlite)?;
    }
    statement.raw_execute().map_err(error::sqlite)?;
    Ok(())
}

/// A page of rows changed at or after `since` (see `Store::stats_changes`).
pub(crate) fn changes(
    conn: &Connection,
    since: i64,
    after: Option<(i64, DossierCode)>,
    limit: u32,
) -> Result<StatsPage, StoreError> {
    let watermark: i64 = query_one(conn, WATERMARK, &[], |r| r.get(0))?;
    // (rev, code) > (since, '') is rev >= since: every code is longer than ''.
    let (rev, code) = after.map_or((since, String::new()), |(r, c)| (r, c.to_string()));
    let limit = i64::from(limit.clamp(1, MAX_STATS_PAGE));
    let raw = query_all(conn, CHANGES, &[&rev, &code, &limit], |r| {
        Ok(StatsRaw {
            rev: r.get(0)?,
            code: r.get(1)?,
            competent_unit: r.get(2)?,
            procedure_code: r.get(3)?,
            field: r.get(4)?,
            received_at: r.get(5)?,
            due_at: r.get(6)?,
            ended_at: r.get(7)?,
            flags: r.get(8)?,
            paid_online_vnd: r.get(9)?,
            supplements: r.get(10)?,
            rating: r.get(11)?,
        })
    })?;
    Ok(StatsPage {
        rows: raw
            .into_iter()
            .map(StatsRaw::decode)
            .collect::<Result<_, _>>()?,
        watermark,
    })
}

/// Writes the rows of dossiers stored before the projection existed, once (inside the
/// migration's transaction).
pub(crate) fn backfill(conn: &Connection) -> Result<(), StoreError> {
    if query_opt(conn, PENDING_BACKFILL, &[], |r| r.get::<_, String>(0))?.is_none() {
        return Ok(());
    }
    let rows: Vec<(i64, String)> = query_all(conn, ALL_ROWS, &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let rev = next_rev(conn)?;
    for (format, data) in rows {
        upsert(conn, rev, &decode_dossier(format, &data)?)?;
    }
    Ok(())
}
