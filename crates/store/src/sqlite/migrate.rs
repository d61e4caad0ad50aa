//! The SQLite schema migrations: the files of `migrations/sqlite/`, embedded, applied in order
//! and recorded in `schema_migrations (version, applied_at)`.
//!
//! Databases migrated by the sqlx migrator of earlier builds (table `_sqlx_migrations`) are not
//! supported: nothing was released with it. They are refused with a clear error.

use super::conn::{execute, query_all, query_opt};
use motcua_app::store::StoreError;
use rusqlite::Connection;

/// One migration file.
struct Migration {
    /// The number its file name starts with.
    version: i64,
    /// The file name, for errors.
    file: &'static str,
    /// Its statements.
    sql: &'static str,
}

/// Every migration, in order.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        file: "0001_init.sql",
        sql: include_str!("../../migrations/sqlite/0001_init.sql"),
    },
    Migration {
        version: 2,
        file: "0002_stats.sql",
        sql: include_str!("../../migrations/sqlite/0002_stats.sql"),
    },
    Migration {
        version: 3,
        file: "0003_open_due_index.sql",
        sql: include_str!("../../migrations/sqlite/0003_open_due_index.sql"),
    },
    Migration {
        version: 4,
        file: "0004_drop_phone_index.sql",
        sql: include_str!("../../migrations/sqlite/0004_drop_phone_index.sql"),
    },
    Migration {
        version: 5,
        file: "0005_feedback.sql",
        sql: include_str!("../../migrations/sqlite/0005_feedback.sql"),
    },
    Migration {
        version: 6,
        file: "0006_slim_unit_indexes.sql",
        sql: include_str!("../../migrations/sqlite/0006_slim_unit_indexes.sql"),
    },
    Migration {
        version: 7,
        file: "0007_scoped_idempotency_keys.sql",
        sql: include_str!("../../migrations/sqlite/0007_scoped_idempotency_keys.sql"),
    },
    Migration {
        version: 8,
        file: "0008_user_changes.sql",
        sql: include_str!("../../migrations/sqlite/0008_user_changes.sql"),
    },
    Migration {
        version: 20,
        file: "0020_stats_result_kind.sql",
        sql: include_str!("../../migrations/sqlite/0020_stats_result_kind.sql"),
    },
    Migration {
        version: 21,
        file: "0021_calendar_jobs.sql",
        sql: include_str!("../../migrations/sqlite/0021_calendar_jobs.sql"),
    },
    Migration {
        version: 22,
        file: "0022_event_hashes.sql",
        sql: include_str!("../../migrations/sqlite/0022_event_hashes.sql"),
    },
    Migration {
        version: 23,
        file: "0023_readiness.sql",
        sql: include_str!("../../migrations/sqlite/0023_readiness.sql"),
    },
    Migration {
        version: 24,
        file: "0024_codes_at_reception.sql",
        sql: include_str!("../../migrations/sqlite/0024_codes_at_reception.sql"),
    },
];

/// Whether this build knows the migration `version`.
pub(crate) fn known(version: i64) -> bool {
    MIGRATIONS.iter().any(|m| m.version == version)
}

/// The newest migration of this build.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\
     version INTEGER PRIMARY KEY, \
     applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP) STRICT";
const APPLIED: &str = "SELECT version FROM schema_migrations ORDER BY version";
const RECORD: &str = "INSERT INTO schema_migrations (version) VALUES ($1)";
const SQLX_TABLE: &str =
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'";

/// Applies the pending migrations, inside the caller's transaction: all or nothing, and a
/// second run does nothing.
pub(crate) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    execute(conn, CREATE_TABLE, &[])?;
    let applied: Vec<i64> = query_all(conn, APPLIED, &[], |r| r.get(0))?;
    if applied.is_empty() && query_opt(conn, SQLX_TABLE, &[], |_| Ok(()))?.is_some() {
        return Err(StoreError::Database(
            "this database was created by an earlier build (sqlx migrations); \
             create a new one"
                .to_owned(),
        ));
    }
    if let Some(unknown) = applied.iter().find(|v| !known(**v)) {
        return Err(StoreError::Database(format!(
            "migration {unknown} was applied by a newer build"
        )));
    }
    for m in MIGRATIONS.iter().filter(|m| !applied.contains(&m.version)) {
        // A migration file holds several statements: run as a batch, not cached.
        conn.execute_batch(m.sql)
            .map_err(|e| StoreError::Database(format!("migration {}: {e}", m.file)))?;
        execute(conn, RECORD, &[&m.version])?;
    }
    super::ops::stats::backfill(conn)?;
    super::ops::chain::backfill(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|m| m.file).collect();
        assert_eq!(files, embedded);
        for m in MIGRATIONS {
            assert_eq!(m.file[..4].parse::<i64>().unwrap(), m.version, "{}", m.file);
        }
    }

    #[test]
    fn migrating_twice_applies_once() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        migrate(&conn).unwrap();
        let applied: Vec<i64> = query_all(&conn, APPLIED, &[], |r| r.get(0)).unwrap();
        let every: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(applied, every);
        assert_eq!(applied[..4], [1, 2, 3, 4]);
    }

    #[test]
    fn sqlx_databases_are_refused() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY)")
            .unwrap();
        let e = migrate(&conn).unwrap_err();
        assert!(e.to_string().contains("earlier build"), "{e}");
    }
}
