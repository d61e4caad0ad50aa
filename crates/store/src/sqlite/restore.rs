//! Restoring a SQLite backup in place of the database, without ever giving a dossier code twice.
//!
//! A backup goes back in time: codes issued after it (printed on receipts, in citizens' hands)
//! are not in it, and the restored daily sequences would give them again. So, in the restored
//! file, each unit's sequence of every day from the backup's last day to today is moved past
//! the highest number known (in the backup, or in the database being replaced when it can
//! still be read) by a margin. The series of online submission numbers moves the same way.
//! See docs/operations.md, section on backup and restore.

use super::file::{FileError, FileReport, inspect, unreadable};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long to wait for another process's lock on the target before calling it in use.
const LOCK_WAIT: Duration = Duration::from_millis(500);

/// What a restore is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Numbers each unit's daily sequence skips past the highest one known.
    pub margin: u32,
    /// Replace a target database that holds dossiers (it is kept beside, renamed).
    pub force: bool,
    /// Now, local time: the last day whose sequences are moved.
    pub now: NaiveDateTime,
}

/// One unit's sequence on one day, moved by the restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedSequence {
    /// The unit code.
    pub unit: String,
    /// The day.
    pub day: NaiveDate,
    /// The last number in the backup (0 when it had none that day).
    pub backup_last: u32,
    /// The last number in the database replaced, when it had one that day.
    pub replaced_last: Option<u32>,
    /// The last number after the restore: the next code that day gets this plus one.
    pub last: u32,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// What the backup holds.
    pub backup: FileReport,
    /// First and last day whose sequences were moved.
    pub days: (NaiveDate, NaiveDate),
    /// Units whose sequences were moved.
    pub units: usize,
    /// Sequences moved where the backup or the replaced database had issued codes (the others
    /// start at the margin).
    pub moved: Vec<MovedSequence>,
    /// Sign-in sessions and API tokens of the backup, ended (everyone signs in again).
    pub sessions_ended: u64,
    /// Where the replaced database was kept, if there was one.
    pub kept: Option<PathBuf>,
}

/// Restores the backup `from` as the database `to`: checks the backup, refuses a target in use
/// (or holding dossiers, unless `force`), moves the sequences, then swaps the files. The
/// replaced database, if any, is kept beside the target with a `.truoc-khoi-phuc-…` suffix.
pub fn restore(
    from: &Path,
    to: &Path,
    options: &RestoreOptions,
) -> Result<RestoreReport, FileError> {
    let today = options.now.date();
    let backup = inspect(from, today)?;
    let target = Target::lock(to, options.force)?;
    let replaced = match &target {
        Target::Locked(conn) => {
            let dossiers = count_dossiers(conn);
            if dossiers > 0 && !options.force {
                return Err(FileError::NotEmpty { dossiers });
            }
            SERIES.map(|table| sequences(conn, table).unwrap_or_default())
        }
        Target::Missing | Target::Broken => SERIES.map(|_| BTreeMap::new()),
    };
    let staged = sibling(to, ".khoi-phuc.tmp");
    remove_set(&staged)?;
    std::fs::copy(from, &staged).map_err(|e| io(&staged, &e))?;
    let prepared = prepare(&staged, today, options.margin, &replaced);
    let (days, units, moved, sessions_ended) = match prepared {
        Ok(done) => done,
        Err(e) => {
            let _ = remove_set(&staged);
            return Err(e);
        }
    };
    let kept = match target {
        Target::Missing => None,
        Target::Locked(conn) => Some(set_aside(to, options.now, Some(conn))?),
        Target::Broken => Some(set_aside(to, options.now, None)?),
    };
    std::fs::rename(&staged, to).map_err(|e| io(to, &e))?;
    sync_dir(to);
    Ok(RestoreReport {
        backup,
        days,
        units,
        moved,
        sessions_ended,
        kept,
    })
}

/// The database being replaced.
enum Target {
    /// There is none.
    Missing,
    /// Open with an exclusive lock held until it is set aside: no server can open it meanwhile.
    Locked(Connection),
    /// It cannot be read as a database (replaced only with `force`).
    Broken,
}

