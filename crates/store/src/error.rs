//! Mapping driver errors to [`StoreError`].
//!
//! Failures that say nothing about the request and may pass — the connection lost, refused or
//! timed out, the server shutting down, a full disk, an I/O error — become
//! [`StoreError::Unavailable`], which clients get as a 503 with `Retry-After`.

use motcua_app::store::StoreError;
use rusqlite::{ErrorCode, ffi};

/// SQLSTATE classes and codes of PostgreSQL that mean "not now": connection exception (08),
/// insufficient resources (53: disk full, out of memory, too many connections), operator
/// intervention (57P01–57P03: shutdown, crash, not accepting connections yet), system error
/// (58: I/O), and a read-only transaction (25006: a standby, e.g. during a failover).
fn pg_retryable(code: &str) -> bool {
    code.starts_with("08")
        || code.starts_with("53")
        || code.starts_with("58")
        || matches!(code, "57P01" | "57P02" | "57P03" | "25006")
}

/// Maps a PostgreSQL (sqlx) error: constraint violations → `Conflict`, a missing row →
/// `NotFound`, a lost or refused connection and the SQLSTATEs of [`pg_retryable`] →
/// `Unavailable`, anything else → `Database` (text for the log only).
pub(crate) fn db(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d)
            if d.is_unique_violation()
                || d.is_foreign_key_violation()
                || d.is_check_violation() =>
        {
            StoreError::Conflict(d.message().to_owned())
        }
        sqlx::Error::Database(d) if d.code().is_some_and(|c| pg_retryable(&c)) => {
            StoreError::Unavailable(e.to_string())
        }
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
        sqlx::Error::RowNotFound => StoreError::NotFound(e.to_string()),
        _ => StoreError::Database(e.to_string()),
    }
}

/// Maps a SQLite (rusqlite) error the same way: unique, primary key, foreign key and check
/// violations → `Conflict`, a missing row → `NotFound`, a full disk, an I/O error, a busy or
/// unopenable file, no memory → `Unavailable`, anything else → `Database`.
pub(crate) fn sqlite(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(failure, message)
            if matches!(
                failure.extended_code,
                ffi::SQLITE_CONSTRAINT_UNIQUE
                    | ffi::SQLITE_CONSTRAINT_PRIMARYKEY
                    | ffi::SQLITE_CONSTRAINT_FOREIGNKEY
                    | ffi::SQLITE_CONSTRAINT_CHECK
            ) =>
        {
            StoreError::Conflict(message.clone().unwrap_or_else(|| failure.to_string()))
        }
        rusqlite::Error::SqliteFailure(failure, _)
            if matches!(
                failure.code,
                ErrorCode::DiskFull
                    | ErrorCode::SystemIoFailure
                    | ErrorCode::DatabaseBusy
                    | ErrorCode::DatabaseLocked
                    | ErrorCode::CannotOpen
                    | ErrorCode::OutOfMemory
            ) =>
        {
            StoreError::Unavailable(e.to_string())
        }
        rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound(e.to_string()),
        _ => StoreError::Database(e.to_string()),
    }
}

/// Maps a JSON (de)serialisation error of stored data.
pub(crate) fn json(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("stored JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None)
    }

    #[test]
    fn a_full_disk_and_io_errors_are_unavailable_and_constraints_conflicts() {
        assert!(matches!(
            sqlite(failure(ffi::SQLITE_FULL)),
            StoreError::Unavailable(_)
        ));
        assert!(matches!(
            sqlite(failure(ffi::SQLITE_IOERR_WRITE)),
            StoreError::Unavailable(_)
        ));
        assert!(matches!(
            sqlite(failure(ffi::SQLITE_CONSTRAINT_UNIQUE)),
            StoreError::Conflict(_)
        ));
        assert!(matches!(
            sqlite(failure(ffi::SQLITE_CORRUPT)),
            StoreError::Database(_)
        ));
    }

    #[test]
    fn postgres_connection_and_resource_states_are_retryable() {
        for code in [
            "08006", "08001", "57P01", "57P03", "53100", "53300", "58030", "25006",
        ] {
            assert!(pg_retryable(code), "{code}");
        }
        for code in ["23505", "42P01", "40001", "22001"] {
            assert!(!pg_retryable(code), "{code}");
        }
        assert!(matches!(
            db(sqlx::Error::PoolTimedOut),
            StoreError::Unavailable(_)
        ));
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(matches!(
            db(sqlx::Error::Io(refused)),
            StoreError::Unavailable(_)
        ));
    }
}
