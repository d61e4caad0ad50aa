//! The kinds of day a working calendar knows.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a calendar day is for the civil service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day (Monday to Friday).
    Working,
    /// A weekly rest day (Saturday, Sunday).
    Weekend,
    /// A statutory holiday (ngày lễ, Tết), Labour Code 2019 Art. 112.
    Holiday,
    /// A compensatory day off for a holiday that fell on a rest day (nghỉ bù).
    CompensatoryOff,
    /// A weekday made a day off by an official swap (nghỉ hoán đổi).
    SwappedOff,
    /// A Saturday made a working day by an official swap (làm bù).
    MakeupWorking,
}

impl DayKind {
    /// All kinds, in legend order.
    pub const ALL: [DayKind; 6] = [
        DayKind::Working,
        DayKind::Weekend,
        DayKind::Holiday,
        DayKind::CompensatoryOff,
        DayKind::SwappedOff,
        DayKind::MakeupWorking,
    ];

    /// Whether deadlines count this day.
    pub const fn is_working(self) -> bool {
        matches!(self, DayKind::Working | DayKind::MakeupWorking)
    }

    /// The stable code used in data files, the API and the CLI.
    pub const fn code(self) -> &'static str {
        match self {
            DayKind::Working => "working",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::CompensatoryOff => "compensatory_off",
            DayKind::SwappedOff => "swapped_off",
            DayKind::MakeupWorking => "makeup_working",
        }
    }

    /// The Vietnamese label.
    pub const fn label_vi(self) -> &'static str {
        match self {
            DayKind::Working => "ngày làm việc",
            DayKind::Weekend => "nghỉ cuối tuần",
            DayKind::Holiday => "ngày lễ, Tết",
            DayKind::CompensatoryOff => "nghỉ bù",
            DayKind::SwappedOff => "nghỉ hoán đổi",
            DayKind::MakeupWorking => "làm bù",
        }
    }
}

impl fmt::Display for DayKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An unknown day-kind code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "loại ngày không hợp lệ: «{0}» (dùng working, weekend, holiday, compensatory_off, swapped_off, makeup_working)"
)]
pub struct UnknownDayKind(pub String);

impl FromStr for DayKind {
    type Err = UnknownDayKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DayKind::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or_else(|| UnknownDayKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_working_kinds() {
        for kind in DayKind::ALL {
            assert_eq!(kind.code().parse::<DayKind>().unwrap(), kind);
        }
        assert!("nghi".parse::<DayKind>().is_err());
        let working: Vec<_> = DayKind::ALL
            .into_iter()
            .filter(|k| k.is_working())
            .collect();
        assert_eq!(working, [DayKind::Working, DayKind::MakeupWorking]);
    }
}
