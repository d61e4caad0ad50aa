//! The limits of feedback handling (docs/rules.md §10 and §9, indicator 5.2): refuse within 2 working
//! days, ask for more within 5, answer within 15 (all from the reception), publish the answer
//! within 2 working days of it.
//!
//! Working days are counted by the deadline engine, as for dossiers (docs/rules.md §5): from a
//! reception during office hours the limit is the N-th working day after the reception day;
//! from a reception after hours or on a day off, the next working day is counted whole as day 1
//! (§5.2), so the reception day itself is never counted (Bộ luật Dân sự 2015, Điều 147). A limit
//! counted in days ends with the end of its last day (Điều 148 khoản 1), so a milestone reached
//! on that day at any hour is within it.

use super::item::FeedbackItem;
use crate::deadline::{DeadlineEngine, TimeLimit};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A handling milestone that has a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// Refusing to handle it (từ chối tiếp nhận), from the reception.
    Refuse,
    /// Asking the sender for more (đề nghị bổ sung), from the reception.
    RequestSupplement,
    /// Answering (xử lý, trả lời), from the reception.
    Answer,
    /// Publishing the answer (công khai kết quả), from the answer.
    Publish,
}

impl Milestone {
    /// Every milestone, in the order of handling.
    pub const ALL: [Milestone; 4] = [
        Milestone::Refuse,
        Milestone::RequestSupplement,
        Milestone::Answer,
        Milestone::Publish,
    ];

    /// Its limit in working days.
    pub fn working_days(self) -> u32 {
        match self {
            Milestone::Refuse | Milestone::Publish => 2,
            Milestone::RequestSupplement => 5,
            Milestone::Answer => 15,
        }
    }

    /// When `item` reached it, if it did.
    pub fn reached(self, item: &FeedbackItem) -> Option<NaiveDateTime> {
        match self {
            Milestone::Refuse => item.refused_at,
            Milestone::RequestSupplement => item.supplement_requested_at,
            Milestone::Answer => item.answered_at,
            Milestone::Publish => item.published_at,
        }
    }

    /// Where its limit counts from for `item`: the reception, or the answer for publication
    /// (`None` before the answer).
    pub fn counted_from(self, item: &FeedbackItem) -> Option<NaiveDateTime> {
        match self {
            Milestone::Publish => item.answered_at,
            _ => Some(item.received_at),
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Milestone::Refuse => "từ chối tiếp nhận",
            Milestone::RequestSupplement => "đề nghị bổ sung thông tin",
            Milestone::Answer => "xử lý, trả lời",
            Milestone::Publish => "công khai kết quả",
        }
    }
}

/// The last day within the limit of `milestone` counted from `from`: the local date of the due
/// instant of its working days from `from` (see the module's notes).
pub fn limit_date(
    engine: &DeadlineEngine<'_>,
    from: NaiveDateTime,
    milestone: Milestone,
) -> NaiveDate {
    let limit = TimeLimit::WorkingDays {
        amount: milestone.working_days(),
    };
    engine.due(from, limit).date()
}

/// The last day within each limit of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Refusal.
    pub refuse: NaiveDate,
    /// Request for more.
    pub request_supplement: NaiveDate,
    /// Answer.
    pub answer: NaiveDate,
    /// Publication, once answered.
    pub publish: Option<NaiveDate>,
}

impl Limits {
    /// The limits of `item` on the calendar and office hours of `engine`.
    pub fn of(item: &FeedbackItem, engine: &DeadlineEngine<'_>) -> Limits {
        let from_reception = |m| limit_date(engine, item.received_at, m);
        Limits {
            refuse: from_reception(Milestone::Refuse),
            request_supplement: from_reception(Milestone::RequestSupplement),
            answer: from_reception(Milestone::Answer),
            publish: item
                .answered_at
                .map(|a| limit_date(engine, a, Milestone::Publish)),
        }
    }

    /// The last day of a milestone's limit (`None`: publication before any answer).
    pub fn last_day(&self, milestone: Milestone) -> Option<NaiveDate> {
        match milestone {
            Milestone::Refuse => Some(self.refuse),
            Milestone::RequestSupplement => Some(self.request_supplement),
            Milestone::Answer => Some(self.answer),
            Milestone::Publish => self.publish,
        }
    }

    /// Whether reaching `milestone` at `at` is within its limit (on or before its last day).
    pub fn met(&self, milestone: Milestone, at: NaiveDateTime) -> bool {
        self.last_day(milestone).is_some_and(|d| at.date() <= d)
    }
}
