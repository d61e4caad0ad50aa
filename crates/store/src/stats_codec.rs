//! The columns of the statistics projection (`dossier_stats`), shared by both adapters, and the
//! stored form of imported dossiers.

use chrono::{DateTime, NaiveDateTime};
use motcua_app::store::{StatsRow, StoreError};
use motcua_domain::dossier::{Dossier, Event};
use motcua_domain::history::ImportedDossier;
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::stats::{Rating, Record};

/// `dossiers.format` of a row holding a snapshot, with its events in `dossier_events`.
pub(crate) const FORMAT_SNAPSHOT: i64 = 0;
/// `dossiers.format` of an imported row holding its `ImportedDossier`.
pub(crate) const FORMAT_IMPORTED: i64 = 1;

/// Rows per page of a projection read.
pub(crate) const MAX_STATS_PAGE: u32 = 20_000;

const FEE_BEARING: i64 = 1;
const PAID_ONLINE: i64 = 1 << 1;
const DIGITISED: i64 = 1 << 2;
const E_RESULT: i64 = 1 << 3;
const REUSED_DATA: i64 = 1 << 4;
const APOLOGY: i64 = 1 << 5;
const COMPLAINT: i64 = 1 << 6;
const ONLINE: i64 = 1 << 7;
const LATE_APOLOGY: i64 = 1 << 8;
/// The procedure's result is not a document (rows without it: a document).
const NO_DOCUMENT_RESULT: i64 = 1 << 9;

/// The projection columns of a dossier, `None` when it was never received.
#[derive(Debug)]
pub(crate) struct StatsColumns<'a> {
    pub code: &'a str,
    pub competent_unit: &'a str,
    pub procedure_code: &'a str,
    pub field: &'a str,
    pub received_at: i64,
    pub due_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub flags: i64,
    pub paid_online_vnd: i64,
    pub supplements: i64,
    pub rating: Option<i64>,
}

