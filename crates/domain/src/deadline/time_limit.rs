//! A procedure's time limit: an amount in a unit.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Default cut-off of same-day procedures: received at or after 15:00 → next working day.
pub const DEFAULT_CUTOFF: NaiveTime = match NaiveTime::from_hms_opt(15, 0, 0) {
    Some(t) => t,
    None => panic!("15:00 is a valid time"),
};

/// How long the administration has to resolve a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum TimeLimit {
    /// N working days (ngày làm việc).
    WorkingDays {
        /// Number of working days.
        amount: u32,
    },
    /// Resolved the same day when received before the cut-off (trong ngày).
    SameDay {
        /// Receptions at or after this time are due the next working day.
        cutoff: NaiveTime,
    },
    /// H working hours (giờ làm việc).
    Hours {
        /// Number of working hours.
        amount: u32,
    },
    /// N calendar days (ngày).
    CalendarDays {
        /// Number of calendar days.
        amount: u32,
    },
}

/// A time limit that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeLimitError {
    /// Unknown unit.
    #[error(
        "đơn vị thời hạn không hợp lệ: «{0}» (dùng working-days, same-day, hours hoặc calendar-days)"
    )]
    Unit(String),
    /// Missing or bad amount.
    #[error("số lượng thời hạn không hợp lệ: «{0}» (cần một số nguyên không âm)")]
    Amount(String),
}

impl TimeLimit {
    /// A time limit from a unit code (`working-days`, `working_days`, `same-day`, `hours`,
    /// `calendar-days`) and an amount (ignored for same-day).
    pub fn parse(unit: &str, amount: Option<&str>) -> Result<TimeLimit, TimeLimitError> {
        let number = || -> Result<u32, TimeLimitError> {
            let text = amount.unwrap_or("");
            text.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 3650)
                .ok_or_else(|| TimeLimitError::Amount(text.to_owned()))
        };
        match unit.replace('_', "-").as_str() {
            "working-days" => Ok(TimeLimit::WorkingDays { amount: number()? }),
            "same-day" => Ok(TimeLimit::SameDay {
                cutoff: DEFAULT_CUTOFF,
            }),
            "hours" => Ok(TimeLimit::Hours { amount: number()? }),
            "calendar-days" => Ok(TimeLimit::CalendarDays { amount: number()? }),
            _ => Err(TimeLimitError::Unit(unit.to_owned())),
        }
    }

    /// An amount of 0 in any unit: «trả ngay», returned on the day the clock starts
    /// (docs/rules.md §5).
    pub fn is_on_the_spot(&self) -> bool {
        matches!(
            self,
            TimeLimit::WorkingDays { amount: 0 }
                | TimeLimit::Hours { amount: 0 }
                | TimeLimit::CalendarDays { amount: 0 }
        )
    }

    /// The stable unit code (`working_days`, `same_day`, `hours`, `calendar_days`).
    pub fn unit_code(&self) -> &'static str {
        match self {
            TimeLimit::WorkingDays { .. } => "working_days",
            TimeLimit::SameDay { .. } => "same_day",
            TimeLimit::Hours { .. } => "hours",
            TimeLimit::CalendarDays { .. } => "calendar_days",
        }
    }
}

impl fmt::Display for TimeLimit {
    /// Vietnamese wording: `3 ngày làm việc`, `trong ngày (tiếp nhận trước 15:00)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_on_the_spot() {
            return write!(f, "trả ngay (trong ngày làm việc tiếp nhận)");
        }
        match self {
            TimeLimit::WorkingDays { amount } => write!(f, "{amount} ngày làm việc"),
            TimeLimit::SameDay { cutoff } => {
                write!(f, "trong ngày (tiếp nhận trước {})", cutoff.format("%H:%M"))
            }
            TimeLimit::Hours { amount } => write!(f, "{amount} giờ làm việc"),
            TimeLimit::CalendarDays { amount } => write!(f, "{amount} ngày (tính cả ngày nghỉ)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_rejects_bad_values() {
        assert_eq!(
            TimeLimit::parse("working-days", Some("3")),
            Ok(TimeLimit::WorkingDays { amount: 3 })
        );
        assert_eq!(
            TimeLimit::parse("working_days", Some("3")),
            Ok(TimeLimit::WorkingDays { amount: 3 })
        );
        assert_eq!(
            TimeLimit::parse("same-day", None),
            Ok(TimeLimit::SameDay {
                cutoff: DEFAULT_CUTOFF
            })
        );
        assert_eq!(
            TimeLimit::parse("hours", Some("8")),
            Ok(TimeLimit::Hours { amount: 8 })
        );
        assert_eq!(
            TimeLimit::parse("calendar-days", Some("15")),
            Ok(TimeLimit::CalendarDays { amount: 15 })
        );
        assert_eq!(
            TimeLimit::parse("weeks", Some("1")),
            Err(TimeLimitError::Unit("weeks".into()))
        );
        assert_eq!(
            TimeLimit::parse("hours", Some("-2")),
            Err(TimeLimitError::Amount("-2".into()))
        );
        assert_eq!(
            TimeLimit::parse("hours", None),
            Err(TimeLimitError::Amount(String::new()))
        );
        assert_eq!(
            TimeLimit::WorkingDays { amount: 3 }.to_string(),
            "3 ngày làm việc"
        );
    }
}
