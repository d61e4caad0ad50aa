//! Who may read reports, and over which units.

use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{Org, holds};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Role, Unit, predecessors};

/// Roles that may read reports over their units: leaders, reform officers, catalogue control and
/// administrators.
pub const REPORT_ROLES: [Role; 4] = [Role::LanhDao, Role::Cchc, Role::KiemSoatTthc, Role::QuanTri];

/// The unit a report is about, and its subtree (that unit and every unit below it, by the paths
/// of the organisation) in tree order.
#[derive(Debug, Clone)]
pub struct Scope {
    /// The unit at the top.
    pub top: Unit,
    /// The subtree, the top first, children after their parent, siblings by code.
    pub units: Vec<Unit>,
}

/// The unit a report is asked about: a code (default: the caller's own) and whether the
/// dossiers of its predecessors are included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportUnit {
    /// The unit; `None` for the caller's highest unit with a report role.
    pub unit: Option<UnitCode>,
    /// Add the units merged into the subtree (docs/rules.md §2.2).
    pub with_predecessors: bool,
}

impl From<Option<UnitCode>> for ReportUnit {
    fn from(unit: Option<UnitCode>) -> ReportUnit {
        ReportUnit {
            unit,
            with_predecessors: false,
        }
    }
}

impl Scope {
    /// The scope with the predecessors of its units after them (each once, in tree order): the
    /// units whose successor chain leads into the subtree. Their dossiers passed to the
    /// successor, so whoever reports on it reads them too.
    pub fn with_predecessors(mut self, org: &Org) -> Scope {
        let mut added: Vec<Unit> = Vec::new();
        for unit in &self.units {
            for p in predecessors(org.units(), &unit.code) {
                let known = |u: &Unit| u.code == p.code;
                if !self.units.iter().any(known) && !added.iter().any(known) {
                    added.push(p.clone());
                }
            }
        }
        added.sort_by(|a, b| a.path.cmp(&b.path));
        self.units.extend(added);
        self
    }
}

fn forbidden() -> AppError {
    let names: Vec<&str> = REPORT_ROLES.iter().map(|r| r.label_vi()).collect();
    AppError::Forbidden(format!(
        "xem báo cáo, thống kê (cần vai trò {})",
        names.join(", ")
    ))
}

/// Every unit at or below `top`, in tree order.
pub fn subtree(org: &Org, top: &UnitCode) -> Vec<Unit> {
    let mut units: Vec<Unit> = org
        .units()
        .iter()
        .filter(|u| u.path.contains(top))
        .cloned()
        .collect();
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}

/// The scope of a report asked for by `caller` about `unit`, by default the caller's highest
/// unit holding a report role (the root of the organisation for the operator).
pub fn scope(org: &Org, caller: &Caller, unit: Option<UnitCode>) -> Result<Scope, AppError> {
    let code = match (unit, caller) {
        (Some(code), _) => code,
        (None, Caller::Staff(actor)) => actor
            .grants
            .iter()
            .filter(|g| REPORT_ROLES.contains(&g.role))
            .min_by_key(|g| org.path(&g.unit).len())
            .map(|g| g.unit.clone())
            .ok_or_else(forbidden)?,
        (None, Caller::Citizen(_)) => return Err(forbidden()),
        (None, Caller::Operator(_)) => org
            .units()
            .iter()
            .filter(|u| u.parent.is_none())
            .min_by(|a, b| a.code.cmp(&b.code))
            .map(|u| u.code.clone())
            .ok_or_else(|| AppError::NotFound("đơn vị nào (chưa nạp danh sách đơn vị)".into()))?,
    };
    let top = org.unit(&code).cloned().ok_or_else(|| {
        AppError::invalid(
            "unknown_unit",
            "unit",
            format!("không có đơn vị mã «{code}»"),
        )
    })?;
    if !REPORT_ROLES
        .iter()
        .any(|role| holds(caller, org, *role, &top.code))
    {
        return Err(forbidden());
    }
    Ok(Scope {
        units: subtree(org, &top.code),
        top,
    })
}

/// The units `caller` may report on, in tree order: the subtrees of the units where they hold a
/// report role.
pub fn reportable(org: &Org, caller: &Caller) -> Vec<Unit> {
    let mut units: Vec<Unit> = org
        .units()
        .iter()
        .filter(|u| {
            REPORT_ROLES
                .iter()
                .any(|role| holds(caller, org, *role, &u.code))
        })
        .cloned()
        .collect();
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}
