//! Units: the province, its centre and departments, communes and wards (docs/rules.md §2).

use crate::ids::UnitCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// UBND tỉnh / thành phố.
    Province,
    /// Trung tâm Phục vụ hành chính công.
    Centre,
    /// Sở, ngành or a vertical agency.
    Department,
    /// Xã or đặc khu.
    Commune,
    /// Phường.
    Ward,
    /// Huyện, quận, thị xã, thành phố thuộc tỉnh: the district level, abolished on 01/7/2025,
    /// kept for the history of earlier dossiers (docs/rules.md §2.1).
    District,
}

impl UnitKind {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            UnitKind::Province => "Tỉnh",
            UnitKind::Centre => "Trung tâm Phục vụ hành chính công",
            UnitKind::Department => "Sở, ngành",
            UnitKind::Commune => "Xã",
            UnitKind::Ward => "Phường",
            UnitKind::District => "Huyện (cấp huyện, trước 01/7/2025)",
        }
    }
}

/// A unit. Merged or abolished units keep their row: `valid_to` and `successor` record the change,
/// so old dossiers and reports stay valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Electronic identifier.
    pub code: UnitCode,
    /// Full name.
    pub name: String,
    /// Kind of body.
    pub kind: UnitKind,
    /// Parent unit; `None` for the province.
    pub parent: Option<UnitCode>,
    /// Codes from the root down to this unit, this unit included.
    pub path: Vec<UnitCode>,
    /// Name of the working calendar (default `ccvc`).
    pub calendar: String,
    /// Office hours, e.g. `07:30-11:30,13:30-17:00`.
    pub office_hours: String,
    /// First day of existence.
    pub valid_from: NaiveDate,
    /// Last day, when merged or abolished.
    pub valid_to: Option<NaiveDate>,
    /// The unit that took over, when merged.
    pub successor: Option<UnitCode>,
    /// Postal address.
    pub address: String,
    /// Telephone.
    pub phone: String,
}

impl Unit {
    /// Whether `other` is this unit or below it.
    pub fn contains(&self, other: &Unit) -> bool {
        other.path.contains(&self.code)
    }

    /// Whether the unit has ceased to exist by `date` (after its last day).
    pub fn closed_on(&self, date: NaiveDate) -> bool {
        self.valid_to.is_some_and(|end| date > end)
    }

    /// Whether the unit exists on `date`.
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}
