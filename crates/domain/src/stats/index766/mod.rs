//! Decision 766/QĐ-TTg index of service quality (docs/rules.md §9, docs/rules.md §9): indicators with their
//! figures, rates and points, group scores, and the dossiers that lost points.

mod catalogue;
mod compute;
mod group;
mod indicator;
mod indicator_id;
mod verdict;
mod weights;

pub use catalogue::{CatalogueFacts, Fraction};
pub use compute::{GroupScore, Index766, losers};
pub use group::Group;
pub use indicator::{Indicator, score};
pub use indicator_id::{IndicatorId, Source};
pub use weights::IndexWeights;
