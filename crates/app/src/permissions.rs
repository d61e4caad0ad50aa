//! Who may do what where (docs/rules.md §2): the one module that turns a [`Caller`] into a
//! permission. Roles are scoped to a unit and its subtree; a member of the public holds no staff
//! power; the operator at the server's command line may administer and read every unit but does
//! not act on dossiers (an action is always signed by an officer).

use crate::caller::Caller;
use crate::error::AppError;
use motcua_domain::dossier::{ActionKind, Dossier, Scope};
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

    /// All units.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
}

/// The staff actor behind `caller`, for use cases only an officer may do.
pub fn officer<'a>(caller: &'a Caller, what: &str) -> Result<&'a Actor, AppError> {
    caller
        .actor()
        .ok_or_else(|| AppError::Forbidden(format!("{what} (chỉ cán bộ đã đăng nhập)")))
}

/// Whether `caller` holds `role` over `unit` (the operator holds every administrative power).
pub fn holds(caller: &Caller, org: &Org, role: Role, unit: &UnitCode) -> bool {
    match caller {
        Caller::Staff(actor) => actor.holds(role, &org.path(unit)),
        Caller::Operator(_) => true,
        Caller::Citizen(_) => false,
    }
}

/// Checks that `caller` holds `role` over `unit`.
pub fn require_role(
    caller: &Caller,
    org: &Org,
    role: Role,
    unit: &UnitCode,
) -> Result<(), AppError> {
    if holds(caller, org, role, unit) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "thực hiện việc này tại đơn vị {unit} (cần vai trò «{}»)",
            role.label_vi()
        )))
    }
}

/// Checks that `caller` holds `role` somewhere (for use cases whose scope is checked per item).
pub fn require_role_anywhere(caller: &Caller, role: Role, what: &str) -> Result<(), AppError> {
    let ok = match caller {
        Caller::Staff(actor) => actor.grants.iter().any(|g| g.role == role),
        Caller::Operator(_) => true,
        Caller::Citizen(_) => false,
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "{what} (cần vai trò «{}»)",
            role.label_vi()
        )))
    }
}

/// Checks that `caller` administers the whole organisation: every root unit (imports that may
/// touch any unit).
pub fn require_root_admin(caller: &Caller, org: &Org, what: &str) -> Result<(), AppError> {
    let mut roots = org.units.iter().filter(|u| u.parent.is_none()).peekable();
    let empty = roots.peek().is_none();
    let all = roots.all(|u| holds(caller, org, Role::QuanTri, &u.code));
    if all && (!empty || matches!(caller, Caller::Operator(_))) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "{what} (cần vai trò «{}» cấp tỉnh)",
            Role::QuanTri.label_vi()
        )))
    }
}

/// Checks that `caller` is the operator at the server's command line.
pub fn require_operator(caller: &Caller, what: &str) -> Result<(), AppError> {
    match caller {
        Caller::Operator(_) => Ok(()),
        _ => Err(AppError::Forbidden(format!(
            "{what} (chỉ từ dòng lệnh của máy chủ)"
        ))),
    }
}

/// The permission to do one action on one dossier, signed by the officer who may do it. Only
/// [`authorize_action`] makes one; the use case that records the action needs it.
#[derive(Debug)]
pub struct ActionPermit<'a> {
    /// The officer, recorded on the events.
    pub actor: &'a Actor,
}

/// Checks that `caller` is an officer who may do an action of `kind` on `dossier`.
pub fn authorize_action<'a>(
    caller: &'a Caller,
    org: &Org,
    kind: ActionKind,
    dossier: &Dossier,
) -> Result<ActionPermit<'a>, AppError> {
    let actor = officer(caller, "xử lý hồ sơ")?;
    let (roles, scope) = kind.permission(dossier);
    let unit = match scope {
        Scope::Receiving => &dossier.facts.receiving_unit,
        Scope::Holding => &dossier.current_unit,
        Scope::Competent => &dossier.facts.competent_unit,
    };
    if actor.holds_any(&roles, &org.path(unit)) {
        Ok(ActionPermit { actor })
    } else {
        let names: Vec<&str> = roles.iter().map(|r| r.label_vi()).collect();
        Err(AppError::Forbidden(format!(
            "thực hiện «{}» với hồ sơ này (cần vai trò {} tại đơn vị {unit})",
            kind.code(),
            names.join(" hoặc ")
        )))
    }
}

/// The actions the lifecycle allows on `dossier` that `caller` may do: what pages and the API
/// offer.
pub fn offered(caller: &Caller, org: &Org, dossier: &Dossier) -> Vec<ActionKind> {
    dossier
        .available_actions()
        .into_iter()
        .filter(|k| authorize_action(caller, org, *k, dossier).is_ok())
        .collect()
}

/// Whether `caller` may read `dossier`: any role over one of its units (every dossier for the
/// operator; none for the public, whose look-up proves the dossier by its code and phone).
pub fn can_read(caller: &Caller, org: &Org, dossier: &Dossier) -> bool {
    let actor = match caller {
        Caller::Staff(actor) => actor,
        Caller::Operator(_) => return true,
        Caller::Citizen(_) => return false,
    };
    let f = &dossier.facts;
    [&f.receiving_unit, &f.competent_unit, &dossier.current_unit]
        .into_iter()
        .chain(dossier.coordinating_units.iter())
        .any(|u| {
            let path = org.path(u);
            actor.grants.iter().any(|g| path.contains(&g.unit))
        })
}

/// Every unit whose dossiers `caller` may read: at or below a unit where they hold any role.
pub fn readable_units(caller: &Caller, org: &Org) -> Vec<UnitCode> {
    org.units
        .iter()
        .filter(|u| match caller {
            Caller::Staff(actor) => actor.grants.iter().any(|g| u.path.contains(&g.unit)),
            Caller::Operator(_) => true,
            Caller::Citizen(_) => false,
        })
        .map(|u| u.code.clone())
        .collect()
}

/// The units where `caller` may receive dossiers (desk role), in tree order.
pub fn receiving_units(caller: &Caller, org: &Org) -> Vec<Unit> {
    let mut units: Vec<Unit> = org
        .units
        .iter()
        .filter(|u| match caller {
            Caller::Staff(actor) => actor.holds(Role::TiepNhan, &u.path),
            Caller::Operator(_) | Caller::Citizen(_) => false,
        })
        .cloned()
        .collect();
    units.sort_by(|a, b| a.path.cmp(&b.path));
    units
}
