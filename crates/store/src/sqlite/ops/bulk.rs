//! An import stream written in one transaction; a large one is loaded in bulk: the secondary
//! indexes of the dossier tables are dropped first and built again, once, at the end, still
//! inside the transaction (readers keep seeing the old tables and indexes until it commits, and
//! a failure rolls everything back, indexes included).

use super::super::conn::{execute, query_all, query_one};
use super::dossiers::import_dossiers;
use motcua_app::store::{ImportStream, StoreError};
use rusqlite::Connection;

/// Smallest import loaded in bulk: below it, dropping and rebuilding the indexes costs more
/// than inserting into them.
const BULK_MIN: usize = 20_000;

/// The secondary indexes of the tables an import fills (the primary keys stay).
const SECONDARY_INDEXES: &str = "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
     AND tbl_name IN ('dossiers', 'dossier_stats') AND sql IS NOT NULL ORDER BY name";

/// Whether an import of `incoming` dossiers into a table of about `existing` rows is loaded in
/// bulk: rebuilding an index sorts every row once, which beats inserting into it row by row
/// when the import is at least a quarter of what the table holds.
pub(crate) fn loads_in_bulk(incoming: usize, existing: u64) -> bool {
    let incoming = u64::try_from(incoming).unwrap_or(u64::MAX);
    incoming >= BULK_MIN as u64 && incoming.saturating_mul(4) >= existing
}

/// Writes every batch of `stream` (the caller provides the transaction) and answers how many
/// dossiers were written; fails, so that the caller rolls back, unless exactly
/// `stream.expected` arrived.
pub(crate) fn import_stream(conn: &Connection, stream: ImportStream) -> Result<usize, StoreError> {
    let ImportStream {
        mut batches,
        expected,
    } = stream;
    let existing: i64 = query_one(
        conn,
        "SELECT coalesce(max(rowid), 0) FROM dossiers",
        &[],
        |r| r.get(0),
    )?;
    let bulk = loads_in_bulk(expected, existing.unsigned_abs());
    let rebuild = if bulk {
        drop_secondary_indexes(conn)?
    } else {
        Vec::new()
    };
    let mut count = 0;
    while let Some(batch) = batches.blocking_recv() {
        count += batch.len();
        if count > expected {
            break;
        }
        import_dossiers(conn, &batch)?;
    }
    if count != expected {
        return Err(StoreError::Conflict(format!(
            "nhập dữ liệu bị gián đoạn: nhận {count}/{expected} hồ sơ; không nạp gì"
        )));
    }
    if bulk {
        rebuild_indexes(conn, &rebuild)?;
    }
    tracing::info!(count, bulk, "imported dossiers");
    Ok(count)
}

/// Drops the secondary indexes and answers the statements that create them again.
fn drop_secondary_indexes(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let indexes: Vec<(String, String)> =
        query_all(conn, SECONDARY_INDEXES, &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    for (name, _) in &indexes {
        execute(
            conn,
            &format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")),
            &[],
        )?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Creates the indexes again, sorting on every core.
fn rebuild_indexes(conn: &Connection, statements: &[String]) -> Result<(), StoreError> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = i64::try_from(cores.saturating_sub(1)).unwrap_or(0);
    conn.pragma_update(None, "threads", threads)
        .map_err(crate::error::sqlite)?;
    let built = statements
        .iter()
        .try_for_each(|sql| execute(conn, sql, &[]).map(|_| ()));
    conn.pragma_update(None, "threads", 0)
        .map_err(crate::error::sqlite)?;
    built
}

#[cfg(test)]
mod tests {
    use super::loads_in_bulk;

    #[test]
    fn only_large_imports_relative_to_the_table_load_in_bulk() {
        assert!(!loads_in_bulk(19_999, 0));
        assert!(loads_in_bulk(20_000, 0));
        assert!(loads_in_bulk(1_000_000, 4_000_000));
        assert!(!loads_in_bulk(1_000_000, 4_000_001));
    }
}
