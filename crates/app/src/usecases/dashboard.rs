//! The dashboard of leaders and reform officers (Tổng quan): what is overdue or due today, the
//! last twelve calendar months, the current period by field, the ranking of the child units and
//! the Decision 766 groups of the unit.
//!
//! Everything is computed in place on the statistics projection, as the periodic report is
//! ([`App::subtree_summary`]): no record is copied, and the records are read six times in all
//! (urgency, the period's report, the twelve months at once, the procedures used online, the
//! index of each child unit, the index of the unit), off the async threads.
//!
//! The permission rules are those of the reports ([`App::report_scope`]).

mod ranking;
#[cfg(test)]
mod tests;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::projection::Projected;
use crate::store::StoreError;
use crate::usecases::feedback::feedback_of;
use chrono::{Datelike, NaiveDateTime};
use motcua_domain::catalogue::ProcedureVersion;
use motcua_domain::classify::{TimeClass, classify_open};
use motcua_domain::dossier::Urgency;
use motcua_domain::ids::{ProcedureCode, UnitCode};
use motcua_domain::org::Unit;
use motcua_domain::stats::{
    CatalogueFacts, Columns, Fraction, Index766, IndexWeights, Period, Record, Report,
};
use ranking::{Slice, Used, ranking};
use std::collections::BTreeMap;

/// Months of the trend.
pub const TREND_MONTHS: u32 = 12;

/// The report columns of one calendar month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthColumns {
    /// The calendar month, read as of now if it has not ended.
    pub period: Period,
    /// Its columns 3–13.
    pub columns: Columns,
}

/// The report columns of one field over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldColumns {
    /// Field name (lĩnh vực).
    pub name: String,
    /// Its columns 3–13.
    pub columns: Columns,
}

/// A child unit and its own subtree's figures for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRank {
    /// The child unit.
    pub unit: Unit,
    /// Columns 3–13 of its subtree.
    pub columns: Columns,
    /// Ended early or on time ÷ ended in the period.
    pub on_time: Fraction,
    /// Its subtree's Decision 766 index for the period.
    pub index: Index766,
}

/// The dashboard of a unit subtree for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// The unit at the top.
    pub unit: Unit,
    /// The period, read as of `now` if it has not ended.
    pub period: Period,
    /// When the figures were read.
    pub now: NaiveDateTime,
    /// Open dossiers due later today ([`Urgency::DueToday`]).
    pub due_today: u64,
    /// Open dossiers whose due instant has passed ([`Urgency::Overdue`]).
    pub overdue_now: u64,
    /// Columns 3–13 of the period.
    pub total: Columns,
    /// The last [`TREND_MONTHS`] calendar months up to the period's last month (or the current
    /// month, if sooner), oldest first.
    pub months: Vec<MonthColumns>,
    /// The period by field, fields with a dossier counted, by name.
    pub fields: Vec<FieldColumns>,
    /// The child units, best Decision 766 score first (then best on-time rate, then code).
    pub ranking: Vec<UnitRank>,
    /// The unit's Decision 766 index for the period (its groups: points against maximum).
    pub index: Index766,
}

impl App {
    /// The dashboard of `unit` and its subtree for `period` (default unit: the actor's highest
    /// unit with a report role), read in place from the statistics projection.
    pub async fn dashboard(
        &self,
        caller: &Caller,
        period: Period,
        unit: Option<UnitCode>,
    ) -> Result<Dashboard, AppError> {
        let scope = self.report_scope(caller, unit).await?;
        let procedures = self.store.procedures().await?;
        let now = self.now();
        let period = period.read_at(now);
        let p = self.projection().await?;
        let feedback = self.feedback_by_unit(&scope.units, &period).await?;
        // Seconds of CPU for a province: never on an async thread.
        tokio::task::spawn_blocking(move || {
            let inputs = Inputs {
                procedures: &procedures,
                feedback: &feedback,
            };
            build(&p, scope.top, &scope.units, &inputs, period, now)
        })
        .await
        .map_err(|e| AppError::Store(StoreError::Database(format!("tổng quan: {e}"))))
    }
}

