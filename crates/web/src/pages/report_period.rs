//! The period and unit picker of the report pages: month, quarter, 6 months, 9 months, year or a
//! range of dates, and a unit of the user's subtree. The periodic report uses the VPCP windows
//! (15th to 14th); the 766 index uses calendar periods (docs/rules.md §8).

use super::error::PageError;
use chrono::{Datelike, NaiveDate};
use motcua_app::{FieldRows, ReportUnit};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Unit;
use motcua_domain::stats::{Period, PeriodError};
use serde::{Deserialize, Serialize};

/// Query of the report pages (Vietnamese names, as the form writes them).
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    /// `thang`, `quy`, `sau_thang`, `chin_thang`, `nam` or `khoang`.
    #[serde(default)]
    loai: String,
    #[serde(default)]
    nam: String,
    #[serde(default)]
    thang: String,
    #[serde(default)]
    quy: String,
    /// First date of a range (`YYYY-MM-DD`).
    #[serde(default)]
    tu: String,
    /// Last date of a range.
    #[serde(default)]
    den: String,
    /// Unit code; empty for the user's own.
    #[serde(default)]
    don_vi: String,
    /// `1` to include the predecessors' dossiers (the checkbox «Gồm cả hồ sơ của đơn vị tiền
    /// nhiệm»).
    #[serde(default)]
    tien_nhiem: String,
    /// `1` to list the fields under each unit (the checkbox «Liệt kê lĩnh vực theo từng đơn
    /// vị» of the periodic report).
    #[serde(default)]
    linh_vuc: String,
}

#[derive(Debug, Serialize)]
struct Choice {
    code: String,
    label: String,
    selected: bool,
}

/// The picker as the template shows it, with the chosen values.
#[derive(Debug, Serialize)]
pub struct Picker {
    kinds: Vec<Choice>,
    months: Vec<Choice>,
    quarters: Vec<Choice>,
    units: Vec<Choice>,
    year: i32,
    from: String,
    to: String,
    /// The chosen values as a query string, for links that keep them.
    pub query: String,
    /// The chosen period alone as a query string, for links to another unit.
    pub period_query: String,
    /// The period and unit as API parameters (`period=month:2026-11&unit=…` or `from=…&to=…`).
    pub api_query: String,
    /// Whether the form offers «Gồm cả hồ sơ của đơn vị tiền nhiệm», and its state.
    predecessors: Option<bool>,
    /// Whether the form offers «Liệt kê lĩnh vực theo từng đơn vị», and its state.
    fields_by_unit: Option<bool>,
}

impl Picker {
    /// The picker offering the predecessors' checkbox, ticked or not; links and exports keep it.
    pub fn offering_predecessors(mut self, ticked: bool) -> Picker {
        if ticked {
            self.query.push_str("&tien_nhiem=1");
            self.api_query.push_str("&with_predecessors=true");
        }
        self.predecessors = Some(ticked);
        self
    }

    /// The picker offering the checkbox of fields under each unit, ticked or not; links and
    /// exports keep it.
    pub fn offering_fields_by_unit(mut self, ticked: bool) -> Picker {
        if ticked {
            self.query.push_str("&linh_vuc=1");
            self.api_query.push_str("&fields_by_unit=true");
        }
        self.fields_by_unit = Some(ticked);
        self
    }
}

const KINDS: [(&str, &str); 6] = [
    ("thang", "Tháng"),
    ("quy", "Quý"),
    ("sau_thang", "6 tháng"),
    ("chin_thang", "9 tháng"),
    ("nam", "Năm"),
    ("khoang", "Khoảng ngày"),
];

fn bad(e: impl std::fmt::Display) -> PageError {
    PageError::BadRequest(format!("Kỳ báo cáo không hợp lệ: {e}"))
}

fn number<T: std::str::FromStr>(text: &str, default: T) -> Result<T, PageError> {
    if text.trim().is_empty() {
        return Ok(default);
    }
    text.trim()
        .parse()
        .map_err(|_| bad(format!("«{text}» không phải là số")))
}

