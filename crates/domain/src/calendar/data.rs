//! Calendar data files (`data/calendars/*.toml`): the official special days of each year.

use super::DayKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The civil-service calendar shipped with motcua (`data/calendars/ccvc.toml`).
pub const CCVC_TOML: &str = include_str!("../../../../data/calendars/ccvc.toml");

/// Where a special day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// An official schedule shipped as data.
    Official,
    /// Generated from the Labour Code rules; provisional until confirmed.
    Generated,
    /// Set by an administrator.
    Override,
}

/// A day that is not an ordinary weekday or weekend, with why it is so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    /// The date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: DayKind,
    /// Name of the holiday block, e.g. `Tết Nguyên đán`.
    pub name: String,
    /// The instrument that set it: a notice number and date, or a law article.
    pub reference: String,
    /// A short note (e.g. the lunar date, or an administrator's reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it comes from.
    #[serde(default = "official")]
    pub source: DaySource,
}

fn official() -> DaySource {
    DaySource::Official
}

/// A parsed calendar data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    /// Calendar name, e.g. `ccvc`.
    pub name: String,
    /// Human label.
    pub label: String,
    /// Years whose schedule is official (every special day is listed).
    pub official_years: Vec<i32>,
    /// The special days, sorted by date.
    #[serde(rename = "day", default)]
    pub days: Vec<SpecialDay>,
}

/// A calendar data file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataError {
    /// Not valid TOML or not the expected shape.
    #[error("tệp lịch không hợp lệ: {0}")]
    Syntax(String),
    /// A day is listed twice.
    #[error("ngày {0} được khai báo hai lần")]
    Duplicate(NaiveDate),
    /// A day lies outside the official years.
    #[error("ngày {0} không thuộc các năm chính thức của tệp")]
    OutsideYears(NaiveDate),
    /// A day has no reference.
    #[error("ngày {0} thiếu căn cứ (reference)")]
    MissingReference(NaiveDate),
}

impl CalendarData {
    /// Parses and checks a calendar data file.
    pub fn parse(text: &str) -> Result<CalendarData, DataError> {
        let mut data: CalendarData =
            toml::from_str(text).map_err(|e| DataError::Syntax(e.to_string()))?;
        data.days.sort_by_key(|d| d.date);
        for pair in data.days.windows(2) {
            if pair[0].date == pair[1].date {
                return Err(DataError::Duplicate(pair[0].date));
            }
        }
        for day in &data.days {
            if !data
                .official_years
                .contains(&chrono::Datelike::year(&day.date))
            {
                return Err(DataError::OutsideYears(day.date));
            }
            if day.reference.trim().is_empty() {
                return Err(DataError::MissingReference(day.date));
            }
        }
        Ok(data)
    }

    /// The shipped civil-service calendar `ccvc`.
    pub fn ccvc() -> CalendarData {
        // The shipped file is checked by a test; an empty calendar is the safe fallback.
        CalendarData::parse(CCVC_TOML).unwrap_or_else(|_| CalendarData {
            name: "ccvc".into(),
            label: "Lịch làm việc của cán bộ, công chức, viên chức".into(),
            official_years: Vec::new(),
            days: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_ccvc_file_parses_and_covers_2023_to_2026() {
        let data = CalendarData::parse(CCVC_TOML).unwrap();
        assert_eq!(data.name, "ccvc");
        assert_eq!(data.official_years, [2023, 2024, 2025, 2026]);
        assert!(data.days.len() > 30);
        assert!(data.days.iter().all(|d| !d.reference.is_empty()));
    }

    #[test]
    fn rejects_duplicates_and_days_outside_years() {
        let dup = r#"name = "x"
label = "x"
official_years = [2024]
[[day]]
date = "2024-01-01"
kind = "holiday"
name = "Tết Dương lịch"
reference = "BLLĐ 2019 Điều 112"
[[day]]
date = "2024-01-01"
kind = "holiday"
name = "Tết Dương lịch"
reference = "BLLĐ 2019 Điều 112"
"#;
        assert!(matches!(
            CalendarData::parse(dup),
            Err(DataError::Duplicate(_))
        ));
        let single = dup.rsplit_once("[[day]]").map(|(head, _)| head).unwrap();
        let outside = single.replace("official_years = [2024]", "official_years = [2025]");
        assert!(matches!(
            CalendarData::parse(&outside),
            Err(DataError::OutsideYears(_))
        ));
        assert!(matches!(
            CalendarData::parse("name = 1"),
            Err(DataError::Syntax(_))
        ));
    }
}
