//! How a period counts feedback (Decision 766 indicator 5.2, "tiến độ xử lý PAKN"), mirroring
//! how the periodic report counts dossiers (docs/rules.md §7–§8):
//!
//! - an item whose handling **ended in the period** (refused, or its answer published, before
//!   the period's cut) is handled: on time if every milestone it reached met its limit, late
//!   otherwise;
//! - an item **still open** at the cut (received before it, not ended before the period) is
//!   counted, as late, once it is past a limit: a milestone it reached late, or the answer (or
//!   the publication of the answer) not reached by the end of its last day; an open item still
//!   within its limits is not counted yet, as a dossier "trong hạn" is not counted as resolved;
//! - an item received after the period, or ended before it, is not counted.
//!
//! The figure is on time ÷ counted.

use super::item::FeedbackItem;
use super::limits::{Limits, Milestone};
use crate::deadline::DeadlineEngine;
use crate::stats::{Fraction, Period};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// How a counted item was handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// Ended in the period, every milestone within its limit.
    OnTime,
    /// Ended in the period with a milestone late, or open and past a limit at the cut.
    Late,
}

/// The first instant after a limit's last day.
fn after(day: NaiveDate) -> Option<NaiveDateTime> {
    day.succ_opt().map(|d| d.and_time(NaiveTime::MIN))
}

/// How `item` counts in `period` on the calendar and office hours of `engine`, or `None` when it
/// is not counted (see the module's notes).
pub fn handling(
    period: &Period,
    item: &FeedbackItem,
    engine: &DeadlineEngine<'_>,
) -> Option<Handling> {
    let (start, cut) = (period.start(), period.cut());
    if item.received_at >= cut {
        return None;
    }
    let ended = item.ended_at();
    if ended.is_some_and(|e| e < start) {
        return None;
    }
    let limits = Limits::of(item, engine);
    // Nothing after the end counts: a refused item is over, whatever was recorded later.
    let missed = Milestone::ALL.into_iter().any(|m| {
        m.reached(item)
            .is_some_and(|at| at < cut && ended.is_none_or(|e| at <= e) && !limits.met(m, at))
    });
    if ended.is_some_and(|e| e < cut) {
        return Some(if missed {
            Handling::Late
        } else {
            Handling::OnTime
        });
    }
    // Open at the cut: the answer is due, or once answered its publication.
    let pending = match (item.answered_at.filter(|a| *a < cut), limits.publish) {
        (Some(_), Some(publish)) => publish,
        _ => limits.answer,
    };
    let overdue = after(pending).is_some_and(|end| end < cut);
    (missed || overdue).then_some(Handling::Late)
}

/// Items handled within their limits ÷ items counted in `period` (see the module's notes). All
/// of `items` are handled by units on the calendar and office hours of `engine`.
pub fn on_time(period: &Period, items: &[FeedbackItem], engine: &DeadlineEngine<'_>) -> Fraction {
    let mut f = Fraction::default();
    for h in items.iter().filter_map(|i| handling(period, i, engine)) {
        f.denominator += 1;
        f.numerator += u64::from(h == Handling::OnTime);
    }
    f
}
