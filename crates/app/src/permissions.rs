//! Who may do what where: roles scoped to a unit and its subtree (RULES §2).

use crate::error::AppError;
use motcua_domain::dossier::{Action, Dossier, Scope};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Actor, Role, Unit};

/// The organisation as loaded for one request.
#[derive(Debug, Clone)]
pub struct Org {
    units: Vec<Unit>,
}

impl Org {
    /// Wraps the unit list.
    pub fn new(units: Vec<Unit>) -> Org {
        Org { units }
    }

    /// A unit by code.
    pub fn unit(&self, code: &UnitCode) -> Option<&Unit> {
        self.units.iter().find(|u| &u.code == code)
    }

    /// Codes from the root to `code`; just the code when unknown.
    pub fn path(&self, code: &UnitCode) -> Vec<UnitCode> {
        self.unit(code)
            .map_or_else(|| vec![code.clone()], |u| u.path.clone())
    }

    /// Every unit at or below a unit where the actor holds any role.
    pub fn visible_units(&self, actor: &Actor) -> Vec<UnitCode> {
        self.units
            .iter()
            .filter(|u| actor.grants.iter().any(|g| u.path.contains(&g.unit)))
            .map(|u| u.code.clone())
            .collect()
    }

    /// All units.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
}

/// Checks that the actor holds `role` over `unit`.
pub fn require_role(actor: &Actor, org: &Org, role: Role, unit: &UnitCode) -> Result<(), AppError> {
    if actor.holds(role, &org.path(unit)) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "thực hiện việc này tại đơn vị {unit} (cần vai trò «{}»)",
            role.label_vi()
        )))
    }
}

/// Checks that the actor may do `action` on `dossier`.
pub fn authorize_action(
    actor: &Actor,
    org: &Org,
    action: &Action,
    dossier: &Dossier,
) -> Result<(), AppError> {
    let (roles, scope) = action.permission(dossier);
    let unit = match scope {
        Scope::Receiving => &dossier.facts.receiving_unit,
        Scope::Holding => &dossier.current_unit,
        Scope::Competent => &dossier.facts.competent_unit,
    };
    if actor.holds_any(&roles, &org.path(unit)) {
        Ok(())
    } else {
        let names: Vec<&str> = roles.iter().map(|r| r.label_vi()).collect();
        Err(AppError::Forbidden(format!(
            "thực hiện «{}» với hồ sơ này (cần vai trò {} tại đơn vị {unit})",
            action.code(),
            names.join(" hoặc ")
        )))
    }
}

/// Whether the actor may read the dossier: any role over one of its units.
pub fn can_read(actor: &Actor, org: &Org, dossier: &Dossier) -> bool {
    let f = &dossier.facts;
    [&f.receiving_unit, &f.competent_unit, &dossier.current_unit]
        .into_iter()
        .chain(dossier.coordinating_units.iter())
        .any(|u| {
            let path = org.path(u);
            actor.grants.iter().any(|g| path.contains(&g.unit))
        })
}
