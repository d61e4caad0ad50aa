//! Working-time arithmetic on one calendar and one set of office hours.

use super::TimeLimit;
use crate::calendar::{OfficeHours, WorkCalendar};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Computes due instants for one unit: its calendar and its office hours.
///
/// All instants are local Vietnamese time. Computations allocate nothing.
#[derive(Debug, Clone, Copy)]
pub struct DeadlineEngine<'a> {
    /// The unit's working calendar.
    pub calendar: &'a WorkCalendar,
    /// The unit's office hours.
    pub hours: &'a OfficeHours,
}

/// Seconds since midnight.
fn second_of_day(t: NaiveDateTime) -> i64 {
    i64::from(t.num_seconds_from_midnight())
}

/// A date at a number of seconds after its midnight (86 400 is the next midnight).
fn at_second(date: NaiveDate, seconds: i64) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::seconds(seconds)
}

impl<'a> DeadlineEngine<'a> {
    /// An engine for a calendar and office hours.
    pub fn new(calendar: &'a WorkCalendar, hours: &'a OfficeHours) -> Self {
        DeadlineEngine { calendar, hours }
    }

    /// Whether the office is open at `t` (a working day, inside a period).
    pub fn is_open(&self, t: NaiveDateTime) -> bool {
        self.calendar.is_working(t.date()) && self.contains_second(second_of_day(t))
    }

    fn contains_second(&self, s: i64) -> bool {
        self.hours
            .periods()
            .iter()
            .any(|p| i64::from(p.start) * 60 <= s && s < i64::from(p.end) * 60)
    }

    /// The closing instant of a day.
    pub fn closing(&self, date: NaiveDate) -> NaiveDateTime {
        at_second(date, i64::from(self.hours.closing()) * 60)
    }

    /// The opening instant of a day.
    pub fn opening(&self, date: NaiveDate) -> NaiveDateTime {
        at_second(date, i64::from(self.hours.opening()) * 60)
    }

    /// When the clock starts for a reception at `t`: `t` itself inside office hours, otherwise the
    /// opening of the next working period.
    pub fn clock_start(&self, t: NaiveDateTime) -> NaiveDateTime {
        if self.is_open(t) {
            return t;
        }
        let date = t.date();
        if self.calendar.is_working(date) {
            let s = second_of_day(t);
            if let Some(p) = self
                .hours
                .periods()
                .iter()
                .find(|p| i64::from(p.start) * 60 >= s)
            {
                return at_second(date, i64::from(p.start) * 60);
            }
        }
        self.opening(self.calendar.next_working_day(date))
    }

    /// When papers handed over at `t` reach the next unit (docs/rules.md §6.6): received before
    /// 15:00 on a working day, they are passed on the same day, and the next unit's time starts
    /// at once (at the next working period); otherwise they are passed on the next working day,
    /// whose opening starts it.
    pub fn paper_handover(&self, t: NaiveDateTime) -> NaiveDateTime {
        if self.calendar.is_working(t.date()) && t.time() < super::DEFAULT_CUTOFF {
            self.clock_start(t)
        } else {
            self.opening(self.calendar.next_working_day(t.date()))
        }
    }

    /// Whether `t` is a working instant: a working day, inside a period of office hours or at
    /// its closing (a new appointment may be at 17:00).
    pub fn is_working_instant(&self, t: NaiveDateTime) -> bool {
        let s = second_of_day(t);
        self.calendar.is_working(t.date())
            && self
                .hours
                .periods()
                .iter()
                .any(|p| i64::from(p.start) * 60 <= s && s <= i64::from(p.end) * 60)
    }

    /// Whether `t` is the opening of a working day: no working time of that day used.
    pub fn is_opening_of_working_day(&self, t: NaiveDateTime) -> bool {
        self.calendar.is_working(t.date()) && t == self.opening(t.date())
    }

    /// The instant as a ward states it (docs/rules.md §5, «Cách ghi thời hạn»): the opening of a
    /// working day, with none of its working time used, is the same working moment as the closing
    /// of the previous working day, and is stated as that closing. Any other instant is kept.
    pub fn stated(&self, t: NaiveDateTime) -> NaiveDateTime {
        if self.is_opening_of_working_day(t) {
            self.closing(self.calendar.previous_working_day(t.date()))
        } else {
            t
        }
    }