impl Target {
    fn lock(path: &Path, force: bool) -> Result<Target, FileError> {
        if !path.exists() {
            return Ok(Target::Missing);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let locked = Connection::open_with_flags(path, flags).and_then(|conn| {
            conn.busy_timeout(LOCK_WAIT)?;
            // In WAL mode every open connection holds a shared lock on the file: an exclusive
            // one is granted only if no other process has the database open.
            conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")?;
            Ok(conn)
        });
        match locked {
            Ok(conn) => Ok(Target::Locked(conn)),
            Err(e) if is_busy(&e) => Err(FileError::InUse),
            Err(_) if force => Ok(Target::Broken),
            Err(e) => Err(unreadable(e)),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn count_dossiers(conn: &Connection) -> u64 {
    conn.query_row("SELECT COUNT(*) FROM dossiers", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| u64::try_from(n).unwrap_or(0))
}

type Sequences = BTreeMap<(String, NaiveDate), u32>;

/// The daily series a restore moves: dossier codes (reported), then online submission numbers
/// (absent from a backup older than them).
const SERIES: [&str; 2] = ["dossier_sequences", "submission_sequences"];

/// Every (unit, day) → last number of the series kept in `table`.
fn sequences(conn: &Connection, table: &str) -> Result<Sequences, FileError> {
    let rows: Vec<(String, NaiveDate, i64)> = super::conn::query_all(
        conn,
        &format!("SELECT unit_code, day, last FROM {table}"),
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .map_err(|e| FileError::Unreadable(e.to_string()))?;
    Ok(rows
        .into_iter()
        .map(|(unit, day, last)| ((unit, day), u32::try_from(last).unwrap_or(u32::MAX)))
        .collect())
}

type Prepared = ((NaiveDate, NaiveDate), usize, Vec<MovedSequence>, u64);

/// In the staged copy: moves the sequences, ends the sessions, and leaves a single file
/// (rollback journal mode; the server turns WAL on again when it opens it).
fn prepare(
    staged: &Path,
    today: NaiveDate,
    margin: u32,
    replaced: &[Sequences; 2],
) -> Result<Prepared, FileError> {
    let mut conn = Connection::open(staged).map_err(unreadable)?;
    let tx = conn.transaction().map_err(unreadable)?;
    let backup = sequences(&tx, SERIES[0])?;
    let last_day: Option<NaiveDate> = tx
        .query_row("SELECT MAX(date(at)) FROM dossier_events", [], |r| r.get(0))
        .map_err(unreadable)?;
    let last_day = last_day.max(backup.keys().map(|(_, d)| *d).max());
    let first = last_day.unwrap_or(today).min(today);
    let last = last_day.unwrap_or(today).max(today);
    let mut units: BTreeSet<String> =
        super::conn::query_all(&tx, "SELECT code FROM units", &[], |r| r.get(0))
            .map_err(|e| FileError::Unreadable(e.to_string()))?
            .into_iter()
            .collect();
    units.extend(backup.keys().map(|(u, _)| u.clone()));
    let days = (first, last);
    let moved = move_series(&tx, SERIES[0], &backup, &replaced[0], &units, days, margin)?;
    let has_submissions: i64 = tx
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [SERIES[1]],
            |r| r.get(0),
        )
        .map_err(unreadable)?;
    if has_submissions > 0 {
        let backup = sequences(&tx, SERIES[1])?;
        move_series(&tx, SERIES[1], &backup, &replaced[1], &units, days, margin)?;
    }
    let sessions = tx.execute("DELETE FROM sessions", []).map_err(unreadable)?;
    tx.commit().map_err(unreadable)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(unreadable)?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(FileError::Io(format!("journal mode stayed {mode}")));
    }
    conn.close().map_err(|(_, e)| unreadable(e))?;
    let file = std::fs::File::open(staged).map_err(|e| io(staged, &e))?;
    file.sync_all().map_err(|e| io(staged, &e))?;
    Ok((
        (first, last),
        units.len(),
        moved,
        u64::try_from(sessions).unwrap_or(0),
    ))
}

/// Moves every unit's sequence of the series in `table`, each day of `days`, past the highest
/// number of the backup and the replaced database by `margin`; answers those that had numbers.
fn move_series(
    tx: &Connection,
    table: &str,
    backup: &Sequences,
    replaced: &Sequences,
    units: &BTreeSet<String>,
    (first, last): (NaiveDate, NaiveDate),
    margin: u32,
) -> Result<Vec<MovedSequence>, FileError> {
    let mut moved = Vec::new();
    let mut upsert = tx
        .prepare(&format!(
            "INSERT INTO {table} (unit_code, day, last) VALUES (?1, ?2, ?3) \
             ON CONFLICT (unit_code, day) DO UPDATE SET last = excluded.last"
        ))
        .map_err(unreadable)?;
    for unit in units {
        for day in first.iter_days().take_while(|d| *d <= last) {
            let key = (unit.clone(), day);
            let backup_last = backup.get(&key).copied().unwrap_or(0);
            let replaced_last = replaced.get(&key).copied();
            let new = backup_last
                .max(replaced_last.unwrap_or(0))
                .saturating_add(margin);
            upsert
                .execute(rusqlite::params![unit, day, i64::from(new)])
                .map_err(unreadable)?;
            if backup_last > 0 || replaced_last.is_some() {
                moved.push(MovedSequence {
                    unit: unit.clone(),
                    day,
                    backup_last,
                    replaced_last,
                    last: new,
                });
            }
        }
    }
    Ok(moved)
}

/// Renames the replaced database (and its WAL files) to `<name>.truoc-khoi-phuc-<now>`. A
/// locked database first gets its WAL copied in and leaves WAL mode, so that no WAL file of
/// the old database stays next to the new one.
fn set_aside(
    to: &Path,
    now: NaiveDateTime,
    locked: Option<Connection>,
) -> Result<PathBuf, FileError> {
    if let Some(conn) = &locked {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(unreadable)?;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .map_err(unreadable)?;
    }
    let kept = sibling(
        to,
        &format!(".truoc-khoi-phuc-{}", now.format("%Y%m%d-%H%M%S")),
    );
    for suffix in ["", "-wal", "-shm"] {
        let old = sibling(to, suffix);
        if old.exists() {
            let new = sibling(&kept, suffix);
            std::fs::rename(&old, &new).map_err(|e| io(&old, &e))?;
        }
    }
    // Closed only now: the lock was held until the old file had left its place.
    drop(locked);
    Ok(kept)
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file and its WAL companions, if present.
fn remove_set(path: &Path) -> Result<(), FileError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = sibling(path, suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&p, &e)),
        }
    }
    Ok(())
}

/// Makes the renames durable (best effort: not every system can sync a directory).
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn io(path: &Path, e: &std::io::Error) -> FileError {
    FileError::Io(format!("{}: {e}", path.display()))
}
