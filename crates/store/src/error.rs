//! Mapping driver errors to [`StoreError`].

use motcua_app::store::StoreError;

/// Maps a driver error: constraint violations → `Conflict`, a missing row → `NotFound`,
/// anything else → `Database` (text for the log only).
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

/// Maps a JSON (de)serialisation error of stored data.
pub(crate) fn json(e: serde_json::Error) -> StoreError {
    StoreError::Database(format!("stored JSON: {e}"))
}
