//! Signing in, sessions, API tokens and user accounts.

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::secret::{digest, new_secret};
use crate::store::{SessionRecord, UserRecord};
use chrono::{Duration, NaiveDateTime};
use motcua_domain::format::quoted;
use motcua_domain::input::{FieldError, PersonName, optional};
use motcua_domain::org::{Actor, Grant, Role};
use serde_json::json;

/// A browser session or an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Cookie session for pages (8 hours, CSRF-protected).
    Browser,
    /// Bearer token for integrations (30 days).
    Api,
}

/// A session just opened: the secret is shown once and only its digest is stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// The secret (cookie value or bearer token).
    pub secret: String,
    /// CSRF token for forms (browser sessions).
    pub csrf_token: String,
    /// Expiry.
    pub expires_at: NaiveDateTime,
}

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name: 3–40 lower-case letters, digits, `.`, `_`.
    pub username: String,
    /// Display name.
    pub full_name: String,
    /// Password (at least 10 characters).
    pub password: String,
    /// Roles.
    pub grants: Vec<Grant>,
}

/// [`valid_username`] as a regular expression.
pub const USERNAME_PATTERN: &str = "^[a-z0-9._]{3,40}$";

/// The stored kind of a browser session.
const BROWSER: &str = "session";
/// The stored kind of an API token.
const API: &str = "api";

/// Whether `u` is a well-formed user name: 3–40 lower-case ASCII letters, digits, dots or
/// underscores (the API document declares it as [`USERNAME_PATTERN`]).
pub fn valid_username(u: &str) -> bool {
    (3..=40).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_')
}

impl App {
    /// Checks a user name and password.
    pub async fn login(&self, username: &str, password: &str) -> Result<Actor, AppError> {
        // A name that is not one may be a password typed in the wrong field: never recorded.
        let tried = if valid_username(username) {
            username
        } else {
            "?"
        };
        let user = self.store.user(username).await?;
        let Some(user) = user.filter(|u| u.active) else {
            // Same work as a real check, so timing does not reveal which names exist.
            let _ = self.passwords.verify(password, DUMMY_HASH).await;
            self.record_sign_in(tried, "login_failed").await;
            return Err(AppError::Unauthorized);
        };
        if self.passwords.verify(password, &user.password_hash).await {
            self.record_sign_in(tried, "login").await;
            Ok(actor_of(&user))
        } else {
            self.record_sign_in(tried, "login_failed").await;
            Err(AppError::Unauthorized)
        }
    }

    /// Opens a session or issues a token for a signed-in actor. A browser session ends the
    /// user's other browser sessions (API tokens stay). Then the expired sessions of everyone
    /// are deleted, as housekeeping whose failure does not refuse the login.
    pub async fn open_session(
        &self,
        actor: &Actor,
        kind: SessionKind,
    ) -> Result<NewSession, AppError> {
        let now = self.now();
        let (label, life, csrf) = match kind {
            SessionKind::Browser => (BROWSER, Duration::hours(8), new_secret()),
            SessionKind::Api => (API, Duration::days(30), String::new()),
        };
        let secret = new_secret();
        let record = SessionRecord {
            token_hash: digest(&secret),
            username: actor.username.clone(),
            csrf_token: csrf.clone(),
            kind: label.to_owned(),
            created_at: now,
            expires_at: now + life,
        };
        match kind {
            SessionKind::Browser => self.store.replace_sessions(&record).await?,
            SessionKind::Api => self.store.create_session(&record).await?,
        }
        // Housekeeping, after the session is stored and apart from it: on a nearly full disk
        // it may fail where the session's own small write fits, and must not refuse the login.
        if let Err(e) = self.store.purge_sessions(now).await {
            tracing::warn!(error = %e, "deleting expired sessions at login");
        }
        Ok(NewSession {
            secret,
            csrf_token: csrf,
            expires_at: record.expires_at,
        })
    }

