//! Vietnamese names of periods: `Tháng 11/2026 (15/10/2026 – 14/11/2026)`.

use super::period::{Period, PeriodKind};
use crate::format;

/// Roman numeral of a quarter, as written in reports (`Quý IV/2026`).
fn roman(quarter: u32) -> &'static str {
    match quarter {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// Name of `months` months ending with `end_month` of `end_year`.
fn months_name(end_year: i32, end_month: u32, months: u32) -> String {
    match (months, end_month) {
        (1, m) => format!("Tháng {m}/{end_year}"),
        (3, m) if m % 3 == 0 => format!("Quý {}/{end_year}", roman(m / 3)),
        (6, 6) => format!("6 tháng đầu năm {end_year}"),
        (6, 12) => format!("6 tháng cuối năm {end_year}"),
        (9, 9) => format!("9 tháng năm {end_year}"),
        (12, 12) => format!("Năm {end_year}"),
        (n, m) => format!("{n} tháng đến tháng {m}/{end_year}"),
    }
}

impl Period {
    /// The dates, `15/10/2026 – 14/11/2026`.
    pub fn dates_vi(&self) -> String {
        format!(
            "{} – {}",
            format::date(self.from()),
            format::date(self.to())
        )
    }

    /// The name without dates: `Tháng 11/2026`, `Quý I/2026`, `6 tháng đầu năm 2026`,
    /// `Năm 2023`; for a range, its dates.
    pub fn name_vi(&self) -> String {
        match self.kind() {
            PeriodKind::Vpcp {
                end_year,
                end_month,
                months,
            }
            | PeriodKind::Calendar {
                end_year,
                end_month,
                months,
            } => months_name(end_year, end_month, months),
            PeriodKind::Range => self.dates_vi(),
        }
    }

    /// The label shown on reports: `Tháng 11/2026 (15/10/2026 – 14/11/2026)`; for a range, its
    /// dates only.
    pub fn label_vi(&self) -> String {
        match self.kind() {
            PeriodKind::Range => self.dates_vi(),
            _ => format!("{} ({})", self.name_vi(), self.dates_vi()),
        }
    }
}
