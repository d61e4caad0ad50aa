//! A SQLite database file at rest (a backup): what it holds, checked before anything trusts it.

use super::{conn, migrate};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Problems `PRAGMA integrity_check` may list before it stops.
const MAX_PROBLEMS: i64 = 20;

/// What a SQLite database file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// Size of the file, in bytes.
    pub bytes: u64,
    /// The newest migration applied to it.
    pub schema_version: i64,
    /// Whether that is this build's newest migration (an older file is migrated when opened).
    pub schema_current: bool,
    /// Dossiers.
    pub dossiers: u64,
    /// Events of all dossiers.
    pub events: u64,
    /// Units.
    pub units: u64,
    /// Users.
    pub users: u64,
    /// The instant of the last event (local time), if any.
    pub last_event: Option<NaiveDateTime>,
    /// Each unit's last sequence number on the day asked about, by unit code.
    pub sequences_on_day: Vec<(String, u32)>,
}

/// Why a file is not taken as a database of this build, or why a restore did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The file cannot be read as a SQLite database (the text is SQLite's).
    Unreadable(String),
    /// `PRAGMA integrity_check` found these problems.
    Corrupt(Vec<String>),
    /// A SQLite database, but not one of ours: no migration table.
    NotMotcua,
    /// Made by a newer build: this migration is unknown here.
    NewerSchema(i64),
    /// Another process (a running server) has the target database open.
    InUse,
    /// The target database holds dossiers and replacing it was not asked for.
    NotEmpty {
        /// Dossiers in it.
        dossiers: u64,
    },
    /// Reading or writing a file failed (the text says which and why).
    Io(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Unreadable(e) => write!(f, "not a readable SQLite database: {e}"),
            FileError::Corrupt(p) => write!(f, "integrity check failed: {}", p.join("; ")),
            FileError::NotMotcua => f.write_str("not a motcua database (no schema_migrations)"),
            FileError::NewerSchema(v) => write!(f, "migration {v} is from a newer build"),
            FileError::InUse => f.write_str("the database is in use by another process"),
            FileError::NotEmpty { dossiers } => write!(f, "the database holds {dossiers} dossiers"),
            FileError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for FileError {}

/// Checks the file at `path` (`PRAGMA integrity_check`, migrations known to this build) and
/// says what it holds, with each unit's last sequence number on `day`. Opens it read-only.
pub fn inspect(path: &Path, day: NaiveDate) -> Result<FileReport, FileError> {
    let bytes = std::fs::metadata(path)
        .map_err(|e| FileError::Io(format!("{}: {e}", path.display())))?
        .len();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(unreadable)?;
    let mut report = read(&conn, day)?;
    report.bytes = bytes;
    Ok(report)
}

/// Checks an open database and says what it holds (without its size).
fn read(conn: &Connection, day: NaiveDate) -> Result<FileReport, FileError> {
    check(conn)?;
    let count = |table: &str| -> Result<u64, FileError> {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .map_err(unreadable)?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let last_event: Option<NaiveDateTime> = conn
        .query_row("SELECT MAX(at) FROM dossier_events", [], |r| r.get(0))
        .map_err(unreadable)?;
    let sequences_on_day = day_sequences(conn, day)?;
    let schema_version = schema_version(conn)?;
    Ok(FileReport {
        bytes: 0,
        schema_version,
        schema_current: schema_version == migrate::latest(),
        dossiers: count("dossiers")?,
        events: count("dossier_events")?,
        units: count("units")?,
        users: count("users")?,
        last_event,
        sequences_on_day,
    })
}

/// Integrity, then the schema: every migration applied to the file is known to this build.
fn check(conn: &Connection) -> Result<(), FileError> {
    let sql = format!("PRAGMA integrity_check({MAX_PROBLEMS})");
    let problems: Vec<String> = conn::query_all(conn, &sql, &[], |r| r.get(0))
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    if problems != ["ok"] {
        return Err(FileError::Corrupt(problems));
    }
    let has_migrations = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(unreadable)?;
    if has_migrations == 0 {
        return Err(FileError::NotMotcua);
    }
    let applied: Vec<i64> =
        conn::query_all(conn, "SELECT version FROM schema_migrations", &[], |r| {
            r.get(0)
        })
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    match applied.iter().find(|v| !migrate::known(**v)) {
        Some(v) => Err(FileError::NewerSchema(*v)),
        None => Ok(()),
    }
}

fn schema_version(conn: &Connection) -> Result<i64, FileError> {
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )
    .map_err(unreadable)
}

/// Each unit's last sequence number on `day`.
fn day_sequences(conn: &Connection, day: NaiveDate) -> Result<Vec<(String, u32)>, FileError> {
    let rows: Vec<(String, i64)> = conn::query_all(
        conn,
        "SELECT unit_code, last FROM dossier_sequences WHERE day = $1 ORDER BY unit_code",
        &[&day],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(|e| FileError::Unreadable(e.to_string()))?;
    Ok(rows
        .into_iter()
        .map(|(unit, last)| (unit, u32::try_from(last).unwrap_or(u32::MAX)))
        .collect())
}

pub(super) fn unreadable(e: rusqlite::Error) -> FileError {
    FileError::Unreadable(e.to_string())
}