fn date(text: &str, default: NaiveDate) -> Result<NaiveDate, PageError> {
    if text.trim().is_empty() {
        return Ok(default);
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad(format!("ngày «{text}» (cần dạng năm-tháng-ngày)")))
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl PeriodQuery {
    /// The unit asked for, if any.
    pub fn unit(&self) -> Result<Option<UnitCode>, PageError> {
        match self.don_vi.trim() {
            "" => Ok(None),
            code => UnitCode::parse(code).map(Some).map_err(bad),
        }
    }

    /// The unit asked for and whether its predecessors' dossiers are included.
    pub fn report_unit(&self) -> Result<ReportUnit, PageError> {
        Ok(ReportUnit {
            unit: self.unit()?,
            with_predecessors: !self.tien_nhiem.trim().is_empty(),
        })
    }

    /// How the periodic report lists fields: also under each unit when the box is ticked.
    pub fn field_rows(&self) -> FieldRows {
        if self.linh_vuc.trim().is_empty() {
            FieldRows::Subtree
        } else {
            FieldRows::UnderEachUnit
        }
    }

    /// The period chosen, by default the one containing `today`; `calendar` picks calendar
    /// months, quarters and years rather than the VPCP windows.
    pub fn period(&self, today: NaiveDate, calendar: bool) -> Result<Period, PageError> {
        // The VPCP month containing today ends on the 14th: from the 15th, next month's.
        let (default_year, default_month) = if !calendar && today.day() >= 15 {
            let next = today
                .with_day(1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
            next.map_or((today.year(), today.month()), |d| (d.year(), d.month()))
        } else {
            (today.year(), today.month())
        };
        let year = number(&self.nam, default_year)?;
        let month = number(&self.thang, default_month)?;
        let quarter = number(&self.quy, month.div_ceil(3))?;
        let p: Result<Period, PeriodError> = match (self.loai.as_str(), calendar) {
            ("quy", false) => Period::quarter(year, quarter),
            ("quy", true) => Period::calendar_quarter(year, quarter),
            ("sau_thang", false) => Period::six_months(year),
            ("sau_thang", true) => Period::calendar(year, 6, 6),
            ("chin_thang", false) => Period::nine_months(year),
            ("chin_thang", true) => Period::calendar(year, 9, 9),
            ("nam", false) => Period::year(year),
            ("nam", true) => Period::calendar_year(year),
            ("khoang", _) => Period::range(date(&self.tu, today)?, date(&self.den, today)?),
            (_, false) => Period::month(year, month),
            (_, true) => Period::calendar_month(year, month),
        };
        p.map_err(bad)
    }

    /// The picker showing `period`, with `units` to choose from (the first is the default).
    pub fn picker(&self, period: &Period, calendar: bool, units: &[Unit]) -> Picker {
        let kind = if KINDS.iter().any(|(k, _)| *k == self.loai) {
            self.loai.as_str()
        } else {
            "thang"
        };
        let (year, month) = end_month(period);
        let quarter = month.div_ceil(3);
        let chosen_unit = self.don_vi.trim();
        let top_depth = units.iter().map(|u| u.path.len()).min().unwrap_or(0);
        let spec = match (kind, calendar) {
            ("khoang", _) => None,
            ("thang", false) => Some(format!("month:{year}-{month}")),
            ("quy", false) => Some(format!("quarter:{year}-{quarter}")),
            ("sau_thang", false) => Some(format!("six-months:{year}")),
            ("chin_thang", false) => Some(format!("nine-months:{year}")),
            ("nam", false) => Some(format!("year:{year}")),
            ("thang", true) => Some(format!("calendar-month:{year}-{month}")),
            ("quy", true) => Some(format!("calendar-quarter:{year}-{quarter}")),
            ("nam", true) => Some(format!("calendar-year:{year}")),
            _ => None,
        };
        let mut api_query = spec.map_or_else(
            || format!("from={}&to={}", period.from(), period.to()),
            |s| format!("period={s}"),
        );
        let mut query = format!(
            "loai={kind}&nam={year}&thang={month}&quy={quarter}&tu={}&den={}",
            period.from(),
            period.to()
        );
        let period_query = query.clone();
        if !chosen_unit.is_empty() {
            api_query.push_str(&format!("&unit={}", encode(chosen_unit)));
            query.push_str(&format!("&don_vi={}", encode(chosen_unit)));
        }
        Picker {
            kinds: KINDS
                .iter()
                .map(|(code, label)| choice(code, label, *code == kind))
                .collect(),
            months: (1..=12)
                .map(|m| choice(&m.to_string(), &format!("Tháng {m}"), m == month))
                .collect(),
            quarters: ["I", "II", "III", "IV"]
                .iter()
                .zip(1u32..)
                .map(|(r, q)| choice(&q.to_string(), &format!("Quý {r}"), q == quarter))
                .collect(),
            units: units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let indent = "— ".repeat(u.path.len().saturating_sub(top_depth));
                    let selected =
                        u.code.as_str() == chosen_unit || (chosen_unit.is_empty() && i == 0);
                    choice(u.code.as_str(), &format!("{indent}{}", u.name), selected)
                })
                .collect(),
            year,
            from: period.from().to_string(),
            to: period.to().to_string(),
            query,
            period_query,
            api_query,
            predecessors: None,
            fields_by_unit: None,
        }
    }
}

fn choice(code: &str, label: &str, selected: bool) -> Choice {
    Choice {
        code: code.to_owned(),
        label: label.to_owned(),
        selected,
    }
}

/// The year and month a period ends in (the month of a VPCP window is the one of its 14th).
fn end_month(p: &Period) -> (i32, u32) {
    (p.to().year(), p.to().month())
}
