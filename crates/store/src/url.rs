//! Database URLs: `sqlite:<path>[?options]`, `sqlite://<path>[?options]`, `postgres://…`.

use crate::sqlite::SqliteOptions;
use motcua_app::store::StoreError;
use std::path::PathBuf;

/// Where a URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A SQLite file (created if missing) and its options.
    Sqlite(PathBuf, SqliteOptions),
    /// A PostgreSQL server; the URL is passed on unchanged.
    Postgres,
}

/// Parses a database URL. SQLite options: `group_commit=on|off` and `readers=<n>`.
pub(crate) fn parse(url: &str) -> Result<Target, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Target::Postgres);
    }
    let Some(rest) = url.strip_prefix("sqlite:") else {
        return Err(StoreError::Unsupported(
            "the database URL must start with sqlite:, postgres:// or postgresql://",
        ));
    };
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (path, params) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path.contains(":memory:") || path.starts_with("file:") {
        return Err(StoreError::Unsupported(
            "SQLite needs a file path (the writer and the readers share it)",
        ));
    }
    let mut options = SqliteOptions::default();
    for param in params.split('&').filter(|p| !p.is_empty()) {
        match param.split_once('=') {
            Some(("group_commit", v)) => options.group_commit = switch(v)?,
            Some(("readers", v)) => {
                options.readers = v
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(StoreError::Unsupported("readers must be a positive number"))?;
            }
            _ => {
                return Err(StoreError::Unsupported(
                    "unknown SQLite URL option (known: group_commit=on|off, readers=<n>)",
                ));
            }
        }
    }
    Ok(Target::Sqlite(PathBuf::from(path), options))
}

fn switch(value: &str) -> Result<bool, StoreError> {
    match value {
        "on" | "true" | "1" => Ok(true),
        "off" | "false" | "0" => Ok(false),
        _ => Err(StoreError::Unsupported("group_commit must be on or off")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(url: &str) -> (PathBuf, SqliteOptions) {
        match parse(url).unwrap() {
            Target::Sqlite(path, options) => (path, options),
            Target::Postgres => panic!("{url} is not SQLite"),
        }
    }

    #[test]
    fn sqlite_urls_give_a_path_and_options() {
        assert_eq!(sqlite("sqlite:data/m.db").0, PathBuf::from("data/m.db"));
        assert_eq!(sqlite("sqlite://m.db").0, PathBuf::from("m.db"));
        assert_eq!(sqlite("sqlite:///var/m.db").0, PathBuf::from("/var/m.db"));
        let (_, options) = sqlite("sqlite://m.db?group_commit=off&readers=2");
        assert!(!options.group_commit);
        assert_eq!(options.readers, 2);
        assert!(sqlite("sqlite:m.db").1.group_commit);
    }

    #[test]
    fn postgres_and_bad_urls() {
        assert_eq!(parse("postgres://u@h/db").unwrap(), Target::Postgres);
        assert_eq!(parse("postgresql://u@h/db").unwrap(), Target::Postgres);
        for bad in [
            "mysql://x",
            "sqlite::memory:",
            "sqlite:",
            "sqlite:m.db?x=1",
            "sqlite:m.db?readers=0",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
