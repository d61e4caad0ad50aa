//! Fresh test databases: a SQLite file in a temporary directory, or a new PostgreSQL database.

use sqlx::Connection;
use std::path::PathBuf;

/// The administrative connection used to create and drop test databases.
const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A storage backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

impl Backend {
    /// Both backends, for tests that run against each.
    pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

    /// Short name for test output.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database that exists for one test and is removed (best effort) when dropped.
#[derive(Debug)]
pub struct TestDb {
    /// URL to pass to `motcua_store::connect`.
    pub url: String,
    /// Which backend.
    pub backend: Backend,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Dir(PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDb {
    /// The store of this database, migrated and empty.
    ///
    /// # Panics
    /// When the database cannot be opened or migrated.
    pub async fn store(&self) -> std::sync::Arc<dyn motcua_app::store::Store> {
        let store = motcua_store::connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("connect to {}: {e}", self.url));
        store
            .migrate()
            .await
            .unwrap_or_else(|e| panic!("migrate {}: {e}", self.url));
        store
    }

    /// Runs `sql` on the database behind the application's back, as someone with access to the
    /// database could; answers the database's refusal, if any.
    pub async fn execute(&self, sql: &str) -> Result<(), String> {
        match self.backend {
            Backend::Sqlite => self.sqlite()?.execute_batch(sql).map_err(|e| e.to_string()),
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .map_err(|e| e.to_string())?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
                    .execute(&mut conn)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// The first column of every row of `sql`, as text.
    ///
    /// # Panics
    /// When the query fails.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        let rows = match self.backend {
            Backend::Sqlite => self.sqlite().and_then(|c| {
                let mut statement = c.prepare(sql).map_err(|e| e.to_string())?;
                let rows = statement
                    .query_map([], |r| r.get::<_, String>(0))
                    .map_err(|e| e.to_string())?;
                rows.collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.to_string())
            }),
            Backend::Postgres => match sqlx::PgConnection::connect(&self.url).await {
                Ok(mut conn) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
                    .fetch_all(&mut conn)
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
        };
        rows.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn sqlite(&self) -> Result<rusqlite::Connection, String> {
        let path = self.url.trim_start_matches("sqlite:");
        let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| e.to_string())?;
        Ok(conn)
    }

    /// Creates an empty database (without tables: run the store's migrations).
    ///
    /// # Panics
    /// When the temporary directory cannot be made or PostgreSQL is unreachable.
    pub async fn new(backend: Backend) -> TestDb {
        let suffix = format!("{:016x}", rand::random::<u64>());
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("motcua-test-{suffix}"));
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    panic!(
                        "cannot create {} for a SQLite test database: {e}",
                        dir.display()
                    );
                }
                TestDb {
                    url: format!("sqlite:{}", dir.join("motcua.db").display()),
                    backend,
                    cleanup: Cleanup::Dir(dir),
                }
            }
            Backend::Postgres => {
                let admin_url =
                    std::env::var("MOTCUA_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.into());
                let name = format!("motcua_t_{suffix}");
                let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required by the tests and is not reachable at {admin_url} \
                         ({e}). Start it (e.g. `pg_ctlcluster 15 main start`) or set \
                         MOTCUA_TEST_PG_URL to a server where the user may create databases."
                    )
                });
                if let Err(e) = sqlx::query(create_sql(&name)).execute(&mut conn).await {
                    panic!("cannot create the test database {name} at {admin_url}: {e}");
                }
                let _ = conn.close().await;
                TestDb {
                    url: with_database(&admin_url, &name),
                    backend,
                    cleanup: Cleanup::Database { admin_url, name },
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime, which cannot be blocked on: use a thread
                // with its own small runtime.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let mut conn = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                        sqlx::query(drop_sql(&name)).execute(&mut conn).await.ok()?;
                        conn.close().await.ok()
                    })
                });
                let _ = dropped.join();
            }
        }
    }
}

// The name is ours (`motcua_t_` and hex digits), so it is safe to splice into SQL.
fn create_sql(name: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))
}

fn drop_sql(name: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
}

/// `url` with its database name replaced by `name` (query parameters kept).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced_and_options_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "t3"),
            "postgres://h:5432/t3"
        );
    }
}
