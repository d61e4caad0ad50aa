//! Classifying a dossier's time (docs/rules.md §7): early, on time or late once ended; not yet due or
//! overdue while open.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The class of a dossier's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeClass {
    /// Ended on an earlier local date than the due date (trước hạn).
    Early,
    /// Ended on the due date, not after the due instant (đúng hạn).
    OnTime,
    /// Ended after the due instant (quá hạn).
    Late,
    /// Open, due after the end of the period (trong hạn).
    NotDue,
    /// Open, due at or before the end of the period (quá hạn).
    Overdue,
}

impl TimeClass {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            TimeClass::Early => "trước hạn",
            TimeClass::OnTime => "đúng hạn",
            TimeClass::Late | TimeClass::Overdue => "quá hạn",
            TimeClass::NotDue => "trong hạn",
        }
    }

    /// Whether the dossier is or was late.
    pub fn is_late(self) -> bool {
        matches!(self, TimeClass::Late | TimeClass::Overdue)
    }
}

/// Classifies a dossier ended at `ended` with due instant `due` (pauses included; an apology's new
/// date does not change it).
pub fn classify_ended(ended: NaiveDateTime, due: NaiveDateTime) -> TimeClass {
    if ended > due {
        TimeClass::Late
    } else if ended.date() < due.date() {
        TimeClass::Early
    } else {
        TimeClass::OnTime
    }
}

/// Classifies a dossier still open at `period_end`.
pub fn classify_open(due: NaiveDateTime, period_end: NaiveDateTime) -> TimeClass {
    if due > period_end {
        TimeClass::NotDue
    } else {
        TimeClass::Overdue
    }
}

/// Classifies a dossier as of `as_of`: by its end if it ended by then, otherwise as open. A dossier
/// whose clock is stopped (`due` is `None`) is not yet due while open.
pub fn classify(
    due: Option<NaiveDateTime>,
    ended: Option<NaiveDateTime>,
    as_of: NaiveDateTime,
) -> TimeClass {
    match (ended.filter(|e| *e <= as_of), due) {
        (Some(e), Some(d)) => classify_ended(e, d),
        (Some(_), None) => TimeClass::OnTime,
        (None, Some(d)) => classify_open(d, as_of),
        (None, None) => TimeClass::NotDue,
    }
}

/// Early, on time or late for a step or a transfer done at `done` against its own due instant
/// (docs/rules.md §6.6, §7.1); one without a due instant is on time; `None` while not done.
pub fn classify_step(done: Option<NaiveDateTime>, due: Option<NaiveDateTime>) -> Option<TimeClass> {
    let done = done?;
    Some(due.map_or(TimeClass::OnTime, |due| classify_ended(done, due)))
}

/// Classifies a dossier as of `as_of` ([`classify`]), with the rule of docs/rules.md §6–§7:
/// more than one supplement request after reception makes it late (ended) or overdue (open),
/// whatever its time. The periodic report, the Decision 766 index, the dashboard and the
/// dossier's own page all classify through this one function.
pub fn classify_dossier(
    due: Option<NaiveDateTime>,
    ended: Option<NaiveDateTime>,
    as_of: NaiveDateTime,
    supplements_after_reception: u32,
) -> TimeClass {
    let class = classify(due, ended, as_of);
    if supplements_after_reception <= 1 || class.is_late() {
        return class;
    }
    if ended.is_some_and(|e| e <= as_of) {
        TimeClass::Late
    } else {
        TimeClass::Overdue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn t(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn ended_dossiers() {
        let due = t(20, 9, 0);
        assert_eq!(classify_ended(t(19, 16, 59), due), TimeClass::Early);
        assert_eq!(classify_ended(t(20, 7, 30), due), TimeClass::OnTime);
        assert_eq!(classify_ended(t(20, 9, 0), due), TimeClass::OnTime);
        assert_eq!(classify_ended(t(20, 9, 1), due), TimeClass::Late);
        assert_eq!(classify_ended(t(23, 8, 0), due), TimeClass::Late);
    }

    #[test]
    fn open_dossiers_at_the_end_of_a_period() {
        let due = t(20, 9, 0);
        assert_eq!(classify_open(due, t(20, 8, 59)), TimeClass::NotDue);
        assert_eq!(classify_open(due, t(20, 9, 0)), TimeClass::Overdue);
        assert_eq!(
            classify(Some(due), Some(t(25, 9, 0)), t(21, 0, 0)),
            TimeClass::Overdue
        );
        assert_eq!(
            classify(Some(due), Some(t(19, 9, 0)), t(21, 0, 0)),
            TimeClass::Early
        );
        assert_eq!(classify(None, None, t(30, 0, 0)), TimeClass::NotDue);
        assert!(TimeClass::Overdue.is_late() && !TimeClass::OnTime.is_late());
        assert_eq!(
            classify_step(Some(t(19, 9, 0)), Some(due)),
            Some(TimeClass::Early)
        );
        assert_eq!(
            classify_step(Some(t(21, 9, 0)), Some(due)),
            Some(TimeClass::Late)
        );
        assert_eq!(
            classify_step(Some(t(21, 9, 0)), None),
            Some(TimeClass::OnTime)
        );
        assert_eq!(classify_step(None, Some(due)), None);
    }
}
