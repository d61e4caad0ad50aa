//! Statements on reference data: units, users, sessions, the catalogue and calendars.

use crate::codec::{self, ImportStep};
use crate::error::db;
use crate::sql;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::store::{ImportSummary, SessionRecord, StoreError, UserRecord};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::ids::{ProcedureCode, UnitCode};
use motcua_domain::org::{Grant, Unit};
use sqlx::PgConnection;
use sqlx::types::Json;

/// Inserts or updates units.
pub(crate) async fn put_units(conn: &mut PgConnection, units: &[Unit]) -> Result<(), StoreError> {
    for unit in units {
        sqlx::query(sql::UPSERT_UNIT)
            .bind(unit.code.as_str())
            .bind(unit.parent.as_ref().map(UnitCode::as_str))
            .bind(codec::enum_code(&unit.kind)?)
            .bind(Json(unit))
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// Every unit.
pub(crate) async fn units(conn: &mut PgConnection) -> Result<Vec<Unit>, StoreError> {
    let rows: Vec<Json<Unit>> = sqlx::query_scalar(sql::UNITS)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(rows.into_iter().map(|Json(u)| u).collect())
}

/// Creates a user.
pub(crate) async fn create_user(
    conn: &mut PgConnection,
    user: &UserRecord,
) -> Result<(), StoreError> {
    sqlx::query(sql::INSERT_USER)
        .bind(&user.username)
        .bind(&user.full_name)
        .bind(&user.password_hash)
        .bind(Json(&user.grants))
        .bind(user.active)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// A user's columns: name, full name, password hash, grants, active.
pub(crate) type UserRow = (String, String, String, Json<Vec<Grant>>, bool);

/// The user of a [`UserRow`].
pub(crate) fn user_of(
    (username, full_name, password_hash, Json(grants), active): UserRow,
) -> UserRecord {
    UserRecord {
        username,
        full_name,
        password_hash,
        grants,
        active,
    }
}

/// A user by login name.
pub(crate) async fn user(
    conn: &mut PgConnection,
    username: &str,
) -> Result<Option<UserRecord>, StoreError> {
    let row: Option<UserRow> = sqlx::query_as(sql::USER)
        .bind(username)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    Ok(row.map(user_of))
}

/// Number of users.
pub(crate) async fn count_users(conn: &mut PgConnection) -> Result<u64, StoreError> {
    count(conn, sql::COUNT_USERS).await
}

/// Runs a `SELECT COUNT(*)`.
pub(crate) async fn count(
    conn: &mut PgConnection,
    statement: &'static str,
) -> Result<u64, StoreError> {
    let n: i64 = sqlx::query_scalar(statement)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    u64::try_from(n).map_err(|_| StoreError::Database(format!("count {n}")))
}

/// Stores a session.
pub(crate) async fn create_session(
    conn: &mut PgConnection,
    s: &SessionRecord,
) -> Result<(), StoreError> {
    sqlx::query(sql::INSERT_SESSION)
        .bind(&s.token_hash)
        .bind(&s.username)
        .bind(&s.csrf_token)
        .bind(&s.kind)
        .bind(s.created_at)
        .bind(s.expires_at)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// A session by the hash of its secret.
pub(crate) async fn session(
    conn: &mut PgConnection,
    token_hash: &str,
) -> Result<Option<SessionRecord>, StoreError> {
    let row: Option<(String, String, String, String, NaiveDateTime, NaiveDateTime)> =
        sqlx::query_as(sql::SESSION)
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?;
    Ok(row.map(
        |(token_hash, username, csrf_token, kind, created_at, expires_at)| SessionRecord {
            token_hash,
            username,
            csrf_token,
            kind,
            created_at,
            expires_at,
        },
    ))
}

/// A session and its user in one query (every authenticated request needs both).
pub(crate) async fn session_user(
    conn: &mut PgConnection,
    token_hash: &str,
) -> Result<Option<(SessionRecord, UserRecord)>, StoreError> {
    type Row = (
        String,
        String,
        String,
        String,
        NaiveDateTime,
        NaiveDateTime,
        String,
        String,
        Json<Vec<Grant>>,
        bool,
    );
    let row: Option<Row> = sqlx::query_as(sql::SESSION_USER)
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    Ok(row.map(
        |(
            token_hash,
            username,
            csrf_token,
            kind,
            created_at,
            expires_at,
            full_name,
            password_hash,
            Json(grants),
            active,
        )| {
            let user = UserRecord {
                username: username.clone(),
                full_name,
                password_hash,
                grants,
                active,
            };
            let session = SessionRecord {
                token_hash,
                username,
                csrf_token,
                kind,
                created_at,
                expires_at,
            };
            (session, user)
        },
    ))
}

/// Deletes a session.
pub(crate) async fn delete_session(
    conn: &mut PgConnection,
    token_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(sql::DELETE_SESSION)
        .bind(token_hash)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(())
}

/// Imports procedures (the caller provides the transaction).
pub(crate) async fn import_procedures(
    conn: &mut PgConnection,
    specs: &[ProcedureSpec],
) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary::default();
    for spec in specs {
        let latest: Option<(i64, Json<serde_json::Value>)> =
            sqlx::query_as(sql::LATEST_PROCEDURE_SPEC)
                .bind(spec.code.as_str())
                .fetch_optional(&mut *conn)
                .await
                .map_err(db)?;
        let step = ImportStep::plan(spec, latest.map(|(v, Json(data))| (v, data)))?;
        step.count(&mut summary);
        if let ImportStep::NewVersion { previous } = step {
            sqlx::query(sql::SET_PROCEDURE_STATUS)
                .bind(spec.code.as_str())
                .bind(previous)
                .bind(codec::AMENDED)
                .execute(&mut *conn)
                .await
                .map_err(db)?;
        }
        if let Some(version) = step.new_version() {
            sqlx::query(sql::INSERT_PROCEDURE)
                .bind(spec.code.as_str())
                .bind(version)
                .bind(codec::ACTIVE)
                .bind(&spec.name)
                .bind(motcua_domain::text::fold(&spec.name))
                .bind(Json(spec))
                .execute(&mut *conn)
                .await
                .map_err(db)?;
        }
    }
    Ok(summary)
}

/// The latest version of every procedure, by code.
pub(crate) async fn procedures(
    conn: &mut PgConnection,
) -> Result<Vec<ProcedureVersion>, StoreError> {
    let rows: Vec<(i64, String, Json<ProcedureSpec>)> = sqlx::query_as(sql::LATEST_PROCEDURES)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    rows.into_iter()
        .map(|(v, status, Json(spec))| codec::procedure_version(v, &status, spec))
        .collect()
}

/// The latest version of one procedure.
pub(crate) async fn procedure(
    conn: &mut PgConnection,
    code: &ProcedureCode,
) -> Result<Option<ProcedureVersion>, StoreError> {
    let row: Option<(i64, String, Json<ProcedureSpec>)> = sqlx::query_as(sql::LATEST_PROCEDURE)
        .bind(code.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    row.map(|(v, status, Json(spec))| codec::procedure_version(v, &status, spec))
        .transpose()
}

/// The overrides of a calendar, oldest first.
pub(crate) async fn calendar_overrides(
    conn: &mut PgConnection,
    calendar: &str,
) -> Result<Vec<CalendarOverride>, StoreError> {
    let rows: Vec<(NaiveDate, String, String, String)> = sqlx::query_as(sql::CALENDAR_OVERRIDES)
        .bind(calendar)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
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
pub(crate) async fn calendar_revision(
    conn: &mut PgConnection,
    calendar: &str,
) -> Result<i64, StoreError> {
    let revision: Option<i64> = sqlx::query_scalar(sql::CALENDAR_REVISION)
        .bind(calendar)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    Ok(revision.unwrap_or(0))
}
