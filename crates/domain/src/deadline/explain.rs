//! Why a deadline is what it is: day 0, the days skipped, the pauses, the rule — for staff and, in
//! plain words, for the applicant.

use super::{Deadline, DeadlineEngine, PauseEffect, TimeLimit};
use crate::calendar::{DayKind, DaySource};
use crate::format;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// How the clock start relates to the reception instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartNote {
    /// Received inside office hours: day 0 is the reception instant.
    InOfficeHours,
    /// Received on a working day outside office hours: counting starts at the next opening.
    OutsideOfficeHours,
    /// Received on a day that is not a working day.
    NonWorkingDay(DayKind),
}

/// A day the count skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDay {
    /// The date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: DayKind,
    /// The holiday's name, if it is a special day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The instrument that made it a day off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Whether the day comes from a generated (provisional) year.
    pub provisional: bool,
}

/// The full explanation of a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Calendar name.
    pub calendar: String,
    /// Office hours, e.g. `07:30-11:30,13:30-17:00`.
    pub office_hours: String,
    /// The time limit.
    pub limit: TimeLimit,
    /// Reception instant.
    pub received: NaiveDateTime,
    /// Clock start (day 0).
    pub start: NaiveDateTime,
    /// How the start was chosen.
    pub start_note: StartNote,
    /// The working days counted (working-days limits only).
    pub counted_days: Vec<NaiveDate>,
    /// Non-working days between the reception and the due date.
    pub skipped: Vec<SkippedDay>,
    /// The pauses.
    pub pauses: Vec<PauseEffect>,
    /// Due instant from the time limit alone.
    pub base_due: NaiveDateTime,
    /// Final due instant (`None` while the clock is stopped).
    pub due: Option<NaiveDateTime>,
    /// Counting started at an opening: the whole first day is day 1 and the due instant is a
    /// closing (docs/rules.md §5.2).
    pub whole_first_day: bool,
    /// Whether the time of day moved to closing time.
    pub moved_to_closing: bool,
    /// Whether a calendar-day limit ended on a day off and moved to the next working day's closing.
    pub rolled_forward: bool,
    /// Years whose holidays were generated and not yet confirmed.
    pub provisional_years: Vec<i32>,
}

