//! Shared helpers.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use std::sync::LazyLock;

pub static CCVC: LazyLock<WorkCalendar> = LazyLock::new(WorkCalendar::ccvc);
pub static HOURS: LazyLock<OfficeHours> = LazyLock::new(OfficeHours::default);

pub fn engine() -> DeadlineEngine<'static> {
    DeadlineEngine::new(&CCVC, &HOURS)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

pub fn working_days(amount: u32) -> TimeLimit {
    TimeLimit::WorkingDays { amount }
}

pub fn rfc(t: NaiveDateTime) -> String {
    motcua_domain::time::rfc3339(t)
}
