//! Mapping driver errors to [`StoreError`].

use motcua_app::store::StoreError;
use rusqlite::ffi;

/// Maps a PostgreSQL (sqlx) error: constraint violations → `Conflict`, a missing row →
/// `NotFound`, anything else → `Database` (text for the log only).
pub(crate) fn db(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d)
            if d.is_unique_violation()
                || d.is_foreign_key_violation()
                || d.is_check_violation() =>
        {
            StoreError::Conflict(d.message().to_owned())
        }
        sqlx::Error::RowNotFound => StoreError::NotFound(e.to_string()),
        _ => StoreError::Database(e.to_string()),
    }
}

/// Maps a SQLite (rusqlite) error the same way: unique, primary key, foreign key and check
/// violations → `Conflict`, a missing row → `NotFound`, anything else → `Database`.
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
        rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound(e.to_string()),
        _ => StoreError::Database(e.to_string()),
    }
}

/// Maps a JSON (de)serialisation error of stored data.
pub(crate) fn json(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("stored JSON: {e}"))
}
