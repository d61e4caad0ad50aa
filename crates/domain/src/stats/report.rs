//! The periodic report (docs/rules.md §8): totals, rows per unit and per field, in one pass.

use super::columns::Columns;
use super::period::Period;
use super::place::{Bounds, Intake, Placement};
use super::record::Record;
use crate::classify::TimeClass;
use serde::{Deserialize, Serialize};

/// The report of a period over a set of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The period.
    pub period: Period,
    /// All records.
    pub total: Columns,
    /// One row per unit index that has at least one dossier counted, by index.
    pub units: Vec<(u32, Columns)>,
    /// One row per field index that has at least one dossier counted, by index.
    pub fields: Vec<(u32, Columns)>,
}

/// Number of (intake, outcome) cells: 3 intake columns × 5 outcome columns.
const CELLS: usize = 15;

/// Counts per (intake, outcome) cell: one increment per record and per row.
type Cells = [u64; CELLS];

#[inline]
fn cell(p: Placement) -> usize {
    let intake = match p.intake {
        Intake::Online => 0,
        Intake::Direct => 1,
        Intake::CarriedOver => 2,
    };
    let class = match p.class {
        TimeClass::Early => 0,
        TimeClass::OnTime => 1,
        TimeClass::Late => 2,
        TimeClass::NotDue => 3,
        TimeClass::Overdue => 4,
    };
    intake * 5 + class
}

fn columns(cells: &Cells) -> Columns {
    let intake = |i: usize| cells[i * 5..i * 5 + 5].iter().sum();
    let class = |c: usize| (0..3).map(|i| cells[i * 5 + c]).sum();
    Columns {
        received_online: intake(0),
        received_direct: intake(1),
        carried_over: intake(2),
        early: class(0),
        on_time: class(1),
        late: class(2),
        not_due: class(3),
        overdue: class(4),
    }
}

#[inline]
fn row(rows: &mut Vec<Cells>, index: u32) -> &mut Cells {
    let i = index as usize;
    if i >= rows.len() {
        rows.resize(i + 1, [0; CELLS]);
    }
    &mut rows[i]
}

fn non_empty(rows: &[Cells]) -> Vec<(u32, Columns)> {
    rows.iter()
        .zip(0u32..)
        .filter(|(cells, _)| cells.iter().any(|&n| n > 0))
        .map(|(cells, i)| (i, columns(cells)))
        .collect()
}

/// The counts of a report being computed: one increment per record in the total, its unit's
/// row and its field's row.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    total: Cells,
    units: Vec<Cells>,
    fields: Vec<Cells>,
}

impl Tally {
    /// Counts a record placed in the period.
    #[inline]
    pub(crate) fn add(&mut self, r: &Record, p: Placement) {
        let c = cell(p);
        self.total[c] += 1;
        row(&mut self.units, r.unit)[c] += 1;
        row(&mut self.fields, r.field)[c] += 1;
    }

    /// The report of the records counted.
    pub(crate) fn finish(self, period: Period) -> Report {
        Report {
            period,
            total: columns(&self.total),
            units: non_empty(&self.units),
            fields: non_empty(&self.fields),
        }
    }
}

impl Report {
    /// Computes the report of `period` in one pass over `records`, with no allocation per
    /// record (rows are vectors indexed by unit and field). Totals over a unit subtree: pass only
    /// the subtree's records, or [`Columns::add`] the rows.
    pub fn compute(period: Period, records: &[Record]) -> Report {
        Report::compute_parts(period, &[records])
    }

    /// [`Report::compute`] over records held in several slices (e.g. one per unit), read in
    /// one pass without copying them together.
    pub fn compute_parts(period: Period, parts: &[&[Record]]) -> Report {
        let bounds = Bounds::new(&period);
        let mut tally = Tally::default();
        for r in parts.iter().flat_map(|p| p.iter()) {
            if let Some(p) = bounds.place(r) {
                tally.add(r, p);
            }
        }
        tally.finish(period)
    }

    /// The totals (columns 3–13) of several periods in one pass over records held in several
    /// slices: each is `Report::compute_parts(period, parts).total`, with the records read once
    /// for all periods (the months of a trend) rather than once per period.
    pub fn totals(periods: &[Period], parts: &[&[Record]]) -> Vec<Columns> {
        let bounds: Vec<Bounds> = periods.iter().map(Bounds::new).collect();
        let mut cells = vec![[0u64; CELLS]; periods.len()];
        for r in parts.iter().flat_map(|p| p.iter()) {
            for (b, c) in bounds.iter().zip(cells.iter_mut()) {
                if let Some(p) = b.place(r) {
                    c[cell(p)] += 1;
                }
            }
        }
        cells.iter().map(columns).collect()
    }

    /// The report of the records of `self` and `other` together (same period): what
    /// [`Report::compute_parts`] gives over both sets of parts, so that halves computed apart
    /// can be joined.
    pub fn merge(self, other: Report) -> Report {
        let mut total = self.total;
        total.add(&other.total);
        Report {
            period: self.period,
            total,
            units: merge_rows(self.units, other.units),
            fields: merge_rows(self.fields, other.fields),
        }
    }

    /// The same report with unit and field indexes renumbered by `unit` and `field` (rows whose
    /// new index is `None` are dropped, rows that get the same index are added together).
    pub fn renumber(
        self,
        unit: impl Fn(u32) -> Option<u32>,
        field: impl Fn(u32) -> Option<u32>,
    ) -> Report {
        let renumber = |rows: Vec<(u32, Columns)>, to: &dyn Fn(u32) -> Option<u32>| {
            let mut out: Vec<(u32, Columns)> = rows
                .into_iter()
                .filter_map(|(i, c)| to(i).map(|j| (j, c)))
                .collect();
            out.sort_by_key(|(i, _)| *i);
            merge_rows(out, Vec::new())
        };
        Report {
            period: self.period,
            total: self.total,
            units: renumber(self.units, &unit),
            fields: renumber(self.fields, &field),
        }
    }

    /// The row of a unit index (zero when it has no dossier counted).
    pub fn unit(&self, unit: u32) -> Columns {
        find(&self.units, unit)
    }

    /// The row of a field index (zero when it has no dossier counted).
    pub fn field(&self, field: u32) -> Columns {
        find(&self.fields, field)
    }
}

/// Rows sorted by index from both lists, those with the same index added together.
fn merge_rows(a: Vec<(u32, Columns)>, b: Vec<(u32, Columns)>) -> Vec<(u32, Columns)> {
    let mut all: Vec<(u32, Columns)> = a.into_iter().chain(b).collect();
    all.sort_by_key(|(i, _)| *i);
    let mut out: Vec<(u32, Columns)> = Vec::with_capacity(all.len());
    for (i, c) in all {
        match out.last_mut() {
            Some((j, sum)) if *j == i => sum.add(&c),
            _ => out.push((i, c)),
        }
    }
    out
}

fn find(rows: &[(u32, Columns)], index: u32) -> Columns {
    rows.binary_search_by_key(&index, |(i, _)| *i)
        .ok()
        .and_then(|at| rows.get(at))
        .map(|(_, c)| *c)
        .unwrap_or_default()
}
