//! The organisation's units: loading a units file (`motcua.units.v1`, docs/import-format.md).

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::require_root_admin;
use chrono::NaiveDate;
use motcua_domain::calendar::OfficeHours;
use motcua_domain::format;
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Unit, UnitKind, UnitTexts};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    format: String,
    units: Vec<UnitRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    code: UnitCode,
    name: String,
    kind: UnitKind,
    parent: Option<UnitCode>,
    #[serde(default)]
    address: String,
    #[serde(default)]
    phone: String,
    /// First day; default 01/7/2025, the start of the organisation of two levels.
    #[serde(default)]
    valid_from: Option<NaiveDate>,
    /// Last day, when merged or abolished.
    #[serde(default)]
    valid_to: Option<NaiveDate>,
    /// The unit that took over: one of the file or one already loaded.
    #[serde(default)]
    successor: Option<UnitCode>,
    /// Its working calendar; default `ccvc`, the calendar of public servants.
    #[serde(default)]
    calendar: Option<String>,
    /// Its office hours, e.g. `07:00-11:30,13:00-16:30`; default 07:30–11:30, 13:30–17:00
    /// (docs/rules.md §4.9).
    #[serde(default)]
    office_hours: Option<String>,
}

/// The line of the file where the `n`-th unit (from 0) starts: the line of its `"code"` key, the
/// only key of that name in a units file.
fn line_of_unit(text: &str, n: usize) -> usize {
    let at = text
        .match_indices("\"code\"")
        .filter(|(i, m)| text[i + m.len()..].trim_start().starts_with(':'))
        .nth(n)
        .map_or(0, |(i, _)| i);
    text[..at].matches('\n').count() + 1
}

fn invalid_at(text: &str, n: usize, code: &UnitCode, field: &str, what: String) -> AppError {
    AppError::invalid(
        "invalid_units",
        field,
        format!("dòng {}, đơn vị {code}: {what}", line_of_unit(text, n)),
    )
}

/// Parses a units file (`motcua.units.v1`, parents before children) and computes each path;
/// every successor must be a unit of the file.
pub fn parse_units(text: &str) -> Result<Vec<Unit>, AppError> {
    parse_units_beside(text, &[])
}

/// Parses a units file whose successors may also be units of `loaded`.
fn parse_units_beside(text: &str, loaded: &[Unit]) -> Result<Vec<Unit>, AppError> {
    let file: UnitsFile = serde_json::from_str(text).map_err(|e| {
        AppError::invalid(
            "invalid_units",
            "units",
            format!("tệp đơn vị sai: dòng {}, cột {}: {e}", e.line(), e.column()),
        )
    })?;
    if file.format != "motcua.units.v1" {
        return Err(AppError::invalid(
            "invalid_units",
            "format",
            format!(
                "định dạng «{}» không được hỗ trợ (cần \"motcua.units.v1\")",
                file.format
            ),
        ));
    }
    let two_levels = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
    let mut units: Vec<Unit> = Vec::new();
    for (n, row) in file.units.into_iter().enumerate() {
        let valid_from = row.valid_from.unwrap_or(two_levels);
        if let Some(end) = row.valid_to.filter(|end| *end < valid_from) {
            let what = format!(
                "ngày cuối hiệu lực {} trước ngày bắt đầu {}",
                format::date(end),
                format::date(valid_from)
            );
            return Err(invalid_at(text, n, &row.code, "valid_to", what));
        }
        if row.successor.is_some() && row.valid_to.is_none() {
            let what = "có đơn vị kế thừa thì phải có ngày cuối hiệu lực (valid_to)".to_owned();
            return Err(invalid_at(text, n, &row.code, "valid_to", what));
        }
        let mut path = match &row.parent {
            None => Vec::new(),
            Some(p) => units
                .iter()
                .find(|u| &u.code == p)
                .map(|u| u.path.clone())
                .ok_or_else(|| {
                    AppError::invalid(
                        "invalid_units",
                        "parent",
                        format!(
                            "đơn vị {}: đơn vị cha «{p}» phải đứng trước trong tệp",
                            row.code
                        ),
                    )
                })?,
        };
        path.push(row.code.clone());
        let hours = match row.office_hours.as_deref() {
            None => OfficeHours::default(),
            Some(text_hours) => text_hours
                .parse::<OfficeHours>()
                .map_err(|e| invalid_at(text, n, &row.code, "office_hours", e.to_string()))?,
        };
        let calendar = row.calendar.unwrap_or_else(|| "ccvc".to_owned());
        if calendar.trim().is_empty()
            || calendar.chars().any(char::is_control)
            || calendar.len() > 64
        {
            let what = format!("tên lịch làm việc «{calendar}» không hợp lệ");
            return Err(invalid_at(text, n, &row.code, "calendar", what));
        }
        let texts = UnitTexts::parse(&row.name, &row.address, &row.phone).map_err(|e| {
            AppError::invalid(
                e.code(),
                &e.field,
                format!("đơn vị {}: {}", row.code, e.error),
            )
        })?;
        units.push(Unit {
            code: row.code,
            name: texts.name,
            kind: row.kind,
            parent: row.parent,
            path,
            calendar,
            office_hours: hours.to_string(),
            valid_from,
            valid_to: row.valid_to,
            successor: row.successor,
            address: texts.address,
            phone: texts.phone,
        });
    }
    for (n, unit) in units.iter().enumerate() {
        let Some(successor) = &unit.successor else {
            continue;
        };
        let known = |u: &Unit| &u.code == successor;
        let what = if successor == &unit.code {
            "đơn vị không thể kế thừa chính nó".to_owned()
        } else if units.iter().any(known) || loaded.iter().any(known) {
            continue;
        } else {
            format!("không có đơn vị kế thừa mã «{successor}» (trong tệp hay đã nạp)")
        };
        return Err(invalid_at(text, n, &unit.code, "successor", what));
    }
    Ok(units)
}

