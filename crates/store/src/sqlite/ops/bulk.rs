//! An import stream written in one transaction; a large one is loaded in bulk: the secondary
//! indexes of the dossier tables are dropped first and built again, once, at the end, still
//! inside the transaction (readers keep seeing the old tables and indexes until it commits, and
//! a failure rolls everything back, indexes included).

use super::super::conn::{execute, query_all};
use super::dossiers::{PreparedImport, import_dossiers, stored_dossiers};
use motcua_app::store::{ImportStream, StoreError};
use rusqlite::Connection;
use std::sync::mpsc;

/// Smallest import loaded in bulk: below it, dropping and rebuilding the indexes costs more
/// than inserting into them.
const BULK_MIN: usize = 20_000;

/// The full secondary indexes of the tables an import fills. Primary keys stay, and so do
/// partial indexes (open dossiers by due instant, identity numbers): imported histories barely
/// fill them, and building one again would read the whole table for a few rows.
const SECONDARY_INDEXES: &str = "SELECT l.name, m.sql FROM \
     (SELECT name, partial, origin FROM pragma_index_list('dossiers') \
      UNION ALL SELECT name, partial, origin FROM pragma_index_list('dossier_stats')) AS l \
     JOIN sqlite_master AS m ON m.name = l.name \
     WHERE l.origin = 'c' AND l.partial = 0 ORDER BY l.name";

/// Whether an import of `incoming` dossiers into a table of about `existing` rows is loaded in
/// bulk: rebuilding an index sorts every row once, which beats inserting into it row by row
/// when the import is at least a quarter of what the table holds.
pub(crate) fn loads_in_bulk(incoming: usize, existing: u64) -> bool {
    let incoming = u64::try_from(incoming).unwrap_or(u64::MAX);
    incoming >= BULK_MIN as u64 && incoming.saturating_mul(4) >= existing
}

/// Writes every batch of `stream` (the caller provides the transaction) and answers how many
/// dossiers were written; fails, so that the caller rolls back, unless exactly
/// `stream.expected` arrived. A second thread prepares each batch (JSON, statistics numbers)
/// while the writer inserts the previous one, and frees the batches written.
pub(crate) fn import_stream(conn: &Connection, stream: ImportStream) -> Result<usize, StoreError> {
    let ImportStream {
        mut batches,
        expected,
    } = stream;
    let bulk = loads_in_bulk(expected, stored_dossiers(conn)?);
    let started = std::time::Instant::now();
    let rebuild = if bulk {
        drop_secondary_indexes(conn)?
    } else {
        Vec::new()
    };
    let count = std::thread::scope(|scope| {
        let (ready_tx, ready) = mpsc::sync_channel::<Vec<PreparedImport>>(2);
        let (spent_tx, spent) = mpsc::channel::<Vec<PreparedImport>>();
        let preparer = std::thread::Builder::new()
            .name("sqlite-import".into())
            .spawn_scoped(scope, move || -> Result<usize, StoreError> {
                let mut count = 0;
                while let Some(batch) = batches.blocking_recv() {
                    count += batch.len();
                    if count > expected {
                        break;
                    }
                    let prepared = batch
                        .into_iter()
                        .map(PreparedImport::of)
                        .collect::<Result<Vec<_>, _>>()?;
                    if ready_tx.send(prepared).is_err() {
                        break;
                    }
                    // Batches written are freed here, not on the writer's thread.
                    while spent.try_recv().is_ok() {}
                }
                Ok(count)
            })
            .map_err(|e| StoreError::Database(format!("starting the import thread: {e}")))?;
        let written = ready.iter().try_for_each(|batch| {
            import_dossiers(conn, &batch)?;
            // The preparer may have ended already; the batch is then freed here.
            let _ = spent_tx.send(batch);
            Ok::<_, StoreError>(())
        });
        // On a write error the preparer stops at its next send.
        drop(ready);
        let prepared = preparer
            .join()
            .map_err(|_| StoreError::Database("the import thread panicked".to_owned()))?;
        written?;
        prepared
    })?;
    if count != expected {
        return Err(StoreError::Conflict(format!(
            "nhập dữ liệu bị gián đoạn: nhận {count}/{expected} hồ sơ; không nạp gì"
        )));
    }
    let inserted = started.elapsed();
    if bulk {
        rebuild_indexes(conn, &rebuild)?;
    }
    tracing::info!(
        count,
        bulk,
        insert_ms = inserted.as_millis(),
        index_ms = (started.elapsed() - inserted).as_millis(),
        "imported dossiers"
    );
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
