//! The statistics projection on PostgreSQL. Each row is stamped with the id of the transaction
//! that wrote it; a reader's watermark is the oldest transaction still running when it reads,
//! so a change committed later always has a stamp at or above it. Writers never wait for each
//! other, and several servers may share the database.

use crate::error::db;
use crate::stats_codec::{MAX_STATS_PAGE, StatsColumns, StatsRaw, decode_dossier};
use motcua_app::store::{StatsPage, StoreError};
use motcua_domain::dossier::Dossier;
use motcua_domain::ids::DossierCode;
use sqlx::PgConnection;

const UPSERT: &str = "INSERT INTO dossier_stats (code, rev, competent_unit, procedure_code, \
     field, received_at, due_at, ended_at, flags, paid_online_vnd, supplements, rating) \
     VALUES ($1, pg_current_xact_id()::text::bigint, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
     ON CONFLICT (code) DO UPDATE SET rev = excluded.rev, \
     competent_unit = excluded.competent_unit, procedure_code = excluded.procedure_code, \
     field = excluded.field, received_at = excluded.received_at, due_at = excluded.due_at, \
     ended_at = excluded.ended_at, flags = excluded.flags, \
     paid_online_vnd = excluded.paid_online_vnd, supplements = excluded.supplements, \
     rating = excluded.rating";
const WATERMARK: &str = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
const CHANGES: &str = "SELECT rev, code, competent_unit, procedure_code, field, received_at, \
     due_at, ended_at, flags, paid_online_vnd, supplements, rating::bigint FROM dossier_stats \
     WHERE (rev, code) > ($1, $2) ORDER BY rev, code LIMIT $3";
const PENDING_BACKFILL: &str =
    "DELETE FROM pending_backfills WHERE name = 'dossier_stats' RETURNING name";
const ALL_ROWS: &str =
    "SELECT format::bigint, data::text FROM dossiers WHERE received_at IS NOT NULL";

/// The raw row as selected.
type Row = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    i32,
    i64,
    i32,
    Option<i64>,
);

/// Writes the projection row of `d` (nothing while it was never received), in the caller's
/// transaction.
pub(crate) async fn upsert(conn: &mut PgConnection, d: &Dossier) -> Result<(), StoreError> {
    let Some(c) = StatsColumns::of(d) else {
        return Ok(());
    };
    sqlx::query(UPSERT)
        .bind(c.code)
        .bind(c.competent_unit)
        .bind(c.procedure_code)
        .bind(c.field)
        .bind(c.received_at)
        .bind(c.due_at)
        .bind(c.ended_at)
        .bind(i32::try_from(c.flags).unwrap_or(0))
        .bind(c.paid_online_vnd)
        .bind(i32::try_from(c.supplements).unwrap_or(i32::MAX))
        .bind(c.rating.and_then(|r| i16::try_from(r).ok()))
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// A page of rows changed at or after `since` (see `Store::stats_changes`).
pub(crate) async fn changes(
    conn: &mut PgConnection,
    since: i64,
    after: Option<(i64, DossierCode)>,
    limit: u32,
) -> Result<StatsPage, StoreError> {
    let watermark: i64 = sqlx::query_scalar(WATERMARK)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    // (rev, code) > (since, '') is rev >= since: every code is longer than ''.
    let (rev, code) = after.map_or((since, String::new()), |(r, c)| (r, c.to_string()));
    let rows: Vec<Row> = sqlx::query_as(CHANGES)
        .bind(rev)
        .bind(code)
        .bind(i64::from(limit.clamp(1, MAX_STATS_PAGE)))
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    let rows = rows
        .into_iter()
        .map(|r| {
            StatsRaw {
                rev: r.0,
                code: r.1,
                competent_unit: r.2,
                procedure_code: r.3,
                field: r.4,
                received_at: r.5,
                due_at: r.6,
                ended_at: r.7,
                flags: i64::from(r.8),
                paid_online_vnd: r.9,
                supplements: i64::from(r.10),
                rating: r.11,
            }
            .decode()
        })
        .collect::<Result<_, _>>()?;
    Ok(StatsPage { rows, watermark })
}

/// Writes the rows of dossiers stored before the projection existed, once: the server that
/// takes the marker does it in the caller's transaction, the others find it gone.
pub(crate) async fn backfill(conn: &mut PgConnection) -> Result<(), StoreError> {
    let pending: Option<String> = sqlx::query_scalar(PENDING_BACKFILL)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    if pending.is_none() {
        return Ok(());
    }
    let rows: Vec<(i64, String)> = sqlx::query_as(ALL_ROWS)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    for (format, data) in rows {
        upsert(conn, &decode_dossier(format, &data)?).await?;
    }
    Ok(())
}
