//! SQLite connections: opening them with the store's settings, and running one statement through
//! the connection's statement cache, with `$n` parameters as in [`crate::sql`].

use crate::error;
use crate::list::Param;
use chrono::{Datelike, NaiveDateTime, Timelike};
use motcua_app::store::StoreError;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{CachedStatement, Connection, OpenFlags, Row, Statement};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;
use std::time::Duration;

/// How long a connection waits for a lock held by another process.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Prepared statements kept per connection (the writer uses about 25 distinct ones).
const STATEMENT_CACHE: usize = 64;
/// Page cache of the write connection, in KiB: large batches (history import, synthetic data)
/// touch eight indexes of `dossiers`; with SQLite's 2 MiB default their pages are evicted and
/// read again, and dirty pages spill to the WAL before the commit.
const WRITER_CACHE_KIB: i64 = 64 * 1024;
/// Bytes of the database file each connection maps into memory: page reads become memory reads
/// instead of one system call each.
const MMAP_BYTES: i64 = 256 * 1024 * 1024;

/// Page size of a new database file (an existing file keeps its own). SQLite's 4 KiB default
/// makes four times as many pages of a large table: building an index reads each of them, and
/// a large transaction writes each as one WAL frame that later reads look up one by one. With
/// 16 KiB pages a 1,000,000-dossier history import builds its indexes about twice as fast.
const PAGE_SIZE: i64 = 16 * 1024;

/// Size, in bytes, to which the WAL file is cut back each time it starts over after a
/// checkpoint. SQLite otherwise keeps the file as large as it ever grew: a backup or a long
/// report holding a snapshot while intakes go on, or one large write, would leave a WAL of
/// hundreds of megabytes for good. Twice the 16 MiB the WAL reaches between two automatic
/// checkpoints (1,000 pages of 16 KiB), so that the steady state never truncates.
pub(crate) const JOURNAL_SIZE_LIMIT: i64 = 32 * 1024 * 1024;

/// Opens the write connection, creating the file if missing: WAL, `synchronous=FULL`, foreign
/// keys enforced, the WAL file cut back to [`JOURNAL_SIZE_LIMIT`] when it starts over.
pub(crate) fn open_writer(path: &Path) -> Result<Connection, StoreError> {
    let conn = open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )?;
    // Only takes effect on a file without tables, before it enters WAL mode.
    conn.pragma_update(None, "page_size", PAGE_SIZE)
        .map_err(error::sqlite)?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(error::sqlite)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Database(format!(
            "SQLite journal mode is {mode}, not wal"
        )));
    }
    conn.execute_batch(&format!(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -{WRITER_CACHE_KIB}; \
         PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT};"
    ))
    .map_err(error::sqlite)?;
    Ok(conn)
}

/// Opens a read-only connection.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    open(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
}

fn open(path: &Path, flags: OpenFlags) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(error::sqlite)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(error::sqlite)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch(&format!("PRAGMA mmap_size = {MMAP_BYTES};"))
        .map_err(error::sqlite)?;
    Ok(conn)
}

/// Runs a statement that returns no rows; the number of rows it changed.
pub(crate) fn execute(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
) -> Result<usize, StoreError> {
    prepare(conn, sql, params)?
        .raw_execute()
        .map_err(error::sqlite)
}

/// The first row, if any, mapped by `map`.
pub(crate) fn query_opt<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Option<T>, StoreError> {
    let mut statement = prepare(conn, sql, params)?;
    let mut rows = statement.raw_query();
    match rows.next().map_err(error::sqlite)? {
        Some(row) => map(row).map(Some).map_err(error::sqlite),
        None => Ok(None),
    }
}

/// The first row, mapped by `map`; `NotFound` without one.
pub(crate) fn query_one<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
    map: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<T, StoreError> {
    query_opt(conn, sql, params, map)?
        .ok_or_else(|| error::sqlite(rusqlite::Error::QueryReturnedNoRows))
}

/// Every row, mapped by `map`.
pub(crate) fn query_all<T>(
    conn: &Connection,
    sql: &str,
    params: &[&dyn ToSql],
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = prepare(conn, sql, params)?;
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(error::sqlite)? {
        out.push(map(row).map_err(error::sqlite)?);
    }
    Ok(out)
}

