//! The dashboard of leaders and reform officers (Tổng quan): what is overdue or due today, the
//! last twelve calendar months, the current period by field, the ranking of the child units and
//! the Decision 766 groups of the unit, all from one load of the subtree's records.
//!
//! The permission rules are those of the reports ([`App::report_scope`]).

use super::reports::{StatsRecords, catalogue_facts};
use crate::App;
use crate::error::AppError;
use chrono::{Datelike, NaiveDateTime};
use motcua_domain::catalogue::ProcedureVersion;
use motcua_domain::classify::{TimeClass, classify_open};
use motcua_domain::dossier::Urgency;
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Actor, Unit};
use motcua_domain::stats::{Columns, Fraction, Index766, IndexWeights, Period, Record, Report};

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
    /// unit with a report role), from one load of the records.
    pub async fn dashboard(
        &self,
        by: Option<&Actor>,
        period: Period,
        unit: Option<UnitCode>,
    ) -> Result<Dashboard, AppError> {
        let scope = self.report_scope(by, unit).await?;
        let data = self.stats_records(&scope.units).await?;
        let procedures = self.store.procedures().await?;
        let now = self.now();
        Ok(build(
            scope.top,
            &scope.units,
            &data,
            &procedures,
            period.read_at(now),
            now,
        ))
    }
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

/// Ended early or on time ÷ ended.
fn on_time(c: &Columns) -> Fraction {
    Fraction {
        numerator: c.early + c.on_time,
        denominator: c.resolved_total(),
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

fn build(
    top: Unit,
    units: &[Unit],
    data: &StatsRecords,
    procedures: &[ProcedureVersion],
    period: Period,
    now: NaiveDateTime,
) -> Dashboard {
    let weights = IndexWeights::default();
    let (mut due_today, mut overdue_now) = (0, 0);
    for r in &data.records {
        match urgency(r, now) {
            Some(Urgency::DueToday) => due_today += 1,
            Some(Urgency::Overdue) => overdue_now += 1,
            None => {}
        }
    }
    let report = Report::compute(period, &data.records);
    let months = trend_months(period.to().min(now.date()), now)
        .into_iter()
        .map(|month| MonthColumns {
            columns: Report::compute(month, &data.records).total,
            period: month,
        })
        .collect();
    let fields = report
        .fields
        .iter()
        .filter_map(|(i, columns)| {
            Some(FieldColumns {
                name: data.fields.get(*i as usize)?.clone(),
                columns: *columns,
            })
        })
        .collect();
    let facts = catalogue_facts(procedures, units, &period, data);
    Dashboard {
        ranking: ranking(&top, units, data, procedures, &period, &weights),
        index: Index766::compute(period, &data.records, &facts, &weights),
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

/// The child units of `top`, each with its own subtree's records.
fn ranking(
    top: &Unit,
    units: &[Unit],
    data: &StatsRecords,
    procedures: &[ProcedureVersion],
    period: &Period,
    weights: &IndexWeights,
) -> Vec<UnitRank> {
    let children: Vec<&Unit> = units
        .iter()
        .filter(|u| u.parent.as_ref() == Some(&top.code))
        .collect();
    // The child whose subtree holds each unit of the scope, by the unit's index.
    let depth = top.path.len();
    let child_of: Vec<Option<usize>> = units
        .iter()
        .map(|u| {
            let code = u.path.get(depth)?;
            children.iter().position(|c| &c.code == code)
        })
        .collect();
    let mut parts: Vec<StatsRecords> = vec![StatsRecords::default(); children.len()];
    for (r, code) in data.records.iter().zip(&data.procedures) {
        let child = child_of.get(r.unit as usize).copied().flatten();
        if let Some(part) = child.and_then(|c| parts.get_mut(c)) {
            part.records.push(*r);
            part.procedures.push(code.clone());
        }
    }
    let mut ranks: Vec<UnitRank> = children
        .into_iter()
        .zip(parts)
        .map(|(unit, part)| {
            let subtree: Vec<Unit> = units
                .iter()
                .filter(|u| u.path.contains(&unit.code))
                .cloned()
                .collect();
            let facts = catalogue_facts(procedures, &subtree, period, &part);
            let columns = Report::compute(*period, &part.records).total;
            UnitRank {
                unit: unit.clone(),
                on_time: on_time(&columns),
                columns,
                index: Index766::compute(*period, &part.records, &facts, weights),
            }
        })
        .collect();
    // A unit with no dossier in the period has only catalogue points: it ranks after every
    // unit that worked, whatever its score.
    let idle = |r: &UnitRank| r.columns.received_total() == 0;
    ranks.sort_by(|a, b| {
        idle(a)
            .cmp(&idle(b))
            .then_with(|| b.index.normalised().total_cmp(&a.index.normalised()))
            .then_with(|| {
                let rate = |r: &UnitRank| r.on_time.rate().unwrap_or(-1.0);
                rate(b).total_cmp(&rate(a))
            })
            .then_with(|| a.unit.code.cmp(&b.unit.code))
    });
    ranks
}
