//! Periods as the command line, the API and the pages write them: `month:2026-11`,
//! `quarter:2026-4`, `six-months:2026`, `nine-months:2026`, `year:2023` (VPCP windows, 15th to
//! 14th), `calendar-month:2026-11`, `calendar-quarter:2026-4`, `calendar-year:2026`, or a range
//! `from`/`to` of ISO dates.

use chrono::NaiveDate;
use motcua_domain::stats::{Period, PeriodError};

/// A period that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodSpecError {
    /// Not one of the written forms.
    #[error(
        "kỳ báo cáo «{0}» không hợp lệ (ví dụ đúng: month:2026-11, quarter:2026-4, \
         six-months:2026, nine-months:2026, year:2023, calendar-month:2026-11, \
         calendar-quarter:2026-4, calendar-year:2026)"
    )]
    Spec(String),
    /// A date that is not `YYYY-MM-DD`.
    #[error("ngày «{0}» không hợp lệ (ví dụ đúng: 2023-01-31)")]
    Date(String),
    /// Neither a period nor both dates.
    #[error("cần kỳ báo cáo (period) hoặc cả ngày bắt đầu (from) và ngày kết thúc (to)")]
    Missing,
    /// Both a period and dates.
    #[error("chỉ dùng một cách chọn kỳ: kỳ báo cáo (period) hoặc khoảng ngày (from, to)")]
    Both,
    /// The dates or numbers do not make a period.
    #[error(transparent)]
    Period(#[from] PeriodError),
}

fn number<T: std::str::FromStr>(text: &str, spec: &str) -> Result<T, PeriodSpecError> {
    text.trim()
        .parse()
        .map_err(|_| PeriodSpecError::Spec(spec.to_owned()))
}

fn year_and(value: &str, spec: &str) -> Result<(i32, u32), PeriodSpecError> {
    let (year, n) = value
        .split_once('-')
        .ok_or_else(|| PeriodSpecError::Spec(spec.to_owned()))?;
    Ok((number(year, spec)?, number(n, spec)?))
}

/// Parses `kind:value` (see the module documentation).
pub fn parse_period(spec: &str) -> Result<Period, PeriodSpecError> {
    let bad = || PeriodSpecError::Spec(spec.to_owned());
    let (kind, value) = spec.trim().split_once(':').ok_or_else(bad)?;
    let period = match kind.trim() {
        "month" => {
            let (y, m) = year_and(value, spec)?;
            Period::month(y, m)?
        }
        "quarter" => {
            let (y, q) = year_and(value, spec)?;
            Period::quarter(y, q)?
        }
        "six-months" => Period::six_months(number(value, spec)?)?,
        "nine-months" => Period::nine_months(number(value, spec)?)?,
        "year" => Period::year(number(value, spec)?)?,
        "calendar-month" => {
            let (y, m) = year_and(value, spec)?;
            Period::calendar_month(y, m)?
        }
        "calendar-quarter" => {
            let (y, q) = year_and(value, spec)?;
            Period::calendar_quarter(y, q)?
        }
        "calendar-year" => Period::calendar_year(number(value, spec)?)?,
        _ => return Err(bad()),
    };
    Ok(period)
}

fn date(text: &str) -> Result<NaiveDate, PeriodSpecError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| PeriodSpecError::Date(text.to_owned()))
}

/// A value that is present and not blank.
fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// The period of a request: `period` written as [`parse_period`] reads it, or the range `from`
/// to `to` (both included). Blank values count as absent.
pub fn period_from(
    period: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Period, PeriodSpecError> {
    match (given(period), given(from), given(to)) {
        (Some(spec), None, None) => parse_period(spec),
        (Some(_), _, _) => Err(PeriodSpecError::Both),
        (None, Some(from), Some(to)) => Ok(Period::range(date(from)?, date(to)?)?),
        (None, _, _) => Err(PeriodSpecError::Missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn vpcp_windows_and_calendar_periods() {
        let p = parse_period("month:2026-11").unwrap();
        assert_eq!((p.from(), p.to()), (d(2026, 10, 15), d(2026, 11, 14)));
        let p = parse_period("quarter:2026-4").unwrap();
        assert_eq!((p.from(), p.to()), (d(2026, 9, 15), d(2026, 12, 14)));
        let p = parse_period("six-months:2026").unwrap();
        assert_eq!((p.from(), p.to()), (d(2025, 12, 15), d(2026, 6, 14)));
        let p = parse_period("nine-months:2026").unwrap();
        assert_eq!((p.from(), p.to()), (d(2025, 12, 15), d(2026, 9, 14)));
        let p = parse_period("year:2023").unwrap();
        assert_eq!((p.from(), p.to()), (d(2022, 12, 15), d(2023, 12, 14)));
        assert_eq!(p.name_vi(), "Năm 2023");
        let p = parse_period("calendar-quarter:2026-1").unwrap();
        assert_eq!((p.from(), p.to()), (d(2026, 1, 1), d(2026, 3, 31)));
    }

    #[test]
    fn ranges_and_refusals_name_the_value() {
        let p = period_from(None, Some("2023-01-01"), Some("2023-11-30")).unwrap();
        assert_eq!((p.from(), p.to()), (d(2023, 1, 1), d(2023, 11, 30)));
        assert_eq!(
            period_from(Some(""), Some("2023-01-01"), Some(" 2023-01-01 "))
                .unwrap()
                .days(),
            1
        );
        assert_eq!(
            period_from(None, Some("2023-01-01"), None),
            Err(PeriodSpecError::Missing)
        );
        assert_eq!(
            period_from(Some("year:2023"), Some("2023-01-01"), None),
            Err(PeriodSpecError::Both)
        );
        let e = parse_period("month:2026-13").unwrap_err();
        assert_eq!(e.to_string(), "tháng không hợp lệ: 13");
        assert!(
            parse_period("week:2026-1")
                .unwrap_err()
                .to_string()
                .contains("«week:2026-1»")
        );
        let e = period_from(None, Some("01/02/2023"), Some("2023-03-01")).unwrap_err();
        assert!(e.to_string().contains("«01/02/2023»"));
        assert!(matches!(
            period_from(None, Some("2023-03-01"), Some("2023-01-01")),
            Err(PeriodSpecError::Period(PeriodError::Reversed { .. }))
        ));
    }
}