/// The cached statement for `sql`, with `params` bound.
fn prepare<'c>(
    conn: &'c Connection,
    sql: &str,
    params: &[&dyn ToSql],
) -> Result<CachedStatement<'c>, StoreError> {
    let mut statement = conn.prepare_cached(sql).map_err(error::sqlite)?;
    bind(&mut statement, params).map_err(error::sqlite)?;
    Ok(statement)
}

/// The cached statement for `sql`, for a loop that binds its parameters itself by position with
/// `raw_bind_parameter` and runs it with `raw_execute`: checks that they are `$1 … $count` in
/// order, so that position and number agree.
pub(crate) fn prepare_positional<'c>(
    conn: &'c Connection,
    sql: &str,
    count: usize,
) -> Result<CachedStatement<'c>, StoreError> {
    let statement = conn.prepare_cached(sql).map_err(error::sqlite)?;
    let in_order = statement.parameter_count() == count
        && (1..=count).all(|i| {
            statement
                .parameter_name(i)
                .is_none_or(|name| name.get(1..) == Some(i.to_string().as_str()))
        });
    if !in_order {
        return Err(StoreError::Database(format!(
            "statement parameters are not $1 … ${count} in order: {sql}"
        )));
    }
    Ok(statement)
}

/// A local instant bound as the text rusqlite writes for a `NaiveDateTime`
/// (`YYYY-MM-DD HH:MM:SS[.fff]`), without going through chrono's formatter when it has no
/// fraction of a second (every imported instant).
pub(crate) enum TimeText {
    /// `YYYY-MM-DD HH:MM:SS`, years 0 to 9999.
    Whole([u8; 19]),
    /// Anything else, formatted by chrono.
    Other(String),
}

impl TimeText {
    pub(crate) fn new(t: NaiveDateTime) -> TimeText {
        let year = t.year();
        if t.nanosecond() != 0 || !(0..=9999).contains(&year) {
            return TimeText::Other(t.format("%F %T%.f").to_string());
        }
        let mut b = *b"0000-00-00 00:00:00";
        let mut put = |at: usize, value: u32, digits: usize| {
            let mut v = value;
            for i in (at..at + digits).rev() {
                b[i] = b'0' + u8::try_from(v % 10).unwrap_or(0);
                v /= 10;
            }
        };
        put(0, year.unsigned_abs(), 4);
        put(5, t.month(), 2);
        put(8, t.day(), 2);
        put(11, t.hour(), 2);
        put(14, t.minute(), 2);
        put(17, t.second(), 2);
        TimeText::Whole(b)
    }
}

impl ToSql for TimeText {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(match self {
            TimeText::Whole(b) => b,
            TimeText::Other(s) => s.as_bytes(),
        })))
    }
}

/// UTF-8 text already in a buffer (e.g. JSON written by serde_json), bound without a copy.
pub(crate) struct TextBytes<'a>(pub(crate) &'a [u8]);

impl ToSql for TextBytes<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(self.0)))
    }
}

/// Binds `$n` (or `?n`) to `params[n - 1]` and a bare `?` to the parameter at its position.
/// SQLite numbers named parameters in order of first appearance, so `$3 … $1` needs this.
fn bind(statement: &mut Statement<'_>, params: &[&dyn ToSql]) -> rusqlite::Result<()> {
    let count = statement.parameter_count();
    if count != params.len() {
        return Err(rusqlite::Error::InvalidParameterCount(params.len(), count));
    }
    for index in 1..=count {
        let n = match statement.parameter_name(index) {
            None => index,
            Some(name) => name
                .get(1..)
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or_else(|| rusqlite::Error::InvalidParameterName(name.to_owned()))?,
        };
        let value = n
            .checked_sub(1)
            .and_then(|i| params.get(i))
            .ok_or(rusqlite::Error::InvalidParameterCount(n, params.len()))?;
        statement.raw_bind_parameter(index, value)?;
    }
    Ok(())
}

/// A value stored as its serde JSON text (the `data` columns).
#[derive(Debug)]
pub(crate) struct Json<T>(pub(crate) T);

impl<T: Serialize> ToSql for Json<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        json_text(&self.0)
    }
}