impl App {
    /// Loads a units file, all or nothing: new units are added, known ones (by code) updated.
    /// The operator, or an administrator of the whole organisation (none yet on a new
    /// installation: then the operator).
    pub async fn import_units(&self, caller: &Caller, text: &str) -> Result<usize, AppError> {
        let org = self.org().await?;
        require_root_admin(caller, &org, "nạp danh sách đơn vị")?;
        let units = parse_units_beside(text, org.units())?;
        self.store.put_units(&units).await?;
        let what = serde_json::json!({ "file": "units", "units": units.len() });
        self.record(caller.name(), "import", what).await?;
        Ok(units.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MERGED: &str = r#"{
  "format": "motcua.units.v1",
  "units": [
    {"code": "T99", "name": "Tỉnh", "kind": "province", "parent": null},
    {"code": "T99.H1", "name": "Huyện Một", "kind": "district", "parent": "T99",
     "valid_from": "2010-01-01", "valid_to": "2025-06-30"},
    {"code": "T99.X1", "name": "Xã An", "kind": "commune", "parent": "T99.H1",
     "valid_from": "2010-01-01", "valid_to": "2025-06-30", "successor": "T99.P1"},
    {"code": "T99.P1", "name": "Phường Một", "kind": "ward", "parent": "T99"}
  ]
}"#;

    #[test]
    fn a_units_file_gives_districts_last_days_and_successors() {
        let units = parse_units(MERGED).unwrap();
        let district = &units[1];
        assert_eq!(district.kind, UnitKind::District);
        assert_eq!(
            district.valid_from,
            NaiveDate::from_ymd_opt(2010, 1, 1).unwrap()
        );
        let commune = &units[2];
        assert_eq!(commune.valid_to, NaiveDate::from_ymd_opt(2025, 6, 30));
        assert_eq!(
            commune.successor.as_ref().map(UnitCode::as_str),
            Some("T99.P1")
        );
        assert_eq!(commune.path.len(), 3);
        assert_eq!(
            units[3].valid_from,
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        );
    }

    #[test]
    fn a_unit_keeps_its_own_calendar_and_office_hours() {
        let text = MERGED.replace(
            r#""kind": "ward", "parent": "T99"}"#,
            r#""kind": "ward", "parent": "T99", "calendar": "ccvc-t99",
     "office_hours": "07:00-11:30,13:00-16:30"}"#,
        );
        let units = parse_units(&text).unwrap();
        assert_eq!(units[3].calendar, "ccvc-t99");
        assert_eq!(units[3].office_hours, "07:00-11:30,13:00-16:30");
        assert_eq!(units[0].calendar, "ccvc");
        assert_eq!(units[0].office_hours, "07:30-11:30,13:30-17:00");
        let bad = text.replace("13:00-16:30", "13:00-12:00");
        let err = parse_units(&bad).unwrap_err().to_string();
        assert!(err.starts_with("dòng 9, đơn vị T99.P1: "), "{err}");
    }

    #[test]
    fn an_unknown_successor_is_refused_with_its_line() {
        let text = MERGED.replace("\"successor\": \"T99.P1\"", "\"successor\": \"T99.P9\"");
        let err = parse_units(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dòng 7, đơn vị T99.X1: không có đơn vị kế thừa mã «T99.P9» (trong tệp hay đã nạp)"
        );
        let loaded = parse_units(MERGED).unwrap();
        let beside = text.replace("T99.P9", "T99.H1");
        assert!(parse_units_beside(&beside, &loaded).is_ok());
        let text = MERGED.replace(
            "\"valid_to\": \"2025-06-30\", \"successor\"",
            "\"successor\"",
        );
        let err = parse_units(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dòng 7, đơn vị T99.X1: có đơn vị kế thừa thì phải có ngày cuối hiệu lực (valid_to)"
        );
        let text = MERGED.replace(
            "\"valid_from\": \"2010-01-01\", \"valid_to\"",
            "\"valid_to\"",
        );
        let err = parse_units(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dòng 5, đơn vị T99.H1: ngày cuối hiệu lực 30/06/2025 trước ngày bắt đầu 01/07/2025"
        );
    }
}
