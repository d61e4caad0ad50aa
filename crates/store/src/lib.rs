//! Storage adapters of the [`Store`] port: SQLite ([`SqliteStore`]) and PostgreSQL
//! ([`PgStore`]), with embedded migrations. [`connect`] picks one by URL.

mod chain;
mod codec;
mod error;
mod feedback_codec;
mod jobs;
mod list;
mod postgres;
mod sql;
mod sqlite;
mod stats_codec;
mod url;

pub use postgres::PgStore;
pub use sqlite::file::{FileError, FileReport, inspect};
pub use sqlite::restore::{MovedSequence, RestoreOptions, RestoreReport, restore};
pub use sqlite::{SqliteOptions, SqliteStore};

use motcua_app::store::{Store, StoreError};
use std::sync::Arc;

/// Opens the database at `url`: `sqlite:<path>` or `sqlite://<path>` (the file is created if
/// missing; options `?group_commit=off`, `?readers=<n>`), `postgres://…` or
/// `postgresql://…`. Migrations are not applied: call [`Store::migrate`].
pub async fn connect(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match url::parse(url)? {
        url::Target::Sqlite(path, options) => Arc::new(SqliteStore::open(path, options).await?),
        url::Target::Postgres => Arc::new(PgStore::connect(url).await?),
    })
}

/// The file of a `sqlite:` URL; `None` for PostgreSQL.
pub fn sqlite_file(url: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
    Ok(match url::parse(url)? {
        url::Target::Sqlite(path, _) => Some(path),
        url::Target::Postgres => None,
    })
}
