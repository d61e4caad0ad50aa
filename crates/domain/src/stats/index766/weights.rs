//! The maximum points of each indicator: configuration, defaulting to the national portal's
//! points where known (docs/rules.md §9.4). A group's points not given to any indicator here
//! belong to indicators motcua cannot compute (e.g. 4.4, 4.5, 5.3): they count in the official
//! score, as 0, and not in the score over what can be computed.

use super::indicator_id::IndicatorId;
use serde::{Deserialize, Serialize};

/// Maximum points of the indicators.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndexWeights {
    /// Points of each indicator, by [`IndicatorId::index`]; negative or non-finite counts as 0.
    pub points: [f64; IndicatorId::COUNT],
    /// Indicators whose points are assumed (the portal's split of their group is not known):
    /// shown as estimates.
    pub assumed: [bool; IndicatorId::COUNT],
    /// The points come from the decision's official annex; otherwise every score is labelled
    /// an estimate.
    pub official: bool,
}

impl Default for IndexWeights {
    fn default() -> IndexWeights {
        IndexWeights::portal()
    }
}

impl IndexWeights {
    /// The national portal's points (docs/rules.md §9.4): 1.1 = 6, 1.2 = 4, 1.3 = 2, 1.4 = 6,
    /// 2.1 = 20, 4.1 = 6, 4.2 = 4, 4.3 = 2, 5.2 = 6, 5.4 = 6; 2.2 is shown, not scored. The
    /// portal's split of online services (12: 3.1–3.3) and online payment (10: 3.5, 3.6) is not
    /// known: equal, and assumed.
    pub fn portal() -> IndexWeights {
        let mut w = IndexWeights {
            points: [0.0; IndicatorId::COUNT],
            assumed: [false; IndicatorId::COUNT],
            official: false,
        };
        for id in IndicatorId::ALL {
            let (points, assumed) = match id {
                IndicatorId::PublishedOnTime | IndicatorId::SyncedToPortal => (6.0, false),
                IndicatorId::PublicisedOnTime => (4.0, false),
                IndicatorId::CompleteComponents => (2.0, false),
                IndicatorId::OnTime => (20.0, false),
                IndicatorId::AverageTime => (0.0, false),
                IndicatorId::ProceduresOnline
                | IndicatorId::OnlineServicesUsed
                | IndicatorId::OnlineShare => (4.0, true),
                IndicatorId::FeeProceduresOnline | IndicatorId::PaidOnline => (5.0, true),
                IndicatorId::EResult | IndicatorId::FeedbackOnTime | IndicatorId::Satisfaction => {
                    (6.0, false)
                }
                IndicatorId::Digitised => (4.0, false),
                IndicatorId::ReusedData => (2.0, false),
            };
            w.points[id.index()] = points;
            w.assumed[id.index()] = assumed;
        }
        w
    }

    /// The same weights with `id`'s points changed (and no longer assumed).
    pub fn with(mut self, id: IndicatorId, points: f64) -> IndexWeights {
        self.points[id.index()] = points;
        self.assumed[id.index()] = false;
        self
    }

    /// Maximum points of an indicator.
    pub fn max_points(&self, id: IndicatorId) -> f64 {
        let p = self.points[id.index()];
        if p.is_finite() && p > 0.0 { p } else { 0.0 }
    }

    /// Its points are assumed: an estimate.
    pub fn assumed(&self, id: IndicatorId) -> bool {
        self.assumed[id.index()]
    }
}