/// What the dashboard reads beside the records: the catalogue, and the feedback (PAKN) of each
/// unit of the scope handled within its limits ([`App::feedback_by_unit`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Inputs<'a> {
    /// Every procedure of the catalogue.
    pub procedures: &'a [ProcedureVersion],
    /// Feedback handled within its limits, by unit.
    pub feedback: &'a BTreeMap<UnitCode, Fraction>,
}

/// The urgency of an open record at `now` (the rule of `Dossier::urgency`).
fn urgency(r: &Record, now: NaiveDateTime) -> Option<Urgency> {
    let due = r.due.filter(|_| r.ended.is_none())?;
    if classify_open(due, now) == TimeClass::Overdue {
        Some(Urgency::Overdue)
    } else if due.date() == now.date() {
        Some(Urgency::DueToday)
    } else {
        None
    }
}

/// The calendar months of the trend, oldest first, ending with the month of `last`.
fn trend_months(last: chrono::NaiveDate, now: NaiveDateTime) -> Vec<Period> {
    (0..TREND_MONTHS)
        .rev()
        .filter_map(|back| {
            let first = last
                .with_day(1)?
                .checked_sub_months(chrono::Months::new(back))?;
            Period::calendar_month(first.year(), first.month()).ok()
        })
        .map(|p| p.read_at(now))
        .collect()
}

/// The dashboard from the projection: the records of each unit of the scope, in place.
fn build(
    p: &Projected,
    top: Unit,
    units: &[Unit],
    inputs: &Inputs<'_>,
    period: Period,
    now: NaiveDateTime,
) -> Dashboard {
    let slices: Vec<Slice<'_>> = units
        .iter()
        .enumerate()
        .filter_map(|(unit, u)| {
            let id = p.units.get(&u.code)?;
            let part = p.part(&u.code)?;
            Some(Slice {
                unit,
                id,
                records: &part.records,
                procedures: &part.procedures,
            })
        })
        .collect();
    let codes = |n: u32| p.procedures.value(n);
    let names = |f: u32| p.fields.value(f);
    compute(top, units, &slices, &codes, &names, inputs, period, now)
}

/// The dashboard of the records of `slices` (those of the units of `units`, `top` first);
/// `codes` and `names` give the procedure code and the field name of their numbers.
#[allow(clippy::too_many_arguments)]
fn compute<'a>(
    top: Unit,
    units: &[Unit],
    slices: &[Slice<'a>],
    codes: &dyn Fn(u32) -> Option<&'a ProcedureCode>,
    names: &dyn Fn(u32) -> Option<&'a String>,
    inputs: &Inputs<'_>,
    period: Period,
    now: NaiveDateTime,
) -> Dashboard {
    let weights = IndexWeights::default();
    let all: Vec<&[Record]> = slices.iter().map(|s| s.records).collect();
    let (mut due_today, mut overdue_now) = (0, 0);
    for r in all.iter().flat_map(|s| s.iter()) {
        match urgency(r, now) {
            Some(Urgency::DueToday) => due_today += 1,
            Some(Urgency::Overdue) => overdue_now += 1,
            None => {}
        }
    }
    let report = Report::compute_parts(period, &all);
    let months = trend_months(period.to().min(now.date()), now);
    let months = Report::totals(&months, &all)
        .into_iter()
        .zip(months)
        .map(|(columns, period)| MonthColumns { period, columns })
        .collect();
    let mut fields: Vec<FieldColumns> = report
        .fields
        .iter()
        .filter_map(|(f, columns)| {
            Some(FieldColumns {
                name: names(*f)?.clone(),
                columns: *columns,
            })
        })
        .collect();
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    let used: Vec<Used> = slices.iter().map(|s| Used::of(s, &period)).collect();
    let every: Vec<usize> = (0..slices.len()).collect();
    let facts = CatalogueFacts {
        feedback_on_time: feedback_of(inputs.feedback, units.iter().map(|u| &u.code)),
        ..Used::facts(&used, &every, codes, inputs.procedures, units)
    };
    Dashboard {
        ranking: ranking(&top, units, slices, &used, codes, inputs, &report, &weights),
        index: Index766::compute_parts(period, &all, &facts, &weights),
        unit: top,
        period,
        now,
        due_today,
        overdue_now,
        total: report.total,
        months,
        fields,
    }
}
