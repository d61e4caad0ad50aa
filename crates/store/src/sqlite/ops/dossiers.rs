//! Statements on dossiers: insertion with code allocation, events, reads and lists.

use super::super::conn::{
    Json, TextBytes, TimeText, execute, prepare_positional, query_all, query_one, query_opt,
};
use super::stats;
use crate::chain::{self, written_on};
use crate::codec::{self, DossierColumns};
use crate::list;
use crate::sql;
use crate::stats_codec::{
    FORMAT_IMPORTED, StatsColumns, StatsNumbers, decode_dossier, decode_with_events,
    highest_sequences,
};
use chrono::NaiveDate;
use motcua_app::idempotency::IdempotencyKey;
use motcua_app::store::{DossierQuery, Imported, Inserted, StoreError};
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::ids::{DossierCode, UnitCode};
use rusqlite::Connection;
use rusqlite::types::ToSql;

/// The dossier an idempotency key created, if the key was used.
fn replay(conn: &Connection, key: &IdempotencyKey) -> Result<Option<Inserted>, StoreError> {
    let found: Option<(String, String)> = query_opt(
        conn,
        sql::IDEMPOTENCY_KEY,
        &[&key.user(), &key.channel().code(), &key.key()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((code, digest)) = found else {
        return Ok(None);
    };
    let code =
        DossierCode::parse(&code).map_err(|e| StoreError::Database(format!("stored code: {e}")))?;
    let (dossier, events) =
        dossier(conn, &code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))?;
    Ok(Some(Inserted {
        dossier,
        events,
        replay_of: Some(digest),
    }))
}

/// Replays the idempotency key if it was used, else inserts the dossier with the next code of
/// its unit's day (the caller provides the transaction).
pub(crate) fn insert_dossier(
    conn: &Connection,
    new: NewDossier,
    actor: &str,
    key: Option<&IdempotencyKey>,
) -> Result<Inserted, StoreError> {
    if let Some(key) = key
        && let Some(found) = replay(conn, key)?
    {
        return Ok(found);
    }
    let series = if new.received_now() {
        sql::NEXT_SEQUENCE
    } else {
        sql::NEXT_SUBMISSION
    };
    let code = new.number(next_number(
        conn,
        series,
        &new.receiving_unit,
        new.code_date(),
    )?);
    let (dossier, events) = new.into_dossier(code, actor).ok_or_else(|| {
        StoreError::Database("a new dossier must begin with its creation".to_owned())
    })?;
    insert_row(conn, &dossier, &events)?;
    if let Some(key) = key {
        execute(
            conn,
            sql::INSERT_IDEMPOTENCY_KEY,
            &[
                &key.user(),
                &key.channel().code(),
                &key.key(),
                &key.request_digest(),
                &dossier.key().as_str(),
                &dossier.created_at,
            ],
        )?;
    }
    Ok(Inserted {
        dossier,
        events,
        replay_of: None,
    })
}

/// An imported dossier with what its rows need that costs to compute: the JSON of its source
/// and the numbers of its statistics row, prepared on another thread than the writer's.
pub(crate) struct PreparedImport {
    imported: Imported,
    json: Vec<u8>,
    stats: Option<StatsNumbers>,
}

impl PreparedImport {
    /// Prepares the rows of `imported`.
    pub(crate) fn of(imported: Imported) -> Result<PreparedImport, StoreError> {
        let json = serde_json::to_vec(&imported.source).map_err(crate::error::json)?;
        let stats = StatsNumbers::of(&imported.dossier);
        Ok(PreparedImport {
            imported,
            json,
            stats,
        })
    }
}

/// Inserts imported dossiers with their own codes and sources, raising each unit's daily
/// sequence. The two statements are prepared once per batch and bound by position.
pub(crate) fn import_dossiers(
    conn: &Connection,
    batch: &[PreparedImport],
) -> Result<(), StoreError> {
    let rev = stats::next_rev(conn)?;
    let mut insert = prepare_positional(conn, sql::INSERT_IMPORTED, 15)?;
    let mut stats_row = stats::prepare_insert(conn)?;
    for p in batch {
        let dossier = &p.imported.dossier;
        let c = DossierColumns::of(dossier);
        let time = |t: Option<chrono::NaiveDateTime>| t.map(TimeText::new);
        let row: [&dyn ToSql; 15] = [
            &c.code,
            &c.receiving_unit,
            &c.competent_unit,
            &c.current_unit,
            &c.procedure_code,
            &c.status,
            &c.channel,
            &TimeText::new(c.created_at),
            &time(c.received_at),
            &time(c.due_at),
            &time(c.ended_at),
            &c.version,
            &c.applicant_phone,
            &c.applicant_id_number,
            &TextBytes(&p.json),
        ];
        for (i, value) in row.iter().enumerate() {
            insert
                .raw_bind_parameter(i + 1, value)
                .map_err(crate::error::sqlite)?;
        }
        insert.raw_execute().map_err(crate::error::sqlite)?;
        if let Some(numbers) = p.stats {
            stats::write_row(&mut stats_row, rev, &StatsColumns::with(dossier, numbers))?;
        }
    }
    for ((unit, day), seq) in highest_sequences(batch.iter().map(|p| &p.imported.dossier.code)) {
        execute(
            conn,
            sql::RAISE_SEQUENCE,
            &[&unit.as_str(), &day, &i64::from(seq)],
        )?;
    }
    Ok(())
}

/// The dossier row and its events.
fn insert_row(conn: &Connection, dossier: &Dossier, events: &[Event]) -> Result<(), StoreError> {
    let c = DossierColumns::of(dossier);
    execute(
        conn,
        sql::INSERT_DOSSIER,
        &[
            &c.code,
            &c.receiving_unit,
            &c.competent_unit,
            &c.current_unit,
            &c.procedure_code,
            &c.status,
            &c.channel,
            &c.created_at,
            &c.received_at,
            &c.due_at,
            &c.ended_at,
            &c.version,
            &c.applicant_phone,
            &c.applicant_id_number,
            &Json(dossier),
        ],
    )?;
    insert_events(conn, dossier.key(), None, events, written_on(events))?;
    stats::upsert(conn, stats::next_rev(conn)?, dossier)
}

/// Inserts `events` of dossier `code`, linked after `prev` (its last stored hash), as written on
/// `day`.
fn insert_events(
    conn: &Connection,
    code: &DossierCode,
    prev: Option<String>,
    events: &[Event],
    day: NaiveDate,
) -> Result<Option<String>, StoreError> {
    let mut last = prev.clone();
    for l in chain::link(code, prev, events)? {
        let e = l.event;
        let row: [&dyn ToSql; 9] = [
            &code.as_str(),
            &i64::from(e.seq),
            &e.at,
            &e.actor,
            &e.kind.code(),
            &Json(e),
            &l.prev_hash,
            &l.hash,
            &day,
        ];
        execute(conn, sql::INSERT_EVENT, &row)?;
        last = Some(l.hash);
    }
    Ok(last)
}

/// The next number of `unit`'s series on `day`: [`sql::NEXT_SEQUENCE`] for codes,
/// [`sql::NEXT_SUBMISSION`] for submission numbers.
fn next_number(
    conn: &Connection,
    series: &str,
    unit: &UnitCode,
    day: NaiveDate,
) -> Result<u32, StoreError> {
    let last: i64 = query_one(conn, series, &[&unit.as_str(), &day], |r| r.get(0))?;
    codec::to_u32(last)
}

/// Stores the new state and its events if the stored version is `expected` (the caller provides
/// the transaction). A dossier submitted online and received now takes the next code of its
/// reception day, pointed to its key (docs/rules.md §6.5): answers that code.
pub(crate) fn append_events(
    conn: &Connection,
    dossier: &Dossier,
    expected: u32,
    events: &[Event],
) -> Result<Option<DossierCode>, StoreError> {
    let issued = match dossier.code_sequence() {
        Some((unit, day)) => {
            let n = next_number(conn, sql::NEXT_SEQUENCE, unit, day)?;
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
    let prior: Option<(i64, String)> = query_opt(
        conn,
        sql::DOSSIER_AT_VERSION,
        &[&c.code, &i64::from(expected)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let updated = execute(
        conn,
        sql::UPDATE_DOSSIER,
        &[
            &c.code,
            &i64::from(expected),
            &c.current_unit,
            &c.status,
            &c.received_at,
            &c.due_at,
            &c.ended_at,
            &c.version,
            &Json(dossier),
        ],
    )?;
    if updated == 0 {
        let exists = query_opt(conn, sql::DOSSIER, &[&c.code], |_| Ok(()))?;
        return Err(match exists {
            Some(()) => {
                StoreError::Conflict(format!("{} is no longer at version {expected}", c.code))
            }
            None => StoreError::NotFound(c.code.to_owned()),
        });
    }
    if let Some(code) = &issued {
        execute(conn, sql::INSERT_DOSSIER_CODE, &[&code.as_str(), &c.code])?;
    }
    let day = written_on(events);
    let mut last: Option<String> =
        query_opt(conn, sql::LAST_EVENT_HASH, &[&c.code], |r| r.get(0))?.flatten();
    // The first change to an imported dossier stores the events rebuilt from its source.
    if let Some((format, data)) = prior
        && format == FORMAT_IMPORTED
        && let (_, Some(rebuilt)) = decode_with_events(format, &data)?
    {
        last = insert_events(conn, dossier.key(), last, &rebuilt, day)?;
    }
    insert_events(conn, dossier.key(), last, events, day)?;
    stats::upsert(conn, stats::next_rev(conn)?, dossier)?;
    Ok(issued)
}

/// A dossier, by its code or its submission number, and its events, consistent without a
/// snapshot: the events are read up to the version of the state read first (they are only ever
/// appended).
pub(crate) fn dossier(
    conn: &Connection,
    code: &DossierCode,
) -> Result<Option<(Dossier, Vec<Event>)>, StoreError> {
    let row: Option<(i64, String)> = query_opt(conn, sql::DOSSIER, &[&code.as_str()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    let Some((format, data)) = row else {
        return Ok(None);
    };
    let (state, rebuilt) = decode_with_events(format, &data)?;
    if let Some(events) = rebuilt {
        return Ok(Some((state, events)));
    }
    let events = query_all(
        conn,
        sql::EVENTS,
        &[&state.key().as_str(), &i64::from(state.version)],
        |r| Ok(r.get::<_, Json<Event>>(0)?.0),
    )?;
    Ok(Some((state, events)))
}

/// Number of dossiers.
pub(crate) fn count_dossiers(conn: &Connection) -> Result<u64, StoreError> {
    super::reference::count(conn, sql::COUNT_DOSSIERS)
}

/// How many dossiers are stored, read off the highest rowid (dossiers are never deleted).
pub(crate) fn stored_dossiers(conn: &Connection) -> Result<u64, StoreError> {
    let highest: i64 = query_one(
        conn,
        "SELECT coalesce(max(rowid), 0) FROM dossiers",
        &[],
        |r| r.get(0),
    )?;
    Ok(highest.unsigned_abs())
}

/// Which of `codes` exist, as a dossier's key or as a code given at reception: each looked up,
/// or every stored code read once when fewer are stored.
pub(crate) fn existing_codes(
    conn: &Connection,
    codes: &[DossierCode],
) -> Result<Vec<DossierCode>, StoreError> {
    let stored = stored_dossiers(conn)?;
    let found = if usize::try_from(stored).unwrap_or(usize::MAX) <= codes.len() {
        stored_among(conn, codes)?
    } else {
        let list: Vec<&str> = codes.iter().map(DossierCode::as_str).collect();
        let json = serde_json::to_string(&list).map_err(|e| StoreError::Database(e.to_string()))?;
        query_all(conn, sql::EXISTING_CODES_JSON, &[&json], |r| r.get(0))?
    };
    found
        .iter()
        .map(|c| DossierCode::parse(c).map_err(|e| StoreError::Database(e.to_string())))
        .collect()
}

/// The stored codes that are among `codes`, by reading every stored code once: cheaper than
/// looking each of `codes` up when the table holds fewer rows (a first import, say).
fn stored_among(conn: &Connection, codes: &[DossierCode]) -> Result<Vec<String>, StoreError> {
    let wanted: std::collections::HashSet<&str> = codes.iter().map(DossierCode::as_str).collect();
    let mut statement = conn
        .prepare_cached("SELECT code FROM dossiers UNION ALL SELECT code FROM dossier_codes")
        .map_err(crate::error::sqlite)?;
    let mut rows = statement.query([]).map_err(crate::error::sqlite)?;
    let mut found = Vec::new();
    while let Some(row) = rows.next().map_err(crate::error::sqlite)? {
        let code = row
            .get_ref(0)
            .and_then(|v| v.as_str().map_err(Into::into))
            .map_err(crate::error::sqlite)?;
        if wanted.contains(code) {
            found.push(code.to_owned());
        }
    }
    Ok(found)
}

/// The daily sequences of a unit.
pub(crate) fn sequences(
    conn: &Connection,
    unit: &UnitCode,
) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
    let rows: Vec<(NaiveDate, i64)> = query_all(conn, sql::SEQUENCES, &[&unit.as_str()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    rows.into_iter()
        .map(|(day, last)| Ok((day, codec::to_u32(last)?)))
        .collect()
}

/// A page of dossiers, the unit filter bound once per column as a JSON array.
pub(crate) fn list_dossiers(
    conn: &Connection,
    query: &DossierQuery,
) -> Result<Vec<Dossier>, StoreError> {
    let list = list::build(query, "data", |column, placeholder| {
        format!("{column} IN (SELECT value FROM json_each({placeholder}))")
    });
    let params: Vec<&dyn ToSql> = list.params.iter().map(|p| p as &dyn ToSql).collect();
    let rows: Vec<(i64, String)> =
        query_all(conn, &list.sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.iter()
        .map(|(format, data)| decode_dossier(*format, data))
        .collect()
}

/// Deletes idempotency keys made before `before`.
pub(crate) fn purge_idempotency_keys(
    conn: &Connection,
    before: chrono::NaiveDateTime,
) -> Result<usize, StoreError> {
    execute(conn, sql::PURGE_IDEMPOTENCY_KEYS, &[&before])
}
