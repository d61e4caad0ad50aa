//! Statements on accounts: ending sessions, enabling and disabling users.

use super::super::conn::{Json, execute, query_all};
use super::reference::create_session;
use crate::sql;
use chrono::NaiveDateTime;
use motcua_app::store::{SessionRecord, StoreError, UserChange, UserRecord};
use rusqlite::Connection;

/// Stores `s` after deleting the user's other sessions of its kind.
pub(crate) fn replace_sessions(conn: &Connection, s: &SessionRecord) -> Result<(), StoreError> {
    execute(
        conn,
        sql::DELETE_USER_SESSIONS_OF_KIND,
        &[&s.username, &s.kind],
    )?;
    create_session(conn, s)
}

/// Deletes a user's sessions of `kind`, or all of them.
pub(crate) fn delete_user_sessions(
    conn: &Connection,
    username: &str,
    kind: Option<&str>,
) -> Result<usize, StoreError> {
    match kind {
        Some(kind) => execute(conn, sql::DELETE_USER_SESSIONS_OF_KIND, &[&username, &kind]),
        None => execute(conn, sql::DELETE_USER_SESSIONS, &[&username]),
    }
}

/// Deletes the sessions and tokens expired at `now`.
pub(crate) fn purge_sessions(conn: &Connection, now: NaiveDateTime) -> Result<usize, StoreError> {
    execute(conn, sql::PURGE_SESSIONS, &[&now])
}

/// Every user.
pub(crate) fn users(conn: &Connection) -> Result<Vec<UserRecord>, StoreError> {
    query_all(conn, sql::USERS, &[], |r| {
        Ok(UserRecord {
            username: r.get(0)?,
            full_name: r.get(1)?,
            password_hash: r.get(2)?,
            grants: r.get::<_, Json<_>>(3)?.0,
            active: r.get(4)?,
        })
    })
}

/// Enables or disables a user and records the change; disabling ends the user's sessions.
pub(crate) fn set_user_active(conn: &Connection, change: &UserChange) -> Result<(), StoreError> {
    let updated = execute(
        conn,
        sql::SET_USER_ACTIVE,
        &[&change.username, &change.active],
    )?;
    if updated == 0 {
        return Err(StoreError::NotFound(format!(
            "người dùng «{}»",
            change.username
        )));
    }
    execute(
        conn,
        sql::INSERT_USER_CHANGE,
        &[&change.username, &change.active, &change.actor, &change.at],
    )?;
    if !change.active {
        delete_user_sessions(conn, &change.username, None)?;
    }
    Ok(())
}

/// The changes recorded for a user, oldest first.
pub(crate) fn user_changes(
    conn: &Connection,
    username: &str,
) -> Result<Vec<UserChange>, StoreError> {
    query_all(conn, sql::USER_CHANGES, &[&username], |r| {
        Ok(UserChange {
            username: r.get(0)?,
            active: r.get(1)?,
            actor: r.get(2)?,
            at: r.get(3)?,
        })
    })
}

/// The readiness probe's real write (a row of its own): it fails when the database cannot take
/// a write, where an empty transaction would still commit.
pub(crate) fn probe(conn: &Connection) -> Result<(), StoreError> {
    execute(conn, sql::PROBE, &[]).map(drop)
}
