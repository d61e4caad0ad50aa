//! How a group's points are split among its indicators: configuration, equal by default, and an
//! estimate unless set from the official annex (domain.md §6.1: per-indicator points not found).

use super::indicator_id::IndicatorId;
use serde::{Deserialize, Serialize};

/// Relative shares of the indicators within each group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndexWeights {
    /// Share of each indicator, by [`IndicatorId::index`]; negative or non-finite counts as 0.
    pub shares: [f64; IndicatorId::COUNT],
    /// The shares come from the official annex; otherwise scores are labelled as estimates.
    pub official: bool,
}

impl Default for IndexWeights {
    fn default() -> IndexWeights {
        IndexWeights::equal()
    }
}

impl IndexWeights {
    /// Equal shares within each group (an estimate).
    pub fn equal() -> IndexWeights {
        IndexWeights {
            shares: [1.0; IndicatorId::COUNT],
            official: false,
        }
    }

    /// The same weights with `id`'s share changed.
    pub fn with(mut self, id: IndicatorId, share: f64) -> IndexWeights {
        self.shares[id.index()] = share;
        self
    }

    fn share(&self, id: IndicatorId) -> f64 {
        let s = self.shares[id.index()];
        if s.is_finite() && s > 0.0 { s } else { 0.0 }
    }

    /// Maximum points of an indicator: its group's points × its share of the group's shares.
    pub fn max_points(&self, id: IndicatorId) -> f64 {
        let group = id.group();
        let sum: f64 = IndicatorId::ALL
            .iter()
            .filter(|i| i.group() == group)
            .map(|i| self.share(*i))
            .sum();
        if sum > 0.0 {
            group.max_points() * self.share(id) / sum
        } else {
            0.0
        }
    }
}
