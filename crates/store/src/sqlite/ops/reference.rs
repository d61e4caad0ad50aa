//! Statements on reference data: units, users, sessions, the catalogue and calendars.

use super::super::conn::{Json, execute, query_all, query_one, query_opt};
use crate::codec::{self, ImportStep};
use crate::sql;
use chrono::NaiveDate;
use motcua_app::store::{ImportSummary, SessionRecord, StoreError, UserRecord};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::ids::{ProcedureCode, UnitCode};
use motcua_domain::org::Unit;
use rusqlite::{Connection, Row};

/// Inserts or updates units.
pub(crate) fn put_units(conn: &Connection, units: &[Unit]) -> Result<(), StoreError> {
    for unit in units {
        let kind = codec::enum_code(&unit.kind)?;
        execute(
            conn,
            sql::UPSERT_UNIT,
            &[
                &unit.code.as_str(),
                &unit.parent.as_ref().map(UnitCode::as_str),
                &kind,
                &Json(unit),
            ],
        )?;
    }
    Ok(())
}

/// Every unit.
pub(crate) fn units(conn: &Connection) -> Result<Vec<Unit>, StoreError> {
    query_all(conn, sql::UNITS, &[], |r| Ok(r.get::<_, Json<Unit>>(0)?.0))
}

/// Creates a user.
pub(crate) fn create_user(conn: &Connection, user: &UserRecord) -> Result<(), StoreError> {
    execute(
        conn,
        sql::INSERT_USER,
        &[
            &user.username,
            &user.full_name,
            &user.password_hash,
            &Json(&user.grants),
            &user.active,
        ],
    )?;
    Ok(())
}

/// A user by login name.
pub(crate) fn user(conn: &Connection, username: &str) -> Result<Option<UserRecord>, StoreError> {
    query_opt(conn, sql::USER, &[&username], |r| {
        Ok(UserRecord {
            username: r.get(0)?,
            full_name: r.get(1)?,
            password_hash: r.get(2)?,
            grants: r.get::<_, Json<_>>(3)?.0,
            active: r.get(4)?,
        })
    })
}

/// Number of users.
pub(crate) fn count_users(conn: &Connection) -> Result<u64, StoreError> {
    count(conn, sql::COUNT_USERS)
}

/// Runs a `SELECT COUNT(*)`.
pub(crate) fn count(conn: &Connection, statement: &str) -> Result<u64, StoreError> {
    let n: i64 = query_one(conn, statement, &[], |r| r.get(0))?;
    u64::try_from(n).map_err(|_| StoreError::Database(format!("count {n}")))
}

/// Stores a session.
pub(crate) fn create_session(conn: &Connection, s: &SessionRecord) -> Result<(), StoreError> {
    execute(
        conn,
        sql::INSERT_SESSION,
        &[
            &s.token_hash,
            &s.username,
            &s.csrf_token,
            &s.kind,
            &s.created_at,
            &s.expires_at,
        ],
    )?;
    Ok(())
}

/// The session in the first six columns of `r` (as selected by [`sql::SESSION`]).
fn session_row(r: &Row<'_>) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        token_hash: r.get(0)?,
        username: r.get(1)?,
        csrf_token: r.get(2)?,
        kind: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
    })
}

/// A session by the hash of its secret.
pub(crate) fn session(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<SessionRecord>, StoreError> {
    query_opt(conn, sql::SESSION, &[&token_hash], session_row)
}

/// A session and its user in one query (every authenticated request needs both).
pub(crate) fn session_user(
    conn: &Connection,
    token_hash: &str,
) -> Result<Option<(SessionRecord, UserRecord)>, StoreError> {
    query_opt(conn, sql::SESSION_USER, &[&token_hash], |r| {
        let session = session_row(r)?;
        let user = UserRecord {
            username: session.username.clone(),
            full_name: r.get(6)?,
            password_hash: r.get(7)?,
            grants: r.get::<_, Json<_>>(8)?.0,
            active: r.get(9)?,
        };
        Ok((session, user))
    })
}

/// Deletes a session.
pub(crate) fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), StoreError> {
    execute(conn, sql::DELETE_SESSION, &[&token_hash])?;
    Ok(())
}

/// Imports procedures (the caller provides the transaction).
pub(crate) fn import_procedures(
    conn: &Connection,
    specs: &[ProcedureSpec],
) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary::default();
    for spec in specs {
        let code = spec.code.as_str();
        let latest = query_opt(conn, sql::LATEST_PROCEDURE_SPEC, &[&code], |r| {
            Ok((r.get(0)?, r.get::<_, Json<serde_json::Value>>(1)?.0))
        })?;
        let step = ImportStep::plan(spec, latest)?;
        step.count(&mut summary);
        if let ImportStep::NewVersion { previous } = step {
            execute(
                conn,
                sql::SET_PROCEDURE_STATUS,
                &[&code, &previous, &codec::AMENDED],
            )?;
        }
        if let Some(version) = step.new_version() {
            execute(
                conn,
                sql::INSERT_PROCEDURE,
                &[
                    &code,
                    &version,
                    &codec::ACTIVE,
                    &spec.name,
                    &motcua_domain::text::fold(&spec.name),
                    &Json(spec),
                ],
            )?;
        }
    }
    Ok(summary)
}

/// A procedure version's columns: version, status, spec.
type ProcedureRow = (i64, String, Json<ProcedureSpec>);

fn procedure_row(r: &Row<'_>) -> rusqlite::Result<ProcedureRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

/// The latest version of every procedure, by code.
pub(crate) fn procedures(conn: &Connection) -> Result<Vec<ProcedureVersion>, StoreError> {
    query_all(conn, sql::LATEST_PROCEDURES, &[], procedure_row)?
        .into_iter()
        .map(|(v, status, Json(spec))| codec::procedure_version(v, &status, spec))
        .collect()
}

/// The latest version of one procedure.
pub(crate) fn procedure(
    conn: &Connection,
    code: &ProcedureCode,
) -> Result<Option<ProcedureVersion>, StoreError> {
    query_opt(
        conn,
        sql::LATEST_PROCEDURE,
        &[&code.as_str()],
        procedure_row,
    )?
    .map(|(v, status, Json(spec))| codec::procedure_version(v, &status, spec))
    .transpose()
}

/// The overrides of a calendar, oldest first.
pub(crate) fn calendar_overrides(
    conn: &Connection,
    calendar: &str,
) -> Result<Vec<CalendarOverride>, StoreError> {
    let rows: Vec<(NaiveDate, String, String, String)> =
        query_all(conn, sql::CALENDAR_OVERRIDES, &[&calendar], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    rows.into_iter()
        .map(|(date, kind, reason, reference)| {
            Ok(CalendarOverride {
                date,
                kind: codec::parse_code(&kind)?,
                reason,
                reference,
            })
        })
        .collect()
}

/// The calendar's revision, 0 before any override.
pub(crate) fn calendar_revision(conn: &Connection, calendar: &str) -> Result<i64, StoreError> {
    let revision = query_opt(conn, sql::CALENDAR_REVISION, &[&calendar], |r| r.get(0))?;
    Ok(revision.unwrap_or(0))
}