impl<'a> StatsColumns<'a> {
    /// The row of `d`, computed by the domain's `Record::from_dossier`.
    pub(crate) fn of(d: &'a Dossier) -> Option<StatsColumns<'a>> {
        StatsNumbers::of(d).map(|n| StatsColumns::with(d, n))
    }

    /// The row of `d` whose numbers were computed before (see [`StatsNumbers::of`]).
    pub(crate) fn with(d: &'a Dossier, n: StatsNumbers) -> StatsColumns<'a> {
        StatsColumns {
            code: d.code.as_str(),
            competent_unit: d.facts.competent_unit.as_str(),
            procedure_code: d.facts.procedure_code.as_str(),
            field: d.facts.field.as_str(),
            received_at: n.received_at,
            due_at: n.due_at,
            ended_at: n.ended_at,
            flags: n.flags,
            paid_online_vnd: n.paid_online_vnd,
            supplements: n.supplements,
            rating: n.rating,
        }
    }
}

/// The computed columns of a projection row (the rest are the dossier's own texts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatsNumbers {
    received_at: i64,
    due_at: Option<i64>,
    ended_at: Option<i64>,
    flags: i64,
    paid_online_vnd: i64,
    supplements: i64,
    rating: Option<i64>,
}

impl StatsNumbers {
    /// The numbers of `d`'s row, `None` when it was never received.
    pub(crate) fn of(d: &Dossier) -> Option<StatsNumbers> {
        let r = Record::from_dossier(d, 0, 0)?;
        let flag = |on: bool, bit: i64| if on { bit } else { 0 };
        Some(StatsNumbers {
            received_at: millis(r.received),
            due_at: r.due.map(millis),
            ended_at: r.ended.map(millis),
            flags: flag(r.fee_bearing, FEE_BEARING)
                | flag(r.paid_online, PAID_ONLINE)
                | flag(r.digitised, DIGITISED)
                | flag(r.e_result, E_RESULT)
                | flag(r.reused_data, REUSED_DATA)
                | flag(r.apology, APOLOGY)
                | flag(r.complaint, COMPLAINT)
                | flag(r.online, ONLINE)
                | flag(r.late_apology, LATE_APOLOGY)
                | flag(!r.document_result, NO_DOCUMENT_RESULT),
            paid_online_vnd: i64::try_from(r.paid_online_vnd).unwrap_or(i64::MAX),
            supplements: i64::from(r.supplements_after_reception),
            rating: r.rating.map(rating_code),
        })
    }
}

/// A projection row as read, before decoding.
#[derive(Debug)]
pub(crate) struct StatsRaw {
    pub rev: i64,
    pub code: String,
    pub competent_unit: String,
    pub procedure_code: String,
    pub field: String,
    pub received_at: i64,
    pub due_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub flags: i64,
    pub paid_online_vnd: i64,
    pub supplements: i64,
    pub rating: Option<i64>,
}

impl StatsRaw {
    /// The decoded row.
    pub(crate) fn decode(self) -> Result<StatsRow, StoreError> {
        let bad = |what: &str| StoreError::Database(format!("dossier_stats {}: {what}", self.code));
        let time = |ms: i64| from_millis(ms).ok_or_else(|| bad("instant out of range"));
        let on = |bit: i64| self.flags & bit != 0;
        let mut record = Record::received_at(0, 0, time(self.received_at)?);
        record.online = on(ONLINE);
        record.due = self.due_at.map(time).transpose()?;
        record.ended = self.ended_at.map(time).transpose()?;
        record.fee_bearing = on(FEE_BEARING);
        record.paid_online = on(PAID_ONLINE);
        record.paid_online_vnd = u64::try_from(self.paid_online_vnd).unwrap_or(0);
        record.digitised = on(DIGITISED);
        record.e_result = on(E_RESULT);
        record.document_result = !on(NO_DOCUMENT_RESULT);
        record.reused_data = on(REUSED_DATA);
        record.apology = on(APOLOGY);
        record.late_apology = on(LATE_APOLOGY);
        record.complaint = on(COMPLAINT);
        record.supplements_after_reception = u8::try_from(self.supplements).unwrap_or(u8::MAX);
        record.rating = match self.rating {
            None => None,
            Some(code) => Some(rating_from(code).ok_or_else(|| bad("rating"))?),
        };
        Ok(StatsRow {
            rev: self.rev,
            code: DossierCode::parse(&self.code).map_err(|e| bad(&e.to_string()))?,
            competent_unit: UnitCode::parse(&self.competent_unit)
                .map_err(|e| bad(&e.to_string()))?,
            procedure_code: ProcedureCode::parse(&self.procedure_code)
                .map_err(|e| bad(&e.to_string()))?,
            field: self.field,
            record,
        })
    }
}

fn millis(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp_millis()
}

fn from_millis(ms: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp_millis(ms).map(|t| t.naive_utc())
}

fn rating_code(r: Rating) -> i64 {
    match r {
        Rating::RatHaiLong => 1,
        Rating::HaiLong => 2,
        Rating::BinhThuong => 3,
        Rating::KhongHaiLong => 4,
    }
}

fn rating_from(code: i64) -> Option<Rating> {
    Some(match code {
        1 => Rating::RatHaiLong,
        2 => Rating::HaiLong,
        3 => Rating::BinhThuong,
        4 => Rating::KhongHaiLong,
        _ => return None,
    })
}

/// A stored dossier row: the snapshot (format 0), or the source of an imported one (format 1),
/// rebuilt with its events.
pub(crate) fn decode_dossier(format: i64, data: &str) -> Result<Dossier, StoreError> {
    Ok(decode_with_events(format, data)?.0)
}

/// A stored row as a dossier and, for an imported one, its rebuilt events (`None` for a
/// snapshot row, whose events are in `dossier_events`).
pub(crate) fn decode_with_events(
    format: i64,
    data: &str,
) -> Result<(Dossier, Option<Vec<Event>>), StoreError> {
    match format {
        FORMAT_SNAPSHOT => Ok((crate::codec::from_json(data)?, None)),
        FORMAT_IMPORTED => {
            let source: ImportedDossier = crate::codec::from_json(data)?;
            let (dossier, events) = source.build().ok_or_else(|| {
                StoreError::Database(format!(
                    "imported dossier {} does not rebuild",
                    source.record.code
                ))
            })?;
            Ok((dossier, Some(events)))
        }
        other => Err(StoreError::Database(format!(
            "unknown dossier row format {other}"
        ))),
    }
}

/// The highest sequence number of each unit and day among imported codes: one raise of each
/// daily sequence per batch.
pub(crate) fn highest_sequences<'a>(
    codes: impl IntoIterator<Item = &'a DossierCode>,
) -> std::collections::BTreeMap<(UnitCode, chrono::NaiveDate), u32> {
    let mut out = std::collections::BTreeMap::new();
    for code in codes {
        if let Some((unit, day, seq)) = code.parts() {
            let top = out.entry((unit, day)).or_insert(seq);
            *top = (*top).max(seq);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_round_trip_through_their_codes() {
        for r in Rating::ALL {
            assert_eq!(rating_from(rating_code(r)), Some(r));
        }
        assert_eq!(rating_from(0), None);
    }

    #[test]
    fn instants_keep_milliseconds() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_milli_opt(16, 59, 59, 999)
            .unwrap();
        assert_eq!(from_millis(millis(t)), Some(t));
    }
}
