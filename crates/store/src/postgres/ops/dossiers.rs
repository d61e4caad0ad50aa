//! Statements on dossiers: insertion with code allocation, events, reads and lists.

use super::stats;
use crate::chain::{self, written_on};
use crate::codec::{self, DossierColumns};
use crate::error::db;
use crate::list::{self, Param};
use crate::sql;
use crate::stats_codec::{FORMAT_IMPORTED, decode_dossier, decode_with_events, highest_sequences};
use chrono::NaiveDate;
use motcua_app::idempotency::IdempotencyKey;
use motcua_app::store::{DossierQuery, Imported, Inserted, StoreError};
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::ids::{DossierCode, UnitCode};
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, PgConnection, Postgres, QueryBuilder};

/// The dossier an idempotency key created, if the key was used.
pub(crate) async fn replay(
    conn: &mut PgConnection,
    key: &IdempotencyKey,
) -> Result<Option<Inserted>, StoreError> {
    let found: Option<(String, String)> = sqlx::query_as(sql::IDEMPOTENCY_KEY)
        .bind(key.user())
        .bind(key.channel().code())
        .bind(key.key())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    let Some((code, digest)) = found else {
        return Ok(None);
    };
    let code =
        DossierCode::parse(&code).map_err(|e| StoreError::Database(format!("stored code: {e}")))?;
    let (dossier, events) = dossier(conn, &code)
        .await?
        .ok_or_else(|| StoreError::NotFound(code.to_string()))?;
    Ok(Some(Inserted {
        dossier,
        events,
        replay_of: Some(digest),
    }))
}

