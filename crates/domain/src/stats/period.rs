//! Reporting periods (docs/rules.md §8, docs/rules.md §8): the VPCP cut-off windows (15th → 14th),
//! calendar periods, and any range of local dates.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A period refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// A month outside 1–12.
    #[error("tháng không hợp lệ: {0}")]
    Month(u32),
    /// A quarter outside 1–4.
    #[error("quý không hợp lệ: {0}")]
    Quarter(u32),
    /// The first date is after the last.
    #[error("ngày bắt đầu {from} sau ngày kết thúc {to}")]
    Reversed {
        /// First date.
        from: NaiveDate,
        /// Last date.
        to: NaiveDate,
    },
    /// A date outside the supported calendar.
    #[error("kỳ báo cáo nằm ngoài phạm vi ngày hỗ trợ")]
    OutOfRange,
    /// Stored dates that do not match the stored kind.
    #[error("ngày của kỳ báo cáo không khớp với loại kỳ")]
    Inconsistent,
}

/// How a period was defined, which fixes its label and the period before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PeriodKind {
    /// VPCP cut-off window: `months` months from the 15th of the month `months` before
    /// `end_month` to the 14th of `end_month` (Nghị định 09/2019/NĐ-CP, Art. 12).
    Vpcp {
        /// Year of the last month.
        end_year: i32,
        /// Last month (1–12).
        end_month: u32,
        /// Length in months.
        months: u32,
    },
    /// Calendar months: from the 1st of the first month to the last day of `end_month`.
    Calendar {
        /// Year of the last month.
        end_year: i32,
        /// Last month (1–12).
        end_month: u32,
        /// Length in months.
        months: u32,
    },
    /// Any range of dates.
    Range,
}

/// A period of inclusive local dates `[from, to]`, with how it was defined.
///
/// Instants belong to it when `start() ≤ t < end()`: `end()` is midnight after `to`, and a dossier
/// still open at `end()` is pending at the end of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPeriod")]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
    kind: PeriodKind,
    /// When the period has not ended yet: open dossiers are classified as of this instant.
    #[serde(skip)]
    as_of: Option<NaiveDateTime>,
}

/// The serialised shape, checked on the way in.
#[derive(Deserialize)]
struct RawPeriod {
    from: NaiveDate,
    to: NaiveDate,
    kind: PeriodKind,
}

impl TryFrom<RawPeriod> for Period {
    type Error = PeriodError;

    fn try_from(raw: RawPeriod) -> Result<Period, PeriodError> {
        let rebuilt = match raw.kind {
            PeriodKind::Range => Period::range(raw.from, raw.to)?,
            PeriodKind::Vpcp {
                end_year,
                end_month,
                months,
            } => Period::vpcp(end_year, end_month, months)?,
            PeriodKind::Calendar {
                end_year,
                end_month,
                months,
            } => Period::calendar(end_year, end_month, months)?,
        };
        if (rebuilt.from, rebuilt.to) == (raw.from, raw.to) {
            Ok(rebuilt)
        } else {
            Err(PeriodError::Inconsistent)
        }
    }
}

/// Month number counted from year 0: `year × 12 + month − 1`.
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// Year and month (1–12) of a month index.
fn year_month(index: i64) -> Result<(i32, u32), PeriodError> {
    let year = i32::try_from(index.div_euclid(12)).map_err(|_| PeriodError::OutOfRange)?;
    let month = u32::try_from(index.rem_euclid(12) + 1).map_err(|_| PeriodError::OutOfRange)?;
    Ok((year, month))
}

/// Day `day` of the month with index `index`.
fn month_day(index: i64, day: u32) -> Result<NaiveDate, PeriodError> {
    let (year, month) = year_month(index)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(PeriodError::OutOfRange)
}

fn check_month(month: u32) -> Result<u32, PeriodError> {
    if (1..=12).contains(&month) {
        Ok(month)
    } else {
        Err(PeriodError::Month(month))
    }
}

fn check_quarter(quarter: u32) -> Result<u32, PeriodError> {
    if (1..=4).contains(&quarter) {
        Ok(quarter)
    } else {
        Err(PeriodError::Quarter(quarter))
    }
}

impl Period {
    /// The same period read at `now`: while it has not ended, a dossier still open is
    /// classified as of `now` (not yet due / overdue now), not as of the period's end.
    pub fn read_at(self, now: NaiveDateTime) -> Period {
        Period {
            as_of: Some(now),
            ..self
        }
    }

    /// The instant that separates "ended" (before it) from "still open": the end, or just after
    /// the reading instant if earlier (a dossier that ended at that instant has ended).
    pub fn cut(&self) -> NaiveDateTime {
        let end = self.end();
        self.as_of
            .map_or(end, |t| (t + chrono::Duration::nanoseconds(1)).min(end))
    }

