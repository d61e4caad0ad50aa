//! Where one dossier falls in the periodic report (docs/rules.md §8): the single rule behind every column.

use super::period::Period;
use super::record::Record;
use crate::classify::{TimeClass, classify_dossier};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How a dossier enters column 3 of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intake {
    /// Received in the period, online (column 4).
    Online,
    /// Received in the period at the desk or by post (column 5).
    Direct,
    /// Received before the period and not ended before it (column 6).
    CarriedOver,
}

/// Where a dossier falls in a period's report: one intake column (4, 5 or 6) and one outcome
/// column (8, 9, 10 if it ended in the period; 12, 13 if still open at its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Placement {
    /// Column 4, 5 or 6.
    pub intake: Intake,
    /// Early, on time, late (ended in the period) or not due, overdue (open at its end).
    pub class: TimeClass,
}

impl Placement {
    /// Ended in the period (column 7), rather than still open at its end (column 11).
    pub fn ended_in_period(&self) -> bool {
        matches!(
            self.class,
            TimeClass::Early | TimeClass::OnTime | TimeClass::Late
        )
    }
}

/// The instants bounding a period, computed once for a pass over many records.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

impl Bounds {
    /// The bounds of `period`.
    pub(crate) fn new(period: &Period) -> Bounds {
        Bounds {
            start: period.start(),
            end: period.cut(),
        }
    }

    /// See [`place`].
    #[inline]
    pub(crate) fn place(&self, r: &Record) -> Option<Placement> {
        if r.received >= self.end {
            return None;
        }
        let intake = if r.received >= self.start {
            if r.online {
                Intake::Online
            } else {
                Intake::Direct
            }
        } else if r.ended.is_some_and(|e| e < self.start) {
            return None;
        } else {
            Intake::CarriedOver
        };
        // Ended at `end()` or later: still open at the end of the period.
        let ended = r.ended.filter(|e| *e < self.end);
        Some(Placement {
            intake,
            class: classify_dossier(
                r.due,
                ended,
                self.end,
                u32::from(r.supplements_after_reception),
            ),
        })
    }
}

/// Where `record` falls in the report of `period`, or `None` when it is not counted (received
/// after the period, or ended before it).
///
/// - received in the period: local date of `received` in `[from, to]`, online or not;
/// - carried over: received before `start()` and not ended before it;
/// - ended in the period: ended before `end()`, classed by [`crate::classify::classify_ended`]
///   (ended while paused: by the time it had left, see `Dossier::classification_due`);
/// - otherwise open at `end()`: not due if due after `end()`, else overdue (paused: not due
///   when it had time left, overdue when paused after its due instant);
/// - more than one supplement request after reception: late or overdue whatever the time
///   ([`crate::classify::classify_dossier`]).
pub fn place(period: &Period, record: &Record) -> Option<Placement> {
    Bounds::new(period).place(record)
}