/// Replays the idempotency key if it was used, else inserts the dossier with the next
/// code of its unit's day (the caller provides the transaction).
pub(crate) async fn insert_dossier(
    conn: &mut PgConnection,
    new: NewDossier,
    actor: &str,
    key: Option<&IdempotencyKey>,
) -> Result<Inserted, StoreError> {
    if let Some(key) = key
        && let Some(found) = replay(conn, key).await?
    {
        return Ok(found);
    }
    let series = if new.received_now() {
        sql::NEXT_SEQUENCE
    } else {
        sql::NEXT_SUBMISSION
    };
    let n = next_number(conn, series, &new.receiving_unit, new.code_date()).await?;
    let code = new.number(n);
    let (dossier, events) = new.into_dossier(code, actor).ok_or_else(|| {
        StoreError::Database("a new dossier must begin with its creation".to_owned())
    })?;
    insert_row(conn, &dossier, &events).await?;
    if let Some(key) = key {
        sqlx::query(sql::INSERT_IDEMPOTENCY_KEY)
            .bind(key.user())
            .bind(key.channel().code())
            .bind(key.key())
            .bind(key.request_digest())
            .bind(dossier.key().as_str())
            .bind(dossier.created_at)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(Inserted {
        dossier,
        events,
        replay_of: None,
    })
}

/// Inserts imported dossiers with their own codes, raising each unit's daily sequence (the
/// caller provides the transaction).
pub(crate) async fn import_dossiers(
    conn: &mut PgConnection,
    batch: &[Imported],
) -> Result<(), StoreError> {
    for Imported { source, dossier } in batch {
        let c = DossierColumns::of(dossier);
        sqlx::query(sql::INSERT_IMPORTED)
            .bind(c.code)
            .bind(c.receiving_unit)
            .bind(c.competent_unit)
            .bind(c.current_unit)
            .bind(c.procedure_code)
            .bind(c.status)
            .bind(c.channel)
            .bind(c.created_at)
            .bind(c.received_at)
            .bind(c.due_at)
            .bind(c.ended_at)
            .bind(c.version)
            .bind(c.applicant_phone)
            .bind(c.applicant_id_number)
            .bind(Json(source))
            .execute(&mut *conn)
            .await
            .map_err(db)?;
        stats::upsert(conn, dossier).await?;
    }
    for ((unit, day), seq) in highest_sequences(batch.iter().map(|i| &i.dossier.code)) {
        sqlx::query(sql::RAISE_SEQUENCE)
            .bind(unit.as_str())
            .bind(day)
            .bind(i64::from(seq))
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// The dossier row and its events.
async fn insert_row(
    conn: &mut PgConnection,
    dossier: &Dossier,
    events: &[Event],
) -> Result<(), StoreError> {
    let c = DossierColumns::of(dossier);
    sqlx::query(sql::INSERT_DOSSIER)
        .bind(c.code)
        .bind(c.receiving_unit)
        .bind(c.competent_unit)
        .bind(c.current_unit)
        .bind(c.procedure_code)
        .bind(c.status)
        .bind(c.channel)
        .bind(c.created_at)
        .bind(c.received_at)
        .bind(c.due_at)
        .bind(c.ended_at)
        .bind(c.version)
        .bind(c.applicant_phone)
        .bind(c.applicant_id_number)
        .bind(Json(dossier))
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    insert_events(conn, dossier.key(), None, events, written_on(events)).await?;
    stats::upsert(conn, dossier).await
}

/// Inserts `events` of dossier `code`, linked after `prev` (its last stored hash), as written on
/// `day`; answers the last hash.
async fn insert_events(
    conn: &mut PgConnection,
    code: &DossierCode,
    prev: Option<String>,
    events: &[Event],
    day: NaiveDate,
) -> Result<Option<String>, StoreError> {
    if events.is_empty() {
        return Ok(prev);
    }
    let linked = chain::link(code, prev, events)?;
    let last = linked.last().map(|l| l.hash.clone());
    // One statement for all the events of a change: fewer round trips to the database.
    let mut insert = QueryBuilder::<Postgres>::new(sql::INSERT_EVENTS);
    insert.push_values(linked, |mut row, l| {
        let e = l.event;
        row.push_bind(code.as_str())
            .push_bind(i64::from(e.seq))
            .push_bind(e.at)
            .push_bind(e.actor.as_str())
            .push_bind(e.kind.code())
            .push_bind(Json(e))
            .push_bind(l.prev_hash)
            .push_bind(l.hash)
            .push_bind(day);
    });
    insert.build().execute(&mut *conn).await.map_err(db)?;
    Ok(last)
}

/// The next number of `unit`'s series on `day`: [`sql::NEXT_SEQUENCE`] for codes,
/// [`sql::NEXT_SUBMISSION`] for submission numbers. The row stays locked until the caller's
/// transaction ends, so servers sharing the database never give a number twice.
async fn next_number(
    conn: &mut PgConnection,
    series: &'static str,
    unit: &UnitCode,
    day: NaiveDate,
) -> Result<u32, StoreError> {
    let last: i64 = sqlx::query_scalar(series)
        .bind(unit.as_str())
        .bind(day)
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?;
    codec::to_u32(last)
}

/// Stores the new state and its events if the stored version is `expected` (the caller provides
/// the transaction). A dossier submitted online and received now takes the next code of its
/// reception day, pointed to its key (docs/rules.md §6.5): answers that code.
pub(crate) async fn append_events(
    conn: &mut PgConnection,
    dossier: &Dossier,
    expected: u32,
    events: &[Event],
) -> Result<Option<DossierCode>, StoreError> {
    let prior: Option<(i16, String)> = sqlx::query_as(sql::PG_DOSSIER_FOR_UPDATE)
        .bind(dossier.key().as_str())
        .bind(i64::from(expected))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    // Numbered only once the row is locked at the version expected.
    let issued = match dossier.code_sequence().filter(|_| prior.is_some()) {
        Some((unit, day)) => {
            let n = next_number(conn, sql::NEXT_SEQUENCE, unit, day).await?;
            Some(DossierCode::new(unit, day, n))
        }
        None => None,
    };
    let owned = issued
        .as_ref()
        .map(|code| codec::issued(dossier, events, code))
        .transpose()?;
    let (dossier, events) = owned
        .as_ref()
        .map_or((dossier, events), |(d, e)| (d, e.as_slice()));
    let c = DossierColumns::of(dossier);
    let updated = sqlx::query(sql::UPDATE_DOSSIER)
        .bind(c.code)
        .bind(i64::from(expected))
        .bind(c.current_unit)
        .bind(c.status)
        .bind(c.received_at)
        .bind(c.due_at)
        .bind(c.ended_at)
        .bind(c.version)
        .bind(Json(dossier))
        .execute(&mut *conn)
        .await
        .map_err(db)?
        .rows_affected();
    if updated == 0 {
        let exists: Option<(i16, String)> = sqlx::query_as(sql::PG_DOSSIER)
            .bind(c.code)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?;
        return Err(match exists {
            Some(_) => {
                StoreError::Conflict(format!("{} is no longer at version {expected}", c.code))
            }
            None => StoreError::NotFound(c.code.to_owned()),
        });
    }
    if let Some(code) = &issued {
        sqlx::query(sql::INSERT_DOSSIER_CODE)
            .bind(code.as_str())
            .bind(c.code)
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    let day = written_on(events);
    let mut last: Option<String> = sqlx::query_scalar(sql::LAST_EVENT_HASH)
        .bind(c.code)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .flatten();
    // The first change to an imported dossier stores the events rebuilt from its source.
    if let Some((format, data)) = prior
        && i64::from(format) == FORMAT_IMPORTED
        && let (_, Some(rebuilt)) = decode_with_events(FORMAT_IMPORTED, &data)?
    {
        last = insert_events(conn, dossier.key(), last, &rebuilt, day).await?;
    }
    insert_events(conn, dossier.key(), last, events, day).await?;
    stats::upsert(conn, dossier).await?;
    Ok(issued)
}

/// A dossier, by its code or its submission number, and its events, consistent without a
/// snapshot: the events are read up to the version of the state read first (they are only
/// ever appended).
pub(crate) async fn dossier(
    conn: &mut PgConnection,
    code: &DossierCode,
) -> Result<Option<(Dossier, Vec<Event>)>, StoreError> {
    let row: Option<(i16, String)> = sqlx::query_as(sql::PG_DOSSIER)
        .bind(code.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?;
    let Some((format, data)) = row else {
        return Ok(None);
    };
    let (state, rebuilt) = decode_with_events(i64::from(format), &data)?;
    if let Some(events) = rebuilt {
        return Ok(Some((state, events)));
    }
    let events: Vec<Json<Event>> = sqlx::query_scalar(sql::EVENTS)
        .bind(state.key().as_str())
        .bind(i64::from(state.version))
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    Ok(Some((state, events.into_iter().map(|Json(e)| e).collect())))
}

/// Number of dossiers.
pub(crate) async fn count_dossiers(conn: &mut PgConnection) -> Result<u64, StoreError> {
    super::reference::count(conn, sql::COUNT_DOSSIERS).await
}

/// The daily sequences of a unit.
pub(crate) async fn sequences(
    conn: &mut PgConnection,
    unit: &UnitCode,
) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
    let rows: Vec<(NaiveDate, i64)> = sqlx::query_as(sql::SEQUENCES)
        .bind(unit.as_str())
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    rows.into_iter()
        .map(|(day, last)| Ok((day, codec::to_u32(last)?)))
        .collect()
}

/// A page of dossiers, the unit filter bound as `text[]`.
pub(crate) async fn list_dossiers(
    conn: &mut PgConnection,
    query: &DossierQuery,
) -> Result<Vec<Dossier>, StoreError> {
    let list = list::build(query, "data::text", |column, placeholder| {
        format!("{column} = ANY({placeholder})")
    });
    let mut select = sqlx::query_as::<Postgres, (i16, String)>(AssertSqlSafe(list.sql));
    for param in list.params {
        select = match param {
            Param::Text(text) => select.bind(text),
            Param::Time(time) => select.bind(time),
            Param::Int(n) => select.bind(n),
            Param::Units(codes) => select.bind(codes),
        };
    }
    let rows = select.fetch_all(&mut *conn).await.map_err(db)?;
    rows.iter()
        .map(|(format, data)| decode_dossier(i64::from(*format), data))
        .collect()
}

/// Deletes idempotency keys made before `before`.
pub(crate) async fn purge_idempotency_keys(
    conn: &mut PgConnection,
    before: chrono::NaiveDateTime,
) -> Result<u64, StoreError> {
    let done = sqlx::query(sql::PURGE_IDEMPOTENCY_KEYS)
        .bind(before)
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    Ok(done.rows_affected())
}