    /// A VPCP window of `months` months (at least 1) ending on the 14th of `end_month`.
    pub fn vpcp(end_year: i32, end_month: u32, months: u32) -> Result<Period, PeriodError> {
        let end = month_index(end_year, check_month(end_month)?);
        let months = months.max(1);
        Period::build(
            month_day(end - i64::from(months), 15)?,
            month_day(end, 14)?,
            PeriodKind::Vpcp {
                end_year,
                end_month,
                months,
            },
        )
    }

    /// `months` calendar months (at least 1) ending with `end_month`.
    pub fn calendar(end_year: i32, end_month: u32, months: u32) -> Result<Period, PeriodError> {
        let end = month_index(end_year, check_month(end_month)?);
        let months = months.max(1);
        let to = month_day(end + 1, 1)?
            .pred_opt()
            .ok_or(PeriodError::OutOfRange)?;
        Period::build(
            month_day(end + 1 - i64::from(months), 1)?,
            to,
            PeriodKind::Calendar {
                end_year,
                end_month,
                months,
            },
        )
    }

    /// Monthly VPCP report: 15th of the previous month → 14th of `month`.
    pub fn month(year: i32, month: u32) -> Result<Period, PeriodError> {
        Period::vpcp(year, month, 1)
    }

    /// Quarterly VPCP report: 15th of the month before the quarter → 14th of its last month.
    pub fn quarter(year: i32, quarter: u32) -> Result<Period, PeriodError> {
        Period::vpcp(year, check_quarter(quarter)? * 3, 3)
    }

    /// Six-month VPCP report: 15/12 of the previous year → 14/6.
    pub fn six_months(year: i32) -> Result<Period, PeriodError> {
        Period::vpcp(year, 6, 6)
    }

    /// Nine-month VPCP report: 15/12 of the previous year → 14/9.
    pub fn nine_months(year: i32) -> Result<Period, PeriodError> {
        Period::vpcp(year, 9, 9)
    }

    /// Yearly VPCP report: 15/12 of the previous year → 14/12.
    pub fn year(year: i32) -> Result<Period, PeriodError> {
        Period::vpcp(year, 12, 12)
    }

    /// A calendar month.
    pub fn calendar_month(year: i32, month: u32) -> Result<Period, PeriodError> {
        Period::calendar(year, month, 1)
    }

    /// A calendar quarter.
    pub fn calendar_quarter(year: i32, quarter: u32) -> Result<Period, PeriodError> {
        Period::calendar(year, check_quarter(quarter)? * 3, 3)
    }

    /// A calendar year.
    pub fn calendar_year(year: i32) -> Result<Period, PeriodError> {
        Period::calendar(year, 12, 12)
    }

    /// Any range of local dates, both included.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        Period::build(from, to, PeriodKind::Range)
    }

    fn build(from: NaiveDate, to: NaiveDate, kind: PeriodKind) -> Result<Period, PeriodError> {
        if from > to {
            return Err(PeriodError::Reversed { from, to });
        }
        // `end()` is midnight after `to`: that day must exist.
        to.succ_opt().ok_or(PeriodError::OutOfRange)?;
        Ok(Period {
            from,
            to,
            kind,
            as_of: None,
        })
    }

    /// The window just before, of the same kind and length, ending the day before `from`: the
    /// previous month, quarter, half-year…; for a range, as many days.
    pub fn previous(&self) -> Result<Period, PeriodError> {
        let back = |year: i32, month: u32, months: u32| {
            year_month(month_index(year, month) - i64::from(months))
        };
        match self.kind {
            PeriodKind::Vpcp {
                end_year,
                end_month,
                months,
            } => {
                let (y, m) = back(end_year, end_month, months)?;
                Period::vpcp(y, m, months)
            }
            PeriodKind::Calendar {
                end_year,
                end_month,
                months,
            } => {
                let (y, m) = back(end_year, end_month, months)?;
                Period::calendar(y, m, months)
            }
            PeriodKind::Range => {
                let to = self.from.pred_opt().ok_or(PeriodError::OutOfRange)?;
                let from = to
                    .checked_sub_days(Days::new(self.days() - 1))
                    .ok_or(PeriodError::OutOfRange)?;
                Period::range(from, to)
            }
        }
    }

    /// First local date.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Last local date (included).
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// How the period was defined.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// Number of days.
    pub fn days(&self) -> u64 {
        (self.to - self.from).num_days().unsigned_abs() + 1
    }

    /// Whether a local date falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Midnight starting `from`.
    pub fn start(&self) -> NaiveDateTime {
        self.from.and_time(NaiveTime::MIN)
    }

    /// Midnight after `to`: the first instant outside the period. Dossiers open at this instant
    /// are pending at the end of the period.
    pub fn end(&self) -> NaiveDateTime {
        // `build` checked that the day after `to` exists.
        self.to
            .succ_opt()
            .map_or(NaiveDateTime::MAX, |d| d.and_time(NaiveTime::MIN))
    }

    /// Whether `next` starts the day after this period ends.
    pub fn is_followed_by(&self, next: &Period) -> bool {
        self.to.succ_opt() == Some(next.from)
    }
}
