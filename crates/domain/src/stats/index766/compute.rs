//! The Decision 766 index of a unit for a period (docs/rules.md §9).

use super::catalogue::{CatalogueFacts, Fraction};
use super::group::Group;
use super::indicator::Indicator;
use super::indicator_id::{IndicatorId, Source};
use super::verdict::{Verdict, verdict};
use super::weights::IndexWeights;
use crate::stats::period::Period;
use crate::stats::place::Bounds;
use crate::stats::record::Record;
use serde::{Deserialize, Serialize};

/// A group's score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GroupScore {
    /// Which.
    pub group: Group,
    /// Points earned by its counted indicators, unrounded.
    pub points: f64,
    /// Its nominal maximum (18, 20, 12, 10, 18, 22).
    pub max_points: f64,
    /// The maximum of its counted indicators.
    pub counted_max: f64,
}

/// The index of a set of records (one unit, or a unit subtree) for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index766 {
    /// The period.
    pub period: Period,
    /// Every indicator, in [`IndicatorId::ALL`] order.
    pub indicators: Vec<Indicator>,
    /// Every group, in [`Group::ALL`] order.
    pub groups: Vec<GroupScore>,
    /// Points earned: the official score, out of 100, where an indicator without data earns 0.
    pub points: f64,
    /// The maximum of the counted indicators: the score over what can be computed is
    /// `points ÷ counted_max` ([`Index766::normalised`]).
    pub counted_max: f64,
    /// The split of groups into indicators is not official: show scores as estimates.
    pub estimate: bool,
}

impl Index766 {
    /// Computes the index in one pass over `records`, with catalogue figures and inputs from
    /// `catalogue`, and the split of group points from `weights`.
    pub fn compute(
        period: Period,
        records: &[Record],
        catalogue: &CatalogueFacts,
        weights: &IndexWeights,
    ) -> Index766 {
        Index766::compute_parts(period, &[records], catalogue, weights)
    }

    /// [`Index766::compute`] over records held in several slices (e.g. one per unit), read in
    /// one pass without copying them together.
    pub fn compute_parts(
        period: Period,
        parts: &[&[Record]],
        catalogue: &CatalogueFacts,
        weights: &IndexWeights,
    ) -> Index766 {
        let counted = count_records(&period, parts);
        let indicators: Vec<Indicator> = IndicatorId::ALL
            .iter()
            .map(|&id| {
                let figures = match id.source() {
                    // Satisfaction uses real ratings only: none in the period, no data.
                    Source::Records if id == IndicatorId::Satisfaction && counted.rated == 0 => {
                        None
                    }
                    Source::Records => Some(counted.fractions[id.index()]),
                    Source::Catalogue | Source::Input => catalogue.fraction(id),
                };
                Indicator::from_fraction(id, figures, weights)
            })
            .collect();
        let groups: Vec<GroupScore> = Group::ALL
            .iter()
            .map(|&group| {
                let mine = || indicators.iter().filter(move |i| i.group == group);
                GroupScore {
                    group,
                    points: mine().map(|i| i.points).sum(),
                    max_points: group.max_points(),
                    // Folded from +0.0: the `Sum` of no `f64` is -0.0, shown as `-0.0` in the
                    // JSON of a group with no counted indicator.
                    counted_max: mine()
                        .filter(|i| i.counted())
                        .fold(0.0, |sum, i| sum + i.max_points),
                }
            })
            .collect();
        Index766 {
            period,
            points: groups.iter().map(|g| g.points).sum(),
            counted_max: groups.iter().map(|g| g.counted_max).sum(),
            groups,
            indicators,
            estimate: !weights.official,
        }
    }

    /// One indicator.
    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// One group.
    pub fn group(&self, group: Group) -> Option<&GroupScore> {
        self.groups.iter().find(|g| g.group == group)
    }

    /// The official score, out of 100: indicators without data earn 0 (docs/rules.md §9.5).
    pub fn official(&self) -> f64 {
        self.points
    }

    /// The score over what can be computed: points scaled to 100 over the counted indicators
    /// (0 when none is counted).
    pub fn normalised(&self) -> f64 {
        if self.counted_max > 0.0 {
            self.points / self.counted_max * 100.0
        } else {
            0.0
        }
    }
}

/// The figures counted from records.
struct Counted {
    /// Numerator and denominator of every record indicator (other entries stay zero).
    fractions: [Fraction; IndicatorId::COUNT],
    /// Dossiers in the satisfaction denominator that carry a rating.
    rated: u64,
}

/// Counts the record indicators; 2.2 sums the minutes from reception to the end of the dossiers
/// ended in the period.
fn count_records(period: &Period, parts: &[&[Record]]) -> Counted {
    let bounds = Bounds::new(period);
    let ids: Vec<IndicatorId> = IndicatorId::ALL
        .into_iter()
        .filter(|id| id.source() == Source::Records)
        .collect();
    let mut lost = [0u64; IndicatorId::COUNT];
    let mut out = [Fraction::default(); IndicatorId::COUNT];
    let mut rated = 0u64;
    let mut minutes = 0u64;
    for r in parts.iter().flat_map(|p| p.iter()) {
        let Some(p) = bounds.place(r) else { continue };
        rated += u64::from(r.rating.is_some());
        if p.ended_in_period()
            && let Some(ended) = r.ended
        {
            out[IndicatorId::AverageTime.index()].denominator += 1;
            minutes += u64::try_from((ended - r.received).num_minutes()).unwrap_or(0);
        }
        for &id in &ids {
            match verdict(id, p, r) {
                Verdict::Out => {}
                Verdict::Kept => out[id.index()].denominator += 1,
                Verdict::Lost(n) => {
                    out[id.index()].denominator += 1;
                    lost[id.index()] += u64::from(n);
                }
            }
        }
    }
    for (f, l) in out.iter_mut().zip(lost) {
        f.numerator = f.denominator.saturating_sub(l);
    }
    out[IndicatorId::AverageTime.index()].numerator = minutes;
    Counted {
        fractions: out,
        rated,
    }
}

/// Indexes in `records` of the dossiers that lost `id` in `period`, for drill-down. Empty for
/// indicators not counted from records.
pub fn losers(period: &Period, records: &[Record], id: IndicatorId) -> Vec<usize> {
    if id.source() != Source::Records {
        return Vec::new();
    }
    let bounds = Bounds::new(period);
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            bounds
                .place(r)
                .is_some_and(|p| matches!(verdict(id, p, r), Verdict::Lost(_)))
        })
        .map(|(i, _)| i)
        .collect()
}