    /// The due instant of a dossier received at `t` with time limit `limit` (no pauses), stated
    /// as a ward states it ([`DeadlineEngine::stated`]). An amount of 0 is «trả ngay»: the
    /// closing of the working day the clock starts on.
    pub fn due(&self, t: NaiveDateTime, limit: TimeLimit) -> NaiveDateTime {
        if limit.is_on_the_spot() {
            return self.closing(self.clock_start(t).date());
        }
        let due = match limit {
            TimeLimit::WorkingDays { amount } => {
                let start = self.clock_start(t);
                let mut date = start.date();
                for _ in 0..amount {
                    date = self.calendar.next_working_day(date);
                }
                self.same_time_or_closing(date, start)
            }
            TimeLimit::SameDay { cutoff } => {
                if self.calendar.is_working(t.date()) && t.time() < cutoff {
                    self.closing(t.date())
                } else {
                    self.closing(self.calendar.next_working_day(t.date()))
                }
            }
            TimeLimit::Hours { amount } => {
                self.add_working_seconds(self.clock_start(t), i64::from(amount) * 3600)
            }
            // From an opening, the first day counts whole: the limit ends with the closing of
            // day N, the start day being day 1 (Monday 18:00 + 3 days ends Thursday 17:00).
            TimeLimit::CalendarDays { amount } => {
                let start = self.clock_start(t);
                if self.is_opening_of_working_day(start) {
                    let last = start.date() + Duration::days(i64::from(amount) - 1);
                    self.closing(self.first_working_day_from(last))
                } else {
                    let target = start + Duration::days(i64::from(amount));
                    if self.calendar.is_working(target.date()) {
                        self.same_time_or_closing(target.date(), start)
                    } else {
                        self.closing(self.calendar.next_working_day(target.date()))
                    }
                }
            }
        };
        self.stated(due)
    }

    /// `date` when it is a working day, otherwise the next working day.
    fn first_working_day_from(&self, date: NaiveDate) -> NaiveDate {
        if self.calendar.is_working(date) {
            date
        } else {
            self.calendar.next_working_day(date)
        }
    }

    /// `date` at the time of day of `like`, or at closing time when that time is outside office hours.
    fn same_time_or_closing(&self, date: NaiveDate, like: NaiveDateTime) -> NaiveDateTime {
        let s = second_of_day(like);
        if self.contains_second(s) {
            at_second(date, s)
        } else {
            self.closing(date)
        }
    }

    /// Working seconds of a working day before `s` seconds after midnight.
    fn worked_before(&self, s: i64) -> i64 {
        self.hours
            .periods()
            .iter()
            .map(|p| {
                let (a, b) = (i64::from(p.start) * 60, i64::from(p.end) * 60);
                s.clamp(a, b) - a
            })
            .sum()
    }

    /// Working seconds between two instants (negative when `b` is before `a`).
    pub fn working_seconds_between(&self, a: NaiveDateTime, b: NaiveDateTime) -> i64 {
        if b < a {
            return -self.working_seconds_between(b, a);
        }
        let day = i64::from(self.hours.day_minutes()) * 60;
        let in_day = |t: NaiveDateTime| {
            if self.calendar.is_working(t.date()) {
                self.worked_before(second_of_day(t))
            } else {
                0
            }
        };
        if a.date() == b.date() {
            return in_day(b) - in_day(a);
        }
        let first = if self.calendar.is_working(a.date()) {
            day - in_day(a)
        } else {
            0
        };
        let mut total = first + in_day(b);
        let mut d = self.calendar.next_working_day(a.date());
        while d < b.date() {
            total += day;
            d = self.calendar.next_working_day(d);
        }
        total
    }

    /// The instant `seconds` of working time after `t` (before it when negative). Adding zero
    /// returns `t`; a sum that ends exactly at the close of a period returns that closing instant.
    pub fn add_working_seconds(&self, t: NaiveDateTime, seconds: i64) -> NaiveDateTime {
        if seconds < 0 {
            return self.sub_working_seconds(t, -seconds);
        }
        if seconds == 0 {
            return t;
        }
        let mut remaining = seconds;
        let mut date = t.date();
        let mut x = second_of_day(t);
        loop {
            if self.calendar.is_working(date) {
                for p in self.hours.periods() {
                    let (a, b) = (i64::from(p.start) * 60, i64::from(p.end) * 60);
                    if b <= x {
                        continue;
                    }
                    let from = x.max(a);
                    if remaining <= b - from {
                        return at_second(date, from + remaining);
                    }
                    remaining -= b - from;
                }
            }
            let next = self.calendar.next_working_day(date);
            if next == date {
                return at_second(date, x);
            }
            date = next;
            x = 0;
        }
    }

    fn sub_working_seconds(&self, t: NaiveDateTime, seconds: i64) -> NaiveDateTime {
        let mut remaining = seconds;
        let mut date = t.date();
        let mut x = second_of_day(t);
        loop {
            if self.calendar.is_working(date) {
                for p in self.hours.periods().iter().rev() {
                    let (a, b) = (i64::from(p.start) * 60, i64::from(p.end) * 60);
                    if a >= x {
                        continue;
                    }
                    let to = x.min(b);
                    if remaining <= to - a {
                        return at_second(date, to - remaining);
                    }
                    remaining -= to - a;
                }
            }
            let prev = self.calendar.previous_working_day(date);
            if prev == date {
                return at_second(date, x);
            }
            date = prev;
            x = 86_400;
        }
    }
}
