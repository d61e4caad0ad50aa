//! The query parameters of the report routes: the period (a `period` or both `from` and `to`),
//! the unit, the format, and the indicator of the drill-down.

use crate::api::params::UnitCodeParam;
use crate::error::WebError;
use chrono::{Datelike, NaiveDate};
use motcua_app::ReportUnit;
use motcua_domain::stats::{IndicatorId, Period, Source};
use motcua_report::{PeriodSpecError, indicator_by_code, parse_period};
use serde::Deserialize;
use serde::de::{Deserializer, Error};
use std::borrow::Cow;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

/// Years a report period may cover (those of the working calendars).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The written forms of a period.
const PERIOD_PATTERN: &str = "^((month|quarter|calendar-month|calendar-quarter):[0-9]{4}-[0-9]{1,2}\
                              |(six-months|nine-months|year|calendar-year):[0-9]{4})$";

/// A period written `kind:value`: `month:2026-11`, `quarter:2026-4`, `six-months:2026`,
/// `nine-months:2026`, `year:2023`, `calendar-month:2026-11`, `calendar-quarter:2026-4`,
/// `calendar-year:2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodSpec(Period);

impl<'de> Deserialize<'de> for PeriodSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        let written = match text.split_once(':') {
            Some(("month" | "quarter" | "calendar-month" | "calendar-quarter", value)) => value
                .split_once('-')
                .is_some_and(|(y, n)| digits(y, 4..=4) && digits(n, 1..=2)),
            Some(("six-months" | "nine-months" | "year" | "calendar-year", value)) => {
                digits(value, 4..=4)
            }
            _ => false,
        };
        let spec = if written {
            parse_period(&text)
        } else {
            Err(PeriodSpecError::Spec(text))
        };
        spec.map(PeriodSpec)
            .map_err(|e| D::Error::custom(e.to_string()))
    }
}

impl PartialSchema for PeriodSpec {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(PERIOD_PATTERN))
            .examples([serde_json::json!("month:2026-11")])
            .into()
    }
}

impl ToSchema for PeriodSpec {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("PeriodSpec")
    }
}

/// The period of a request: `period`, or the range `from` to `to` (both included), never both;
/// every date between 1900 and 2100.
pub fn period(
    spec: Option<PeriodSpec>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Period, WebError> {
    let refused = |e: PeriodSpecError| WebError::parameter(Some("period".into()), e.to_string());
    let period = match (spec, from, to) {
        (Some(PeriodSpec(p)), None, None) => p,
        (Some(_), _, _) => return Err(refused(PeriodSpecError::Both)),
        (None, Some(from), Some(to)) => Period::range(from, to).map_err(|e| refused(e.into()))?,
        (None, _, _) => return Err(refused(PeriodSpecError::Missing)),
    };
    if !(YEARS.contains(&period.from().year()) && YEARS.contains(&period.to().year())) {
        return Err(WebError::parameter(
            Some("period".into()),
            format!(
                "kỳ báo cáo phải nằm trong các năm từ {} đến {}",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    Ok(period)
}

/// Định dạng: json (mặc định), csv (UTF-8 có BOM), xlsx hoặc pdf (khổ A4, như biểu mẫu).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// JSON.
    #[default]
    Json,
    /// CSV, UTF-8 with a BOM.
    Csv,
    /// XLSX.
    Xlsx,
    /// PDF, A4.
    Pdf,
}

/// Định dạng của chỉ số 766: json (mặc định) hoặc pdf (khổ A4, tệp đính kèm).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndexFormat {
    /// JSON.
    #[default]
    Json,
    /// PDF, A4.
    Pdf,
}

/// An indicator counted from records, by number (`2.1`) or API name (`on_time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorParam(pub IndicatorId);

/// The indicators that have a list of dossiers: numbers first, then API names.
fn drillable() -> Vec<String> {
    let ids: Vec<IndicatorId> = IndicatorId::ALL
        .into_iter()
        .filter(|id| id.source() == Source::Records)
        .collect();
    let names = ids.iter().filter_map(|id| {
        serde_json::to_value(id)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
    });
    ids.iter()
        .map(|id| id.code().to_owned())
        .chain(names)
        .collect()
}

impl<'de> Deserialize<'de> for IndicatorParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        indicator_by_code(&text)
            .filter(|id| id.source() == Source::Records && drillable().contains(&text))
            .map(IndicatorParam)
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "chỉ số «{text}» không có hồ sơ chi tiết (có: {})",
                    drillable().join(", ")
                ))
            })
    }
}

impl PartialSchema for IndicatorParam {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(drillable()))
            .into()
    }
}

impl ToSchema for IndicatorParam {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("DrillableIndicator")
    }
}

/// Query of the register.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Kỳ báo cáo: month:2026-11, quarter:2026-4, six-months:2026, nine-months:2026, year:2023
    /// (từ ngày 15 đến ngày 14), calendar-month:2026-11, calendar-quarter:2026-4,
    /// calendar-year:2026. Dùng thay cho from và to.
    #[param(inline)]
    pub period: Option<PeriodSpec>,
    /// Ngày bắt đầu, cùng với to (thay cho period).
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc (tính cả ngày này), cùng với from.
    pub to: Option<NaiveDate>,
    /// Mã đơn vị; mặc định đơn vị cao nhất mà người gọi có vai trò xem báo cáo. Gồm cả các đơn
    /// vị trực thuộc.
    #[param(inline)]
    pub unit: Option<UnitCodeParam>,
    /// Định dạng.
    #[param(inline)]
    pub format: Option<ExportFormat>,
    /// Gồm cả hồ sơ của đơn vị tiền nhiệm: các đơn vị đã sáp nhập (theo chuỗi đơn vị kế thừa)
    /// vào đơn vị này hay đơn vị trực thuộc. Mặc định false.
    pub with_predecessors: Option<bool>,
}

