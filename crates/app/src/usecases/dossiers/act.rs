//! Doing an action on a dossier: the permission, the lifecycle's decision, the events.

use super::view::DossierView;
use super::{parse_code, require_unit};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{authorize_action, offered};
use crate::store::StoreError;
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Action, Dossier, Version, decide};

impl App {
    /// Does an action on a dossier: the caller must be an officer allowed to do it, and the
    /// people and units it names must be ones the dossier may go to.
    ///
    /// `seen` is the version of the dossier the caller decided on: when the dossier has changed
    /// since (another officer, another screen, another server), the action is refused with
    /// [`AppError::Stale`] and the current version and status, and nothing is written
    /// (docs/rules.md §6.12).
    pub async fn act(
        &self,
        caller: &Caller,
        code: &str,
        seen: Version,
        action: Action,
    ) -> Result<DossierView, AppError> {
        let code = parse_code(code)?;
        // Texts bounded before anything looks them up (`decide` parses them again).
        let action = action.parse_texts()?;
        let org = self.org().await?;
        let (dossier, mut events) = self.load(caller, &org, &code).await?;
        let permit = authorize_action(caller, &org, action.kind(), &dossier)?;
        if !seen.is_current(&dossier) {
            return Err(stale(&dossier));
        }
        match &action {
            Action::Transfer { to_unit, .. } => require_unit(&org, to_unit, "to_unit")?,
            Action::Assign { to } => {
                self.check_assignee(&org, &dossier, to, "to", false).await?;
            }
            Action::CompleteStep { to: Some(to), .. } => {
                self.check_assignee(&org, &dossier, to, "to", true).await?;
            }
            _ => {}
        }
        let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let now = self.now();
        let decided = decide(&dossier, &action, now, &engine)?;
        let (mut next, mut new_events) = dossier.stamp(decided.events, now, &permit.actor.username);
        // The store appends only at `seen`: of actions racing from several servers on the same
        // version, one is written and the others are stale.
        // A dossier submitted online gets its code as it is received (docs/rules.md §6.5).
        match self
            .store
            .append_events(&next, seen.get(), &new_events)
            .await
        {
            Ok(Some(code)) => {
                next.issue_code(&mut new_events, code);
            }
            Ok(None) => {}
            Err(StoreError::Conflict(_)) => {
                let (current, _) = self.load(caller, &org, &code).await?;
                return Err(stale(&current));
            }
            Err(e) => return Err(e.into()),
        }
        events.extend(new_events);
        let actions = offered(caller, &org, &next);
        Ok(DossierView::new(
            next,
            events,
            &engine,
            now,
            actions,
            decided.warnings,
        ))
    }
}

/// The refusal of an action decided on an older version than `current`'s.
fn stale(current: &Dossier) -> AppError {
    AppError::Stale {
        version: current.version,
        status: current.status,
    }
}
