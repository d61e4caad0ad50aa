//! Who may change a calendar and which changes make sense (docs/rules.md §4): a calendar belongs
//! to the unit above every unit that uses it, so only an administrator of that unit (or above)
//! may change it; a change names a day the calendar covers and says why, with its instrument.

use super::{CalendarOverride, DayKind, FIRST_YEAR, LAST_YEAR};
use crate::org::Unit;
use chrono::{Datelike, Weekday};

/// Why a calendar change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// No unit uses a calendar of that name.
    #[error("không có lịch làm việc tên «{0}» (lịch phải đang được một đơn vị sử dụng)")]
    UnknownCalendar(String),
    /// The day is outside the years a calendar covers.
    #[error("ngày {0} nằm ngoài các năm lịch làm việc áp dụng ({FIRST_YEAR}–{LAST_YEAR})")]
    DateOutOfRange(String),
    /// No reason or no instrument.
    #[error("thay đổi lịch phải có lý do và số hiệu văn bản")]
    MissingReference,
    /// A weekday cannot become a weekend day.
    #[error("ngày thường không thể là ngày cuối tuần")]
    WeekendOnWeekday,
}

impl ChangeError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            ChangeError::UnknownCalendar(_) => "unknown_calendar",
            ChangeError::DateOutOfRange(_) => "date_out_of_range",
            ChangeError::MissingReference => "missing_reference",
            ChangeError::WeekendOnWeekday => "invalid_kind",
        }
    }

    /// The field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ChangeError::UnknownCalendar(_) => "calendar",
            ChangeError::DateOutOfRange(_) => "date",
            ChangeError::MissingReference => "reference",
            ChangeError::WeekendOnWeekday => "kind",
        }
    }
}

impl CalendarOverride {
    /// Checks the change itself, whoever makes it.
    pub fn check(&self) -> Result<(), ChangeError> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&self.date.year()) {
            return Err(ChangeError::DateOutOfRange(
                self.date.format("%d/%m/%Y").to_string(),
            ));
        }
        if self.reason.trim().is_empty() || self.reference.trim().is_empty() {
            return Err(ChangeError::MissingReference);
        }
        let weekend = matches!(self.date.weekday(), Weekday::Sat | Weekday::Sun);
        if self.kind == DayKind::Weekend && !weekend {
            return Err(ChangeError::WeekendOnWeekday);
        }
        Ok(())
    }
}

/// The unit a calendar belongs to: the deepest unit whose subtree holds every unit that uses it.
pub fn calendar_owner<'a>(units: &'a [Unit], calendar: &str) -> Result<&'a Unit, ChangeError> {
    let unknown = || ChangeError::UnknownCalendar(calendar.to_owned());
    let mut users = units.iter().filter(|u| u.calendar == calendar);
    let first = users.next().ok_or_else(unknown)?;
    let common = users.fold(first.path.len(), |len, u| {
        first
            .path
            .iter()
            .zip(&u.path)
            .take(len)
            .take_while(|(a, b)| a == b)
            .count()
    });
    let owner = common
        .checked_sub(1)
        .and_then(|i| first.path.get(i))
        .ok_or_else(unknown)?;
    units.iter().find(|u| &u.code == owner).ok_or_else(unknown)
}
