//! User accounts: listing them for an administrator, disabling and enabling them.
//!
//! Disabling a user stops them at once: the store deletes every session and token of the user
//! in the same transaction, and a session looked up later is refused for an inactive user
//! anyway. Each change is recorded with who made it and when ([`Store::user_changes`]).
//!
//! [`Store::user_changes`]: crate::store::Store::user_changes

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{Org, require_role, require_role_anywhere};
use crate::store::{UserChange, UserRecord};
use motcua_domain::org::{Grant, Role};

/// A user account as an administrator sees it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccount {
    /// Login name.
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Roles and the units they hold them at.
    pub grants: Vec<Grant>,
    /// Whether the user may sign in.
    pub active: bool,
    /// Whether the caller may disable or enable this account (not their own).
    pub changeable: bool,
}

impl App {
    /// The users an administrator manages: those with a role at a unit where the actor is
    /// administrator (quản trị) or below it, by login name. Needs the administrator role
    /// somewhere.
    pub async fn managed_users(&self, by: &Caller) -> Result<Vec<UserAccount>, AppError> {
        require_role_anywhere(by, Role::QuanTri, "quản lý tài khoản người dùng")?;
        let org = self.org().await?;
        let users = self.store.users().await?;
        Ok(users
            .into_iter()
            .filter(|u| manages(by, &org, u))
            .map(|u| UserAccount {
                changeable: u.username != by.name(),
                username: u.username,
                full_name: u.full_name,
                grants: u.grants,
                active: u.active,
            })
            .collect())
    }

    /// Disables `username`: they can no longer sign in, and their sessions and API tokens stop
    /// at once. Needs the administrator role over every unit where the user has a role (the
    /// operator at the command line holds it everywhere); nobody disables their own account.
    pub async fn disable_user(&self, by: &Caller, username: &str) -> Result<(), AppError> {
        if by.name() == username {
            return Err(AppError::Forbidden(
                "tự khóa tài khoản của chính mình".to_owned(),
            ));
        }
        self.check_manages(by, username).await?;
        self.set_active(username, false, by.name()).await
    }

    /// Enables `username` again (same permission as [`App::disable_user`]).
    pub async fn enable_user(&self, by: &Caller, username: &str) -> Result<(), AppError> {
        self.check_manages(by, username).await?;
        self.set_active(username, true, by.name()).await
    }

    async fn check_manages(&self, by: &Caller, username: &str) -> Result<(), AppError> {
        let user = self
            .store
            .user(username)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("người dùng «{username}»")))?;
        let org = self.org().await?;
        for unit in scope_of(&org, &user) {
            require_role(by, &org, Role::QuanTri, &unit)?;
        }
        Ok(())
    }

    async fn set_active(&self, username: &str, active: bool, actor: &str) -> Result<(), AppError> {
        let change = UserChange {
            username: username.to_owned(),
            active,
            actor: actor.to_owned(),
            at: self.now(),
        };
        self.store.set_user_active(&change).await?;
        let what = serde_json::json!({ "username": username, "active": active });
        self.record(actor, "user_active", what).await
    }
}

/// The units whose administrator manages `user`: those of the user's roles, or the roots of the
/// organisation for a user without any.
fn scope_of(org: &Org, user: &UserRecord) -> Vec<motcua_domain::ids::UnitCode> {
    if user.grants.is_empty() {
        org.units()
            .iter()
            .filter(|u| u.parent.is_none())
            .map(|u| u.code.clone())
            .collect()
    } else {
        user.grants.iter().map(|g| g.unit.clone()).collect()
    }
}

fn manages(by: &Caller, org: &Org, user: &UserRecord) -> bool {
    let scope = scope_of(org, user);
    !scope.is_empty()
        && scope
            .iter()
            .all(|unit| require_role(by, org, Role::QuanTri, unit).is_ok())
}
