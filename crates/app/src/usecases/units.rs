//! The organisation's units: loading a units file (`motcua.units.v1`, docs/import-format.md).

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::require_root_admin;
use chrono::NaiveDate;
use motcua_domain::calendar::OfficeHours;
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
}

/// Parses a units file (`motcua.units.v1`, parents before children) and computes each path.
pub fn parse_units(text: &str) -> Result<Vec<Unit>, AppError> {
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
    let valid_from = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
    let mut units: Vec<Unit> = Vec::new();
    for row in file.units {
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
            calendar: "ccvc".into(),
            office_hours: OfficeHours::default().to_string(),
            valid_from,
            valid_to: None,
            successor: None,
            address: texts.address,
            phone: texts.phone,
        });
    }
    Ok(units)
}

impl App {
    /// Loads a units file, all or nothing: new units are added, known ones (by code) updated.
    /// The operator, or an administrator of the whole organisation (none yet on a new
    /// installation: then the operator).
    pub async fn import_units(&self, caller: &Caller, text: &str) -> Result<usize, AppError> {
        require_root_admin(caller, &self.org().await?, "nạp danh sách đơn vị")?;
        let units = parse_units(text)?;
        self.store.put_units(&units).await?;
        Ok(units.len())
    }
}
