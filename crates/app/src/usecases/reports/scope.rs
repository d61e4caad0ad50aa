//! Who may read reports, and over which units.

use crate::error::AppError;
use crate::permissions::Org;
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Actor, Role, Unit};

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

/// The scope of a report asked for by `by` (`None`: from the server's own machine, where every
/// unit may be read) about `unit`, by default the actor's highest unit holding a report role,
/// or the root of the organisation.
pub fn scope(org: &Org, by: Option<&Actor>, unit: Option<UnitCode>) -> Result<Scope, AppError> {
    let code = match (unit, by) {
        (Some(code), _) => code,
        (None, Some(actor)) => actor
            .grants
            .iter()
            .filter(|g| REPORT_ROLES.contains(&g.role))
            .min_by_key(|g| org.path(&g.unit).len())
            .map(|g| g.unit.clone())
            .ok_or_else(forbidden)?,
        (None, None) => org
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
    if let Some(actor) = by
        && !actor.holds_any(&REPORT_ROLES, &top.path)
    {
        return Err(forbidden());
    }
    Ok(Scope {
        units: subtree(org, &top.code),
        top,
    })
}

/// The units `actor` may report on, in tree order: the subtrees of the units where they hold a
/// report role.
pub fn reportable(org: &Org, actor: &Actor) -> Vec<Unit> {
    let mut units: Vec<Unit> = org
        .units()
        .iter()
        .filter(|u| actor.holds_any(&REPORT_ROLES, &u.path))
        .cloned()
        .collect();
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}