impl DeadlineEngine<'_> {
    /// The explanation of a computed deadline.
    pub fn explain(&self, deadline: &Deadline) -> Explanation {
        let received = deadline.received;
        let start_note = if self.is_open(received) {
            StartNote::InOfficeHours
        } else if self.calendar.is_working(received.date()) {
            StartNote::OutsideOfficeHours
        } else {
            StartNote::NonWorkingDay(self.calendar.kind(received.date()))
        };
        let last = deadline
            .due
            .or(deadline.pauses.last().map(|p| p.due_before))
            .unwrap_or(deadline.base_due)
            .date()
            .max(deadline.base_due.date());
        let mut skipped = Vec::new();
        let mut provisional_years = Vec::new();
        let mut d = received.date();
        while d <= last {
            if self.calendar.is_provisional(d.year()) && !provisional_years.contains(&d.year()) {
                provisional_years.push(d.year());
            }
            let kind = self.calendar.kind(d);
            if !kind.is_working() {
                let special = self.calendar.special(d);
                skipped.push(SkippedDay {
                    date: d,
                    kind,
                    name: special.map(|s| s.name.clone()),
                    reference: special.map(|s| s.reference.clone()),
                    provisional: special.is_some_and(|s| s.source == DaySource::Generated),
                });
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        // Counting from an opening, that whole day is day 1 (docs/rules.md §5.2).
        let whole_first_day = self.is_opening_of_working_day(deadline.start);
        let counted_days = match deadline.limit {
            TimeLimit::WorkingDays { amount } if amount > 0 => {
                let mut days = Vec::with_capacity(amount as usize);
                let mut d = deadline.start.date();
                if whole_first_day {
                    days.push(d);
                }
                while days.len() < amount as usize {
                    d = self.calendar.next_working_day(d);
                    days.push(d);
                }
                days
            }
            _ => Vec::new(),
        };
        let (moved_to_closing, rolled_forward) = match deadline.limit {
            _ if deadline.limit.is_on_the_spot() || whole_first_day => (false, false),
            TimeLimit::WorkingDays { .. } => {
                (deadline.base_due.time() != deadline.start.time(), false)
            }
            TimeLimit::CalendarDays { amount } => {
                let target = deadline.start.date() + chrono::Days::new(u64::from(amount));
                let rolled = deadline.base_due.date() != target;
                (
                    !rolled && deadline.base_due.time() != deadline.start.time(),
                    rolled,
                )
            }
            _ => (false, false),
        };
        Explanation {
            calendar: self.calendar.name().to_owned(),
            office_hours: self.hours.to_string(),
            limit: deadline.limit,
            received,
            start: deadline.start,
            start_note,
            counted_days,
            skipped,
            pauses: deadline.pauses.clone(),
            base_due: deadline.base_due,
            due: deadline.due,
            whole_first_day,
            moved_to_closing,
            rolled_forward,
            provisional_years,
        }
    }
}

impl Explanation {
    /// The explanation in Vietnamese, one statement a line, for staff.
    pub fn lines_vi(&self) -> Vec<String> {
        let mut lines = Vec::new();
        lines.push(format!(
            "Thời hạn giải quyết: {} (lịch {}, giờ làm việc {}).",
            self.limit, self.calendar, self.office_hours
        ));
        lines.push(format!("Tiếp nhận: {}.", format::date_time(self.received)));
        let start = format::date_time(self.start);
        lines.push(match self.start_note {
            StartNote::InOfficeHours => format!("Ngày 0: {start} (tiếp nhận trong giờ làm việc)."),
            StartNote::OutsideOfficeHours => {
                format!("Tiếp nhận ngoài giờ làm việc: bắt đầu tính từ {start} (ngày 0).")
            }
            StartNote::NonWorkingDay(kind) => {
                format!(
                    "Ngày tiếp nhận là ngày nghỉ ({}): bắt đầu tính từ {start} (ngày 0).",
                    kind.label_vi()
                )
            }
        });
        if let TimeLimit::SameDay { cutoff } = self.limit {
            let before = self.received.time() < cutoff
                && self.start_note != StartNote::NonWorkingDay(DayKind::Weekend);
            lines.push(if before && self.base_due.date() == self.received.date() {
                format!("Tiếp nhận trước {}: trả kết quả trong ngày, lúc đóng cửa.", cutoff.format("%H:%M"))
            } else {
                format!("Tiếp nhận từ {} trở đi hoặc ngày nghỉ: trả kết quả vào ngày làm việc tiếp theo.", cutoff.format("%H:%M"))
            });
        }
        for skipped in &self.skipped {
            let mut line = format!(
                "Bỏ qua {} {}: {}",
                format::weekday(skipped.date),
                format::date(skipped.date),
                skipped.kind.label_vi()
            );
            if let Some(name) = &skipped.name {
                line.push_str(&format!(" — {name}"));
            }
            if let Some(reference) = &skipped.reference {
                line.push_str(&format!(" ({reference})"));
            }
            if skipped.provisional {
                line.push_str(" [dự kiến, chưa có thông báo chính thức]");
            }
            line.push('.');
            lines.push(line);
        }
        if self.limit.is_on_the_spot() {
            lines.push("Trả ngay: hạn là giờ đóng cửa của ngày làm việc bắt đầu tính.".to_owned());
        } else if self.whole_first_day {
            lines.push(
                "Bắt đầu tính từ giờ mở cửa nên ngày đó được tính trọn là ngày 1; hạn là giờ đóng cửa của ngày cuối cùng được tính.".to_owned(),
            );
        }
        if !self.counted_days.is_empty() {
            let days: Vec<String> = self
                .counted_days
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{}: {}", i + 1, format::date(*d)))
                .collect();
            lines.push(format!(
                "Các ngày làm việc được tính — {}.",
                days.join("; ")
            ));
        }
        if self.moved_to_closing {
            lines.push(
                "Giờ hẹn rơi ngoài giờ làm việc của ngày đó nên chuyển về giờ đóng cửa.".to_owned(),
            );
        }
        if self.rolled_forward {
            lines.push("Ngày cuối của thời hạn là ngày nghỉ nên hạn chuyển sang giờ đóng cửa của ngày làm việc tiếp theo.".to_owned());
        }
        if !self.pauses.is_empty() {
            lines.push(format!(
                "Hạn theo quy định (chưa tính tạm dừng): {}.",
                format::date_time(self.base_due)
            ));
        }
        for p in &self.pauses {
            let from = format::date_time(p.pause.from);
            let reason = p.pause.reason.label_vi();
            lines.push(match (p.pause.to, p.due_after) {
                _ if p.remaining_seconds <= 0 => format!(
                    "Tạm dừng ({reason}) từ {from}, khi đã quá hạn: thời gian trễ được giữ nguyên, hạn vẫn là {}.",
                    format::date_time(p.due_before)
                ),
                (Some(to), Some(after)) => format!(
                    "Tạm dừng ({reason}) từ {from} đến {}: còn lại {} làm việc, cộng thêm {} làm việc; hạn chuyển từ {} sang {}.",
                    format::date_time(to),
                    format::minutes(p.remaining_seconds / 60),
                    format::minutes(p.paused_seconds / 60),
                    format::date_time(p.due_before),
                    format::date_time(after)
                ),
                _ => format!(
                    "Đang tạm dừng ({reason}) từ {from}: còn lại {} làm việc, hạn mới được tính khi tiếp tục giải quyết.",
                    format::minutes(p.remaining_seconds / 60)
                ),
            });
        }
        if !self.provisional_years.is_empty() {
            let years: Vec<String> = self.provisional_years.iter().map(i32::to_string).collect();
            lines.push(format!(
                "Lưu ý: lịch nghỉ năm {} được suy ra từ Bộ luật Lao động 2019, chưa có thông báo chính thức.",
                years.join(", ")
            ));
        }
        lines.push(match self.due {
            Some(due) => format!(
                "Hẹn trả kết quả: {} ngày {}.",
                format::time_on_form(due),
                format::date(due.date())
            ),
            None => "Hẹn trả kết quả: chưa xác định (đang tạm dừng).".to_owned(),
        });
        lines
    }

    /// One sentence for the applicant, in plain words.
    pub fn summary_for_applicant_vi(&self) -> String {
        let holidays = self
            .skipped
            .iter()
            .filter(|s| s.kind != DayKind::Weekend)
            .count();
        let mut text = format!(
            "Hồ sơ có thời hạn {}, tính từ {}",
            self.limit,
            format::date_time(self.start)
        );
        if holidays > 0 {
            text.push_str(&format!(
                ", không tính {holidays} ngày nghỉ lễ, Tết, nghỉ bù"
            ));
        }
        let paused: i64 = self.pauses.iter().map(|p| p.paused_seconds).sum();
        if paused > 0 {
            text.push_str(&format!(
                " và {} chờ bổ sung hoặc nộp nghĩa vụ tài chính",
                format::minutes(paused / 60)
            ));
        }
        match self.due {
            Some(due) => text.push_str(&format!(
                ". Hẹn trả kết quả lúc {} ngày {}.",
                format::time_on_form(due),
                format::date(due.date())
            )),
            None => text.push_str(". Thời hạn đang tạm dừng chờ bổ sung."),
        }
        text
    }
}