fn json_text<T: Serialize + ?Sized>(value: &T) -> rusqlite::Result<ToSqlOutput<'static>> {
    serde_json::to_string(value)
        .map(ToSqlOutput::from)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        serde_json::from_str(value.as_str()?)
            .map(Json)
            .map_err(FromSqlError::other)
    }
}

/// A list parameter: instants as `YYYY-MM-DD HH:MM:SS[.fff]` text, unit lists as a JSON array
/// (read back with `json_each`).
impl ToSql for Param {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Param::Text(text) => text.to_sql(),
            Param::Time(time) => time.to_sql(),
            Param::Int(n) => n.to_sql(),
            Param::Units(codes) => json_text(codes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn memory() -> Connection {
        Connection::open_in_memory().unwrap()
    }

    #[test]
    fn numbered_parameters_bind_by_number_not_by_position() {
        let conn = memory();
        let row = query_one(&conn, "SELECT $3, $1, $2, $1", &[&1, &2, &3], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
        assert_eq!(row, (3_i64, 1_i64, 2_i64, 1_i64));
        assert!(query_opt(&conn, "SELECT $1", &[&1, &2], |r| r.get::<_, i64>(0)).is_err());
    }

    #[test]
    fn instants_are_sortable_text_as_sqlx_wrote_them() {
        let conn = memory();
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let whole = day.and_hms_opt(8, 0, 0).unwrap();
        let nanos = day.and_hms_nano_opt(8, 0, 0, 123_456_789).unwrap();
        let text = |t: &chrono::NaiveDateTime| -> String {
            query_one(&conn, "SELECT $1", &[t], |r| r.get(0)).unwrap()
        };
        assert_eq!(text(&whole), "2026-03-02 08:00:00");
        assert_eq!(text(&nanos), "2026-03-02 08:00:00.123456789");
        let back: chrono::NaiveDateTime =
            query_one(&conn, "SELECT $1", &[&text(&nanos)], |r| r.get(0)).unwrap();
        assert_eq!(back, nanos);
    }

    #[test]
    fn time_text_is_the_text_of_a_naive_date_time() {
        let conn = memory();
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for t in [
            day.and_hms_opt(8, 0, 0).unwrap(),
            day.and_hms_opt(23, 59, 59).unwrap(),
            NaiveDate::from_ymd_opt(987, 12, 31)
                .unwrap()
                .and_hms_opt(0, 0, 1)
                .unwrap(),
            day.and_hms_milli_opt(8, 0, 0, 5).unwrap(),
            day.and_hms_nano_opt(8, 0, 0, 123_456_789).unwrap(),
            NaiveDate::from_ymd_opt(12_345, 1, 1)
                .unwrap()
                .and_hms_opt(1, 2, 3)
                .unwrap(),
        ] {
            let fast: String =
                query_one(&conn, "SELECT $1", &[&TimeText::new(t)], |r| r.get(0)).unwrap();
            let chrono: String = query_one(&conn, "SELECT $1", &[&t], |r| r.get(0)).unwrap();
            assert_eq!(fast, chrono);
        }
    }

    #[test]
    fn positional_statements_need_their_parameters_in_order() {
        let conn = memory();
        assert!(prepare_positional(&conn, "SELECT $1, $2", 2).is_ok());
        assert!(prepare_positional(&conn, "SELECT ?, ?", 2).is_ok());
        assert!(prepare_positional(&conn, "SELECT $2, $1", 2).is_err());
        assert!(prepare_positional(&conn, "SELECT $1", 2).is_err());
    }

    #[test]
    fn json_round_trips_and_unit_lists_feed_json_each() {
        let conn = memory();
        let list = Param::Units(vec!["a".into(), "b".into()]);
        let n: i64 = query_one(
            &conn,
            "SELECT COUNT(*) FROM json_each($1) WHERE value IN ('a', 'b')",
            &[&list],
            |r| r.get(0),
        )
        .unwrap();
        assert_eq!(n, 2);
        let Json(back): Json<Vec<u32>> =
            query_one(&conn, "SELECT $1", &[&Json(vec![1_u32, 2])], |r| r.get(0)).unwrap();
        assert_eq!(back, [1, 2]);
    }
}
