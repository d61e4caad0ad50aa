//! Feedback on administrative regulations (phản ánh, kiến nghị, PAKN; docs/rules.md §10, docs/rules.md §9
//! 5.1–5.3): an item received by a unit, classified, and its handling milestones; the limits
//! each milestone must meet, counted in working days on the unit's calendar; and the share of
//! items handled within their limits over a period (Decision 766 indicator 5.2).
//!
//! A rule per file: [`item`] what an item is, [`limits`] its limits, [`period`] how a period
//! counts it, [`line`] one line of an import file.

mod item;
mod limits;
mod line;
mod period;
#[cfg(test)]
mod tests;

pub use item::{Classification, FeedbackCode, FeedbackError, FeedbackItem};
pub use limits::{Limits, Milestone, limit_date};
pub use line::parse_line;
pub use period::{Handling, handling, on_time};
