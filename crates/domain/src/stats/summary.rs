//! The periodic report and its other figures over the same records, in one pass: each record
//! is placed in the period once for both.

use super::figures::Figures;
use super::period::Period;
use super::place::Bounds;
use super::record::Record;
use super::report::{Report, Tally};

/// The periodic report (docs/rules.md §8) and the other figures of a period over one set of records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Columns 3–13: totals, per unit, per field.
    pub report: Report,
    /// Online share, payments, digitisation, ratings, apologies.
    pub figures: Figures,
}

impl Summary {
    /// [`Report::compute_parts`] and [`Figures::compute`] over the same records, read once.
    pub fn compute_parts(period: Period, parts: &[&[Record]]) -> Summary {
        let bounds = Bounds::new(&period);
        let mut tally = Tally::default();
        let mut figures = Figures::default();
        for r in parts.iter().flat_map(|p| p.iter()) {
            if let Some(p) = bounds.place(r) {
                tally.add(r, p);
                figures.add(r, p);
            }
        }
        Summary {
            report: tally.finish(period),
            figures,
        }
    }

    /// The summary of the records of `self` and `other` together (same period), so that parts
    /// computed apart, e.g. on several threads, can be joined.
    pub fn merge(self, other: Summary) -> Summary {
        Summary {
            report: self.report.merge(other.report),
            figures: self.figures.merge(other.figures),
        }
    }
}
