//! Figures of the Decision 766 index that dossier records cannot give: catalogue counts and
//! inputs from outside (national portal, feedback system).

use super::indicator_id::IndicatorId;
use serde::{Deserialize, Serialize};

/// A count of successes out of a total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fraction {
    /// Successes.
    pub numerator: u64,
    /// Total.
    pub denominator: u64,
}

/// Catalogue counts for the unit and period, and the optional outside inputs. A count of zero
/// makes its indicator not applicable; an input left `None` makes it not computable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CatalogueFacts {
    /// Procedures in the unit's catalogue (3.1 denominator).
    pub procedures_total: u64,
    /// Those offering an online service, toàn trình or một phần (3.1 numerator, 3.2 denominator).
    pub procedures_online: u64,
    /// Online services that had at least one online dossier in the period (3.2 numerator).
    pub procedures_online_used: u64,
    /// Fee-bearing procedures (3.5 denominator).
    pub procedures_fee_bearing: u64,
    /// Fee-bearing procedures integrated with online payment (3.5 numerator).
    pub procedures_fee_online: u64,
    /// Procedures with every constituent part (1.3 numerator, of `procedures_total`).
    pub procedures_complete: u64,
    /// 1.1 procedures published on time, of those published in the period.
    pub published_on_time: Option<Fraction>,
    /// 1.2 procedures made public in the national database on time.
    pub publicised_on_time: Option<Fraction>,
    /// 1.4 dossiers synchronised to the national portal.
    pub synced: Option<Fraction>,
    /// 5.2 feedback (PAKN) handled within its limits.
    pub feedback_on_time: Option<Fraction>,
}

impl CatalogueFacts {
    /// The figures of a catalogue or input indicator; `None` when not computable (and for
    /// indicators counted from records).
    pub fn fraction(&self, id: IndicatorId) -> Option<Fraction> {
        let count = |numerator, denominator| {
            Some(Fraction {
                numerator,
                denominator,
            })
        };
        match id {
            IndicatorId::ProceduresOnline => count(self.procedures_online, self.procedures_total),
            IndicatorId::OnlineServicesUsed => {
                count(self.procedures_online_used, self.procedures_online)
            }
            IndicatorId::FeeProceduresOnline => {
                count(self.procedures_fee_online, self.procedures_fee_bearing)
            }
            IndicatorId::PublishedOnTime => self.published_on_time,
            IndicatorId::PublicisedOnTime => self.publicised_on_time,
            IndicatorId::CompleteComponents => {
                count(self.procedures_complete, self.procedures_total)
            }
            IndicatorId::SyncedToPortal => self.synced,
            IndicatorId::FeedbackOnTime => self.feedback_on_time,
            IndicatorId::OnTime
            | IndicatorId::AverageTime
            | IndicatorId::OnlineShare
            | IndicatorId::PaidOnline
            | IndicatorId::EResult
            | IndicatorId::Digitised
            | IndicatorId::ReusedData
            | IndicatorId::Satisfaction => None,
        }
    }
}
