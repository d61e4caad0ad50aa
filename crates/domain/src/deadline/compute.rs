//! A dossier's deadline: the due instant of its time limit, moved by its clock pauses.

use super::{DeadlineEngine, TimeLimit};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Why the clock stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    /// Supplements requested from the applicant during processing.
    Supplement,
    /// Waiting for the applicant's financial obligation, where the law allows it.
    Payment,
}

impl PauseReason {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            PauseReason::Supplement => "yêu cầu bổ sung, hoàn thiện hồ sơ",
            PauseReason::Payment => "chờ thực hiện nghĩa vụ tài chính",
        }
    }
}

/// A stop of the clock; `to` is `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// When the clock stopped.
    pub from: NaiveDateTime,
    /// When it restarted.
    pub to: Option<NaiveDateTime>,
    /// Why.
    pub reason: PauseReason,
}

/// What a pause did to the due instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PauseEffect {
    /// The pause.
    pub pause: Pause,
    /// Working time remaining at the start of the pause (negative when already overdue).
    pub remaining_seconds: i64,
    /// Working time the pause lasted (added to the due instant only when time was left).
    pub paused_seconds: i64,
    /// Due instant before the pause.
    pub due_before: NaiveDateTime,
    /// Due instant after the pause; `None` while it lasts.
    pub due_after: Option<NaiveDateTime>,
}

/// Pauses that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// A pause starts before the reception, ends before it starts, overlaps the previous one,
    /// or follows a pause that has not ended.
    #[error("khoảng tạm dừng không hợp lệ: bắt đầu {from}")]
    BadPause {
        /// Start of the offending pause.
        from: NaiveDateTime,
    },
}

/// The computed deadline of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Reception instant.
    pub received: NaiveDateTime,
    /// The time limit applied.
    pub limit: TimeLimit,
    /// When the clock started (day 0).
    pub start: NaiveDateTime,
    /// Due instant from the time limit alone.
    pub base_due: NaiveDateTime,
    /// Each pause and its effect, in order.
    pub pauses: Vec<PauseEffect>,
    /// The due instant; `None` while the clock is stopped.
    pub due: Option<NaiveDateTime>,
}

impl Deadline {
    /// Working time left at the end of an open pause, if the clock is stopped.
    pub fn remaining_while_paused(&self) -> Option<i64> {
        self.pauses
            .last()
            .filter(|p| p.due_after.is_none())
            .map(|p| p.remaining_seconds)
    }
}

impl DeadlineEngine<'_> {
    /// The due instant `due` after a pause from `from` to `resumed` (docs/rules.md §5.8–§5.9):
    /// the working time left at the pause is left again after the resume (the due instant moves
    /// by the working time paused); a pause that found none left (it began at or after the due
    /// instant) moves nothing, so the overdue time is carried, never forgiven.
    pub fn resumed_due(
        &self,
        due: NaiveDateTime,
        from: NaiveDateTime,
        resumed: NaiveDateTime,
    ) -> NaiveDateTime {
        if self.working_seconds_between(from, due) > 0 {
            let paused = self.working_seconds_between(from, resumed);
            self.stated(self.add_working_seconds(due, paused))
        } else {
            due
        }
    }

    /// The deadline of a dossier received at `received` with `limit`, moved by `pauses` (in order,
    /// non-overlapping; only the last may be open). The working time left at a pause is kept
    /// after the resume; a pause after the due instant leaves it where it was.
    pub fn deadline(
        &self,
        received: NaiveDateTime,
        limit: TimeLimit,
        pauses: &[Pause],
    ) -> Result<Deadline, DeadlineError> {
        let base_due = self.due(received, limit);
        let mut due = Some(base_due);
        let mut effects = Vec::with_capacity(pauses.len());
        let mut previous_end = received;
        for pause in pauses {
            let (Some(current), true) = (due, pause.from >= previous_end) else {
                return Err(DeadlineError::BadPause { from: pause.from });
            };
            let remaining = self.working_seconds_between(pause.from, current);
            let (paused, after) = match pause.to {
                Some(to) if to >= pause.from => {
                    let paused = self.working_seconds_between(pause.from, to);
                    previous_end = to;
                    (paused, Some(self.resumed_due(current, pause.from, to)))
                }
                Some(_) => return Err(DeadlineError::BadPause { from: pause.from }),
                None => (0, None),
            };
            effects.push(PauseEffect {
                pause: *pause,
                remaining_seconds: remaining,
                paused_seconds: paused,
                due_before: current,
                due_after: after,
            });
            due = after;
        }
        Ok(Deadline {
            received,
            limit,
            start: self.clock_start(received),
            base_due,
            pauses: effects,
            due,
        })
    }
}
