//! Statistics over dossiers: reporting periods, the periodic report of TTHC resolution
//! (docs/rules.md §8, Biểu II.06a), its other figures (online payments, digitisation, ratings, apologies)
//! and the Decision 766 index (docs/rules.md §9).
//!
//! Pure and allocation-light: callers reduce dossiers to [`Record`]s (unit and field as indexes
//! into their own tables) and pass slices; every rule takes the period as an argument.

mod columns;
mod figures;
pub mod format;
mod index766;
mod period;
mod period_label;
mod place;
mod rating;
mod record;
mod report;
mod summary;

pub use columns::{Columns, ON_TIME_766_VS_REPORT};
pub use figures::Figures;
pub use index766::{
    CatalogueFacts, Fraction, Group, GroupScore, Index766, IndexWeights, Indicator, IndicatorId,
    Source, losers, score,
};
pub use period::{Period, PeriodError, PeriodKind};
pub use place::{Intake, Placement, place};
pub use rating::Rating;
pub use record::Record;
pub use report::Report;
pub use summary::Summary;
