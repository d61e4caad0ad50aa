//! Who a step may go to: active users holding the step's role over the unit that holds the
//! dossier now. Pages offer this list; the actions `assign` and `complete_step` accept no one
//! else, and the refusal does not tell whether a login name exists.

use super::parse_code;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{Org, authorize_action};
use motcua_domain::dossier::{ActionKind, Dossier};
use motcua_domain::org::Role;
use serde::Serialize;

/// A person a step may go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignee {
    /// Login name.
    pub username: String,
    /// Display name.
    pub full_name: String,
}

/// The role the person must hold: the current step's (its next step's when handing over), a
/// leader's when there is none.
fn needed_role(dossier: &Dossier, next: bool) -> Role {
    dossier
        .current_step
        .map(|i| if next { i + 1 } else { i })
        .and_then(|i| dossier.facts.steps.get(i))
        .map_or(Role::LanhDao, |s| s.role)
}

impl App {
    /// The people the caller may assign the dossier's current step to (`next`: hand the next
    /// step to), by name.
    pub async fn assignees(
        &self,
        caller: &Caller,
        code: &str,
        next: bool,
    ) -> Result<Vec<Assignee>, AppError> {
        let code = parse_code(code)?;
        let org = self.org().await?;
        let (dossier, _) = self.load(caller, &org, &code).await?;
        let kind = if next {
            ActionKind::CompleteStep
        } else {
            ActionKind::Assign
        };
        authorize_action(caller, &org, kind, &dossier)?;
        self.eligible(&org, &dossier, needed_role(&dossier, next))
            .await
    }

    async fn eligible(
        &self,
        org: &Org,
        dossier: &Dossier,
        role: Role,
    ) -> Result<Vec<Assignee>, AppError> {
        let path = org.path(&dossier.current_unit);
        let mut people: Vec<Assignee> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| {
                u.active
                    && u.grants
                        .iter()
                        .any(|g| g.role == role && path.contains(&g.unit))
            })
            .map(|u| Assignee {
                username: u.username,
                full_name: u.full_name,
            })
            .collect();
        people.sort_by(|a, b| a.full_name.cmp(&b.full_name));
        Ok(people)
    }

    /// Refuses `to` unless they may take the step (`field`: the form or API field).
    pub(super) async fn check_assignee(
        &self,
        org: &Org,
        dossier: &Dossier,
        to: &str,
        field: &str,
        next: bool,
    ) -> Result<(), AppError> {
        let role = needed_role(dossier, next);
        let people = self.eligible(org, dossier, role).await?;
        if people.iter().any(|p| p.username == to) {
            Ok(())
        } else {
            Err(AppError::invalid(
                "assignee_not_allowed",
                field,
                format!(
                    "chỉ giao được cho người có vai trò «{}» tại đơn vị {} đang giữ hồ sơ",
                    role.label_vi(),
                    dossier.current_unit
                ),
            ))
        }
    }
}