/// Query of the periodic report: that of [`ExportQuery`] and how fields are listed.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TthcQuery {
    /// Kỳ báo cáo: month:2026-11, quarter:2026-4, six-months:2026, nine-months:2026, year:2023
    /// (từ ngày 15 đến ngày 14), calendar-month:2026-11, calendar-quarter:2026-4,
    /// calendar-year:2026. Dùng thay cho from và to.
    #[param(inline)]
    pub period: Option<PeriodSpec>,
    /// Ngày bắt đầu, cùng với to (thay cho period).
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc (tính cả ngày này), cùng với from.
    pub to: Option<NaiveDate>,
    /// Mã đơn vị; mặc định đơn vị cao nhất mà người gọi có vai trò xem báo cáo. Gồm cả các đơn
    /// vị trực thuộc.
    #[param(inline)]
    pub unit: Option<UnitCodeParam>,
    /// Định dạng.
    #[param(inline)]
    pub format: Option<ExportFormat>,
    /// Gồm cả hồ sơ của đơn vị tiền nhiệm: các đơn vị đã sáp nhập (theo chuỗi đơn vị kế thừa)
    /// vào đơn vị này hay đơn vị trực thuộc. Mặc định false.
    pub with_predecessors: Option<bool>,
    /// Liệt kê các lĩnh vực của từng đơn vị ngay dưới dòng của đơn vị đó (ngoài phần II theo
    /// lĩnh vực của cả cây). Mặc định false.
    pub fields_by_unit: Option<bool>,
}

/// Query of the Decision 766 index.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IndexQuery {
    /// Kỳ báo cáo (xem period của báo cáo TTHC). Dùng thay cho from và to.
    #[param(inline)]
    pub period: Option<PeriodSpec>,
    /// Ngày bắt đầu, cùng với to (thay cho period).
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc (tính cả ngày này), cùng với from.
    pub to: Option<NaiveDate>,
    /// Mã đơn vị (gồm cả các đơn vị trực thuộc).
    #[param(inline)]
    pub unit: Option<UnitCodeParam>,
    /// Định dạng.
    #[param(inline)]
    pub format: Option<IndexFormat>,
    /// Gồm cả hồ sơ của đơn vị tiền nhiệm: các đơn vị đã sáp nhập (theo chuỗi đơn vị kế thừa)
    /// vào đơn vị này hay đơn vị trực thuộc. Mặc định false.
    pub with_predecessors: Option<bool>,
}

/// The unit of a report query, with or without its predecessors.
pub fn report_unit(unit: Option<UnitCodeParam>, with_predecessors: Option<bool>) -> ReportUnit {
    ReportUnit {
        unit: unit.map(|u| u.0),
        with_predecessors: with_predecessors.unwrap_or(false),
    }
}

/// Query of the drill-down of an indicator.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LosersQuery {
    /// Số hiệu chỉ số (2.1) hoặc tên (on_time); chỉ các chỉ số tính từ hồ sơ.
    #[param(inline)]
    pub indicator: IndicatorParam,
    /// Kỳ báo cáo. Dùng thay cho from và to.
    #[param(inline)]
    pub period: Option<PeriodSpec>,
    /// Ngày bắt đầu, cùng với to (thay cho period).
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc (tính cả ngày này), cùng với from.
    pub to: Option<NaiveDate>,
    /// Mã đơn vị (gồm cả các đơn vị trực thuộc).
    #[param(inline)]
    pub unit: Option<UnitCodeParam>,
}

/// Query of the dashboard.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Kỳ báo cáo. Dùng thay cho from và to.
    #[param(inline)]
    pub period: Option<PeriodSpec>,
    /// Ngày bắt đầu, cùng với to (thay cho period).
    pub from: Option<NaiveDate>,
    /// Ngày kết thúc (tính cả ngày này), cùng với from.
    pub to: Option<NaiveDate>,
    /// Mã đơn vị (gồm cả các đơn vị trực thuộc).
    #[param(inline)]
    pub unit: Option<UnitCodeParam>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(s: &str) -> Result<PeriodSpec, String> {
        serde_json::from_value(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    #[test]
    fn periods_follow_their_written_forms() {
        assert!(spec("month:2026-11").is_ok());
        assert!(spec("calendar-year:2026").is_ok());
        assert!(spec(" month:2026-11").is_err());
        assert!(
            spec("month:2026-13")
                .unwrap_err()
                .contains("tháng không hợp lệ")
        );
        let both = period(
            spec("year:2026").ok(),
            NaiveDate::from_ymd_opt(2026, 1, 1),
            None,
        );
        assert!(both.is_err());
        let far = period(spec("year:2999").ok(), None, None);
        assert!(far.is_err());
    }

    #[test]
    fn only_record_indicators_have_a_drill_down() {
        let ok: IndicatorParam = serde_json::from_value(serde_json::json!("2.1")).unwrap();
        assert_eq!(ok.0, IndicatorId::OnTime);
        assert!(serde_json::from_value::<IndicatorParam>(serde_json::json!("1.1")).is_err());
        assert!(drillable().contains(&"on_time".to_owned()));
    }
}
