//! The other figures of a period, beside the 13 columns: the operational figures that the CCHC
//! criteria and the Decision 766 index read (docs/rules.md §8–§9), computed once in one pass.
//!
//! Each figure is a [`Fraction`] (numerator, denominator, and its rate by [`Fraction::rate`]).
//! Unless its definition says otherwise, a figure is over the dossiers **received in the
//! period** (columns 4 + 5 of docs/rules.md §8).

#[cfg(test)]
mod tests;

use super::format::rate_percent;
use super::index766::Fraction;
use super::period::Period;
use super::place::{Bounds, Intake, Placement};
use super::rating::Rating;
use super::record::Record;
use crate::classify::TimeClass;
use serde::{Deserialize, Serialize};

impl Fraction {
    /// `numerator ÷ denominator`, unrounded; `None` when nothing was counted (docs/rules.md §9:
    /// an empty denominator is shown as N/A, "không phát sinh").
    pub fn rate(&self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 / self.denominator as f64)
    }

    /// The rate for display: `82,94%`, or `Không phát sinh` for an empty denominator.
    pub fn rate_vi(&self) -> String {
        self.rate()
            .map_or_else(|| "Không phát sinh".to_owned(), rate_percent)
    }

    /// Counts one dossier in the denominator, and in the numerator if `success`.
    fn tally(&mut self, success: bool) {
        self.denominator += 1;
        self.numerator += u64::from(success);
    }
}

/// The other figures of a period over a set of records (one unit, or a unit subtree).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Received online ÷ received in the period: column 4 ÷ (4 + 5) (docs/rules.md §8; docs/rules.md §9
    /// 3.3, without the national portal's sync factor).
    pub online: Fraction,
    /// Fee-bearing dossiers received in the period and paid online ÷ fee-bearing dossiers
    /// received in the period (docs/rules.md §9, indicator 3.6).
    pub paid_online: Fraction,
    /// Amount paid online by the dossiers of `paid_online`'s numerator, in đồng (docs/rules.md §10:
    /// integer đồng; the seed report of P. Phước Hòa gives it beside the count).
    pub paid_online_vnd: u64,
    /// Digitised at reception ÷ received in the period (docs/rules.md §9, indicator 4.2).
    pub digitised: Fraction,
    /// With an electronic result ÷ **ended in the period** (column 7) (docs/rules.md §9, indicator 4.1).
    pub e_result: Fraction,
    /// Reusing digitised data ÷ received in the period (docs/rules.md §9, indicator 4.3).
    pub reused_data: Fraction,
    /// Ratings of the dossiers **ended in the period**, by level in [`Rating::ALL`] order: the
    /// rating is given after the result (docs/rules.md §10).
    pub ratings: [u64; 4],
    /// Rất hài lòng or hài lòng ÷ dossiers rated (those of `ratings`).
    pub satisfied: Fraction,
    /// Late dossiers with a timely apology (Mẫu 04, at the latest one working day before the
    /// due instant) ÷ **late dossiers**: ended late in the period or open and overdue at its
    /// end, columns 10 + 13 (docs/rules.md §6–§8).
    pub apologies: Fraction,
    /// Late dossiers of the same denominator whose apology came late (docs/rules.md §6): the
    /// citizen was told, but not in time. Never counted in `apologies`.
    #[serde(default)]
    pub late_apologies: u64,
    /// Feedback (PAKN) handled within its limits (docs/rules.md §10 and §9, indicator 5.2), counted by
    /// [`crate::feedback::on_time`] from the feedback of the same units, not from the dossier
    /// records: [`Figures::compute`] leaves it `None` (not available, never zero) and the caller
    /// fills it when the units hold feedback that matters for the period.
    pub feedback_on_time: Option<Fraction>,
}

impl Figures {
    /// Computes the figures of `period` in one pass over `records`, with no allocation.
    pub fn compute(period: &Period, records: &[Record]) -> Figures {
        let bounds = Bounds::new(period);
        let mut f = Figures::default();
        for r in records {
            if let Some(p) = bounds.place(r) {
                f.add(r, p);
            }
        }
        f
    }

    /// Counts a record placed in the period.
    #[inline]
    pub(crate) fn add(&mut self, r: &Record, p: Placement) {
        if p.intake != Intake::CarriedOver {
            self.online.tally(r.online);
            self.digitised.tally(r.digitised);
            self.reused_data.tally(r.reused_data);
            if r.fee_bearing {
                self.paid_online.tally(r.paid_online);
                if r.paid_online {
                    self.paid_online_vnd += r.paid_online_vnd;
                }
            }
        }
        if p.ended_in_period() {
            self.e_result.tally(r.e_result);
            if let Some(rating) = r.rating {
                self.ratings[rating_index(rating)] += 1;
                self.satisfied
                    .tally(matches!(rating, Rating::RatHaiLong | Rating::HaiLong));
            }
        }
        if matches!(p.class, TimeClass::Late | TimeClass::Overdue) {
            self.apologies.tally(r.apology);
            self.late_apologies += u64::from(r.late_apology);
        }
    }

    /// The figures of the records of `self` and `other` together (same period).
    pub fn merge(self, other: Figures) -> Figures {
        let add = |a: Fraction, b: Fraction| Fraction {
            numerator: a.numerator + b.numerator,
            denominator: a.denominator + b.denominator,
        };
        let mut ratings = self.ratings;
        for (r, o) in ratings.iter_mut().zip(other.ratings) {
            *r += o;
        }
        Figures {
            online: add(self.online, other.online),
            paid_online: add(self.paid_online, other.paid_online),
            paid_online_vnd: self.paid_online_vnd + other.paid_online_vnd,
            digitised: add(self.digitised, other.digitised),
            e_result: add(self.e_result, other.e_result),
            reused_data: add(self.reused_data, other.reused_data),
            ratings,
            satisfied: add(self.satisfied, other.satisfied),
            apologies: add(self.apologies, other.apologies),
            late_apologies: self.late_apologies + other.late_apologies,
            feedback_on_time: match (self.feedback_on_time, other.feedback_on_time) {
                (Some(a), Some(b)) => Some(add(a, b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// Dossiers received in the period (columns 4 + 5).
    pub fn received(&self) -> u64 {
        self.online.denominator
    }

    /// Number of ratings at `level`.
    pub fn rating_count(&self, level: Rating) -> u64 {
        self.ratings[rating_index(level)]
    }

    /// Number of dossiers rated.
    pub fn rated(&self) -> u64 {
        self.satisfied.denominator
    }
}

/// Position of a level in [`Rating::ALL`].
fn rating_index(level: Rating) -> usize {
    match level {
        Rating::RatHaiLong => 0,
        Rating::HaiLong => 1,
        Rating::BinhThuong => 2,
        Rating::KhongHaiLong => 3,
    }
}
