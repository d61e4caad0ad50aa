//! Working-day calendars (docs/rules.md §4): day kinds, official schedules shipped as data,
//! years generated from the Labour Code, administrators' overrides, and office hours.

mod change;
mod data;
mod day_kind;
mod generator;
mod office_hours;
mod work_calendar;

pub use change::{ChangeError, calendar_owner};
pub use data::{CCVC_TOML, CalendarData, DataError, DaySource, SpecialDay};
pub use day_kind::DayKind;
pub use generator::generate_year;
pub use office_hours::{OfficeHours, OfficeHoursError, Period};
pub use work_calendar::{CalendarOverride, FIRST_YEAR, LAST_YEAR, WorkCalendar};
