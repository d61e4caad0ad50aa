//! Statements on accounts: ending sessions, enabling and disabling users.

use super::reference::{UserRow, create_session, user_of};
use crate::error::db;
use crate::sql;
use chrono::NaiveDateTime;
use motcua_app::store::{SessionRecord, StoreError, UserChange, UserRecord};
use sqlx::PgConnection;

/// Stores `s` after deleting the user's other sessions of its kind (the caller provides the
/// transaction).
pub(crate) async fn replace_sessions(
    conn: &mut PgConnection,
    s: &SessionRecord,
) -> Result<(), StoreError> {
    delete_user_sessions(conn, &s.username, Some(&s.kind)).await?;
    create_session(conn, s).await
}

/// Deletes a user's sessions of `kind`, or all of them.
pub(crate) async fn delete_user_sessions(
    conn: &mut PgConnection,
    username: &str,
    kind: Option<&str>,
) -> Result<u64, StoreError> {
    let query = match kind {
        Some(kind) => sqlx::query(sql::DELETE_USER_SESSIONS_OF_KIND)
            .bind(username)
            .bind(kind),
        None => sqlx::query(sql::DELETE_USER_SESSIONS).bind(username),
    };
    Ok(query.execute(&mut *conn).await.map_err(db)?.rows_affected())
}

/// Deletes the sessions and tokens expired at `now`.
pub(crate) async fn purge_sessions(
    conn: &mut PgConnection,
    now: NaiveDateTime,
) -> Result<u64, StoreError> {
    Ok(sqlx::query(sql::PURGE_SESSIONS)
        .bind(now)
        .execute(&mut *conn)
        .await
        .map_err(db)?
        .rows_affected())
}

/// Every user.
pub(crate) async fn users(conn: &mut PgConnection) -> Result<Vec<UserRecord>, StoreError> {
    let rows: Vec<UserRow> = sqlx::query_as(sql::USERS)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(rows.into_iter().map(user_of).collect())
}

/// Enables or disables a user and records the change; disabling ends the user's sessions (the
/// caller provides the transaction).
pub(crate) async fn set_user_active(
    conn: &mut PgConnection,
    change: &UserChange,
) -> Result<(), StoreError> {
    let updated = sqlx::query(sql::SET_USER_ACTIVE)
        .bind(&change.username)
        .bind(change.active)
        .execute(&mut *conn)
        .await
        .map_err(db)?
        .rows_affected();
    if updated == 0 {
        return Err(StoreError::NotFound(format!(
            "người dùng «{}»",
            change.username
        )));
    }
    sqlx::query(sql::INSERT_USER_CHANGE)
        .bind(&change.username)
        .bind(change.active)
        .bind(&change.actor)
        .bind(change.at)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    if !change.active {
        delete_user_sessions(conn, &change.username, None).await?;
    }
    Ok(())
}

/// The changes recorded for a user, oldest first.
pub(crate) async fn user_changes(
    conn: &mut PgConnection,
    username: &str,
) -> Result<Vec<UserChange>, StoreError> {
    let rows: Vec<(String, bool, String, NaiveDateTime)> = sqlx::query_as(sql::USER_CHANGES)
        .bind(username)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(rows
        .into_iter()
        .map(|(username, active, actor, at)| UserChange {
            username,
            active,
            actor,
            at,
        })
        .collect())
}

/// Whether this server takes writes: `false` on a standby or a read-only database.
/// The readiness probe's real write (a row of its own).
pub(crate) async fn probe(conn: &mut PgConnection) -> Result<(), StoreError> {
    sqlx::query(sql::PROBE)
        .execute(&mut *conn)
        .await
        .map(drop)
        .map_err(db)
}

pub(crate) async fn writable(conn: &mut PgConnection) -> Result<bool, StoreError> {
    sqlx::query_scalar(sql::PG_WRITABLE)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)
}
