//! What the use cases hand over to be laid out: domain figures with the names they need.

use super::UnitFieldRows;
use chrono::NaiveDateTime;
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{Apology, Channel, Status};
use motcua_domain::ids::{DossierCode, ProcedureCode};
use motcua_domain::org::Unit;
use motcua_domain::stats::{Figures, Index766, IndicatorId, Period, Report};
use serde::Serialize;

/// The periodic report of a unit subtree (docs/rules.md §8).
#[derive(Debug, Clone, PartialEq)]
pub struct TthcReport {
    /// The unit at the top of the subtree: the reporting unit.
    pub unit: Unit,
    /// The units of the subtree in tree order; `Record::unit` indexes this.
    pub units: Vec<Unit>,
    /// Field names, sorted; `Record::field` indexes this.
    pub fields: Vec<String>,
    /// The figures (totals, rows per unit index and per field index) and the period.
    pub report: Report,
    /// When asked, the rows of the fields of each unit's own dossiers (units and fields by
    /// index); empty otherwise.
    pub unit_fields: Vec<UnitFieldRows>,
    /// The other figures of the same records and period (online payments, digitisation,
    /// ratings, apologies).
    pub figures: Figures,
}

impl TthcReport {
    /// The period.
    pub fn period(&self) -> &Period {
        &self.report.period
    }
}

/// The Decision 766 index of a unit subtree, with the dossiers that lost points.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexReport {
    /// The unit at the top of the subtree.
    pub unit: Unit,
    /// The index.
    pub index: Index766,
    /// Codes of the dossiers counted, indexed by the `losers` lists.
    pub codes: Vec<DossierCode>,
    /// For each indicator counted from records, the indexes in `codes` of the dossiers that
    /// lost it, in [`IndicatorId::ALL`] order.
    pub losers: Vec<(IndicatorId, Vec<usize>)>,
}

impl IndexReport {
    /// The period.
    pub fn period(&self) -> &Period {
        &self.index.period
    }

    /// Codes of the dossiers that lost `id` (none for indicators not counted from records).
    pub fn losers_of(&self, id: IndicatorId) -> impl Iterator<Item = &DossierCode> {
        self.losers
            .iter()
            .filter(move |(i, _)| *i == id)
            .flat_map(|(_, at)| at.iter())
            .filter_map(|&i| self.codes.get(i))
    }

    /// Number of dossiers that lost `id`.
    pub fn loser_count(&self, id: IndicatorId) -> usize {
        self.losers
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(0, |(_, at)| at.len())
    }
}

/// One dossier of the tracking register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRow {
    /// Dossier code.
    pub code: DossierCode,
    /// Procedure code.
    pub procedure_code: ProcedureCode,
    /// Procedure name.
    pub procedure_name: String,
    /// Applicant (person or organisation).
    pub applicant: String,
    /// Address and phone, as written on the register.
    pub contact: String,
    /// Name of the competent unit (cơ quan chủ trì giải quyết).
    pub competent_unit: String,
    /// How it came in.
    pub channel: Channel,
    /// Reception instant.
    pub received_at: NaiveDateTime,
    /// Current due instant (`None` while the clock is stopped).
    pub due_at: Option<NaiveDateTime>,
    /// The apology letter (Mẫu 04) and its new appointment, which the register shows in place
    /// of the due instant, with a note.
    pub apology: Option<Apology>,
    /// When the desk handed the dossier over to the resolving body (chuyển hồ sơ đến cơ quan
    /// giải quyết): the end of the first step of the process when it is the desk's.
    pub handed_over_at: Option<NaiveDateTime>,
    /// When it ended: resolved, stopped or withdrawn.
    pub ended_at: Option<NaiveDateTime>,
    /// When the result was handed back.
    pub returned_at: Option<NaiveDateTime>,
    /// Status now.
    pub status: Status,
    /// Early, on time or late (ended), not due or overdue (open), as of the register's date.
    pub time_class: TimeClass,
    /// The one-stop rules in force at reception (`118/2025/NĐ-CP` or `61/2018/NĐ-CP`): the
    /// register's heading follows them.
    pub rule_version: String,
}

/// The tracking register of a unit subtree for a period: the dossiers its desks received.
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The unit at the top of the subtree.
    pub unit: Unit,
    /// The period of reception.
    pub period: Period,
    /// Time classes are as of this instant: the end of the period, or now if sooner.
    pub as_of: NaiveDateTime,
    /// One row per dossier, by reception instant.
    pub rows: Vec<RegisterRow>,
}
