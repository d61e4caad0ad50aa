//! Office hours of a unit: working periods of a day with a lunch break.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One working period of a day, in minutes after midnight, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First minute of the period.
    pub start: u16,
    /// Minute at which the period closes.
    pub end: u16,
}

/// The working periods of a day, sorted and disjoint (default 07:30–11:30, 13:30–17:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OfficeHours {
    periods: Vec<Period>,
}

/// Office hours that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeHoursError {
    /// The text is not `HH:MM-HH:MM[,HH:MM-HH:MM…]`.
    #[error("giờ làm việc không hợp lệ: «{0}» (ví dụ đúng: 07:30-11:30,13:30-17:00)")]
    Syntax(String),
    /// Periods overlap, are empty or are out of order.
    #[error("các khoảng giờ làm việc phải tăng dần và không chồng lên nhau: «{0}»")]
    Order(String),
}

impl Default for OfficeHours {
    fn default() -> Self {
        OfficeHours {
            periods: vec![
                Period {
                    start: 450,
                    end: 690,
                },
                Period {
                    start: 810,
                    end: 1020,
                },
            ],
        }
    }
}

impl OfficeHours {
    /// Office hours from periods; they must be non-empty, increasing and disjoint.
    pub fn new(periods: Vec<Period>) -> Result<Self, OfficeHoursError> {
        let ordered = !periods.is_empty()
            && periods.iter().all(|p| p.start < p.end && p.end <= 24 * 60)
            && periods.windows(2).all(|w| w[0].end < w[1].start);
        if ordered {
            Ok(OfficeHours { periods })
        } else {
            Err(OfficeHoursError::Order(render(&periods)))
        }
    }

    /// The periods of a day.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// Opening minute of the day.
    pub fn opening(&self) -> u16 {
        self.periods.first().map_or(0, |p| p.start)
    }

    /// Closing minute of the day.
    pub fn closing(&self) -> u16 {
        self.periods.last().map_or(0, |p| p.end)
    }

    /// Working minutes in a full day (450 by default).
    pub fn day_minutes(&self) -> u32 {
        self.periods
            .iter()
            .map(|p| u32::from(p.end - p.start))
            .sum()
    }

    /// Whether a minute of the day is inside a period.
    pub fn contains(&self, minute: u16) -> bool {
        self.periods
            .iter()
            .any(|p| p.start <= minute && minute < p.end)
    }

    /// The start of the first period that opens at or after `minute`, if any this day.
    pub fn next_opening(&self, minute: u16) -> Option<u16> {
        self.periods
            .iter()
            .find(|p| p.start >= minute)
            .map(|p| p.start)
    }

    /// Working minutes of a day before `minute`.
    pub fn minutes_before(&self, minute: u16) -> u32 {
        self.periods
            .iter()
            .map(|p| u32::from(minute.clamp(p.start, p.end) - p.start))
            .sum()
    }
}

/// Minute of the day of a time (seconds are dropped).
pub(crate) fn minute_of(time: NaiveTime) -> u16 {
    // hour < 24 and minute < 60, so the value is below 1440.
    (time.hour() * 60 + time.minute()) as u16
}

fn render(periods: &[Period]) -> String {
    periods
        .iter()
        .map(|p| {
            format!(
                "{:02}:{:02}-{:02}:{:02}",
                p.start / 60,
                p.start % 60,
                p.end / 60,
                p.end % 60
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

impl fmt::Display for OfficeHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(&self.periods))
    }
}

impl From<OfficeHours> for String {
    fn from(hours: OfficeHours) -> String {
        hours.to_string()
    }
}

impl TryFrom<String> for OfficeHours {
    type Error = OfficeHoursError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl FromStr for OfficeHours {
    type Err = OfficeHoursError;

    /// Parses `07:30-11:30,13:30-17:00`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || OfficeHoursError::Syntax(s.to_owned());
        let periods = s
            .split(',')
            .map(|part| {
                let (a, b) = part.trim().split_once('-').ok_or_else(syntax)?;
                let parse =
                    |x: &str| NaiveTime::parse_from_str(x.trim(), "%H:%M").map_err(|_| syntax());
                let end = if b.trim() == "24:00" {
                    24 * 60
                } else {
                    minute_of(parse(b)?)
                };
                Ok(Period {
                    start: minute_of(parse(a)?),
                    end,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        OfficeHours::new(periods)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_civil_service_day() {
        let h = OfficeHours::default();
        assert_eq!(h.to_string(), "07:30-11:30,13:30-17:00");
        assert_eq!(h.day_minutes(), 450);
        assert_eq!((h.opening(), h.closing()), (450, 1020));
        assert!(h.contains(450) && h.contains(689) && !h.contains(690) && !h.contains(1020));
        assert_eq!(h.next_opening(700), Some(810));
        assert_eq!(h.next_opening(1000), None);
        assert_eq!(h.minutes_before(720), 240);
        assert_eq!(h.minutes_before(900), 330);
    }

    #[test]
    fn parses_and_rejects() {
        let h: OfficeHours = "08:00-12:00, 13:00-17:30".parse().unwrap();
        assert_eq!(h.day_minutes(), 510);
        assert!(matches!(
            "8h-12h".parse::<OfficeHours>(),
            Err(OfficeHoursError::Syntax(_))
        ));
        assert!(matches!(
            "13:00-17:00,08:00-12:00".parse::<OfficeHours>(),
            Err(OfficeHoursError::Order(_))
        ));
        assert!(matches!(
            "12:00-12:00".parse::<OfficeHours>(),
            Err(OfficeHoursError::Order(_))
        ));
    }
}
