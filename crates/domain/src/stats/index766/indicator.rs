//! One scored indicator: its figures, its rate and its points.

use super::catalogue::Fraction;
use super::group::Group;
use super::indicator_id::IndicatorId;
use super::weights::IndexWeights;
use crate::stats::format::{points, rate_percent};
use serde::{Deserialize, Serialize};

/// Points for `rate` against `threshold`: `min(rate / threshold, 1) × max_points`.
pub fn score(rate: f64, threshold: f64, max_points: f64) -> f64 {
    if threshold > 0.0 {
        (rate / threshold).clamp(0.0, 1.0) * max_points
    } else {
        max_points
    }
}

const MINUTES_PER_DAY: f64 = 24.0 * 60.0;

/// An indicator of the Decision 766 index for a unit and period.
///
/// An indicator that cannot be computed (an input not given) or does not apply (an empty
/// denominator: "không phát sinh", shown as N/A per docs/rules.md §9) scores nothing and is removed
/// from the maximum, as applicable-or-not criteria are in docs/rules.md §11: it neither earns nor loses
/// points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Which.
    pub id: IndicatorId,
    /// Its group.
    pub group: Group,
    /// The figures are known.
    pub computable: bool,
    /// The denominator is not zero.
    pub applicable: bool,
    /// Dossiers or procedures that count.
    pub numerator: u64,
    /// Dossiers or procedures considered.
    pub denominator: u64,
    /// `numerator ÷ denominator`, unrounded; 0 when not counted.
    pub rate: f64,
    /// The rate that earns full points.
    pub threshold: f64,
    /// Its maximum points (from [`IndexWeights`]); 0 for an indicator shown but not scored
    /// (2.2).
    pub max_points: f64,
    /// Its maximum points are assumed, not the portal's: an estimate.
    pub estimate: bool,
    /// Points earned, unrounded; 0 when not counted.
    pub points: f64,
}

impl Indicator {
    /// The indicator from its figures; `None` figures: not computable.
    pub fn from_fraction(
        id: IndicatorId,
        figures: Option<Fraction>,
        weights: &IndexWeights,
    ) -> Indicator {
        let max_points = weights.max_points(id);
        let f = figures.unwrap_or_default();
        let applicable = f.denominator > 0;
        let counted = figures.is_some() && applicable;
        let rate = if counted {
            f.numerator as f64 / f.denominator as f64
        } else {
            0.0
        };
        Indicator {
            id,
            group: id.group(),
            computable: figures.is_some(),
            applicable,
            numerator: f.numerator,
            denominator: f.denominator,
            rate,
            threshold: id.threshold(),
            max_points,
            estimate: weights.assumed(id),
            points: if counted {
                score(rate, id.threshold(), max_points)
            } else {
                0.0
            },
        }
    }

    /// Computable and applicable: part of the score and of its maximum.
    pub fn counted(&self) -> bool {
        self.computable && self.applicable
    }

    /// Points lost (0 when not counted).
    pub fn lost_points(&self) -> f64 {
        if self.counted() {
            self.max_points - self.points
        } else {
            0.0
        }
    }

    /// Scored: it has points to earn (2.2 is only shown).
    pub fn scored(&self) -> bool {
        self.max_points > 0.0
    }

    /// The rate for display: `70,98%`, `Không phát sinh` (empty denominator) or `Chưa có dữ liệu`;
    /// for 2.2 the average in days with two decimals, `2,50 ngày`.
    pub fn rate_vi(&self) -> String {
        if !self.computable {
            "Chưa có dữ liệu".into()
        } else if !self.applicable {
            "Không phát sinh".into()
        } else if self.id == IndicatorId::AverageTime {
            format!("{} ngày", points(self.rate / MINUTES_PER_DAY))
        } else {
            rate_percent(self.rate)
        }
    }
}