    /// The actor behind a session secret or token, with the session, if valid and not expired.
    pub async fn session_actor(
        &self,
        secret: &str,
    ) -> Result<Option<(Actor, SessionRecord)>, AppError> {
        let Some((session, user)) = self.store.session_user(&digest(secret)).await? else {
            return Ok(None);
        };
        if session.expires_at <= self.now() || !user.active {
            return Ok(None);
        }
        Ok(Some((actor_of(&user), session)))
    }

    /// Ends a session.
    pub async fn close_session(&self, secret: &str) -> Result<(), AppError> {
        Ok(self.store.delete_session(&digest(secret)).await?)
    }

    /// Revokes every API token of the signed-in officer (their browser sessions stay); answers
    /// how many.
    pub async fn revoke_tokens(&self, caller: &Caller) -> Result<u64, AppError> {
        let actor = crate::permissions::officer(caller, "thu hồi mã truy cập API")?;
        Ok(self
            .store
            .delete_user_sessions(&actor.username, Some(API))
            .await?)
    }

    /// Deletes the sessions and tokens that have expired and the idempotency keys older than
    /// their lifetime; answers how many rows went.
    pub async fn purge_sessions(&self) -> Result<u64, AppError> {
        let now = self.now();
        let sessions = self.store.purge_sessions(now).await?;
        let keys_before = now - Duration::hours(crate::idempotency::KEY_LIFETIME_HOURS);
        let keys = self.store.purge_idempotency_keys(keys_before).await?;
        Ok(sessions + keys)
    }

    /// Creates a user: an administrator over every unit the new user gets a role at, or the
    /// operator (the first administrator of a new installation).
    pub async fn create_user(&self, caller: &Caller, user: NewUser) -> Result<(), AppError> {
        let org = self.org().await?;
        for g in &user.grants {
            crate::permissions::require_role(caller, &org, Role::QuanTri, &g.unit)?;
        }
        if !valid_username(&user.username) {
            return Err(AppError::invalid(
                "invalid_username",
                "username",
                format!(
                    "tên đăng nhập «{}» không hợp lệ (3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới)",
                    quoted(&user.username)
                ),
            ));
        }
        if user.grants.is_empty() {
            return Err(AppError::invalid(
                "missing_role",
                "role",
                "người dùng phải có ít nhất một vai trò",
            ));
        }
        for g in &user.grants {
            if org.unit(&g.unit).is_none() {
                return Err(AppError::invalid(
                    "unknown_unit",
                    "unit",
                    format!("không có đơn vị mã «{}»", g.unit),
                ));
            }
        }
        let full_name = optional(Some(user.full_name.as_str()), PersonName::parse)
            .map_err(|e| FieldError::new("full_name", e))?
            .map_or_else(|| user.username.clone(), String::from);
        let hash = self.passwords.hash(&user.password).await?;
        let roles: Vec<String> = user
            .grants
            .iter()
            .map(|g| format!("{}@{}", g.role.code(), g.unit))
            .collect();
        let what = json!({ "username": user.username, "roles": roles });
        self.store
            .create_user(&UserRecord {
                username: user.username.clone(),
                full_name,
                password_hash: hash,
                grants: user.grants,
                active: true,
            })
            .await
            .map_err(|e| match e {
                crate::store::StoreError::Conflict(_) => {
                    AppError::Conflict(format!("tên đăng nhập «{}» đã được dùng", user.username))
                }
                other => other.into(),
            })?;
        self.record(caller.name(), "user_created", what).await
    }
}

impl App {
    /// Records a sign-in; a database that cannot write (a full disk) does not stop signing in:
    /// the failure is logged instead (docs/operations.md §8).
    async fn record_sign_in(&self, name: &str, action: &str) {
        if let Err(e) = self.record(name, action, json!({})).await {
            tracing::warn!(error = %e, action, "sign-in not written to the audit log");
        }
    }
}

fn actor_of(user: &UserRecord) -> Actor {
    Actor {
        username: user.username.clone(),
        full_name: user.full_name.clone(),
        grants: user.grants.clone(),
    }
}

/// An Argon2id hash of a random string, verified against when the user does not exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J1bXd4cRBJgoh1UZzBk0c6vMaW3zeBEXsk6Njz9jrjY";
