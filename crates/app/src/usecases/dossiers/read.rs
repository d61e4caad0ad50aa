//! Reading dossiers: one with its history, and keyset pages of those the caller may read.

use super::view::DossierView;
use super::{Org, parse_code};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{can_read, offered, readable_units};
use crate::store::{Cursor, DossierQuery};
use chrono::NaiveDateTime;
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Dossier, Event, Status};
use motcua_domain::ids::DossierCode;
use serde::Deserialize;

/// The size of a page of a list: 50 unless asked, between 1 and 500. Every list (API, pages,
/// store) takes its size from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(u32);

impl PageSize {
    /// The size when none is asked for.
    pub const DEFAULT: u32 = 50;
    /// The largest page.
    pub const MAX: u32 = 500;

    /// The size asked for, brought within bounds.
    pub fn new(asked: Option<u32>) -> PageSize {
        PageSize(asked.unwrap_or(Self::DEFAULT).clamp(1, Self::MAX))
    }

    /// The number of rows.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for PageSize {
    fn default() -> PageSize {
        PageSize::new(None)
    }
}

/// A staff list request.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DossierFilter {
    /// Only this status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Only open dossiers.
    #[serde(default)]
    pub open_only: bool,
    /// Only open dossiers due by then.
    #[serde(default)]
    pub due_before: Option<NaiveDateTime>,
    /// Keyset position.
    #[serde(default)]
    pub after: Option<Cursor>,
    /// Page size (see [`PageSize`]).
    #[serde(default)]
    pub limit: Option<u32>,
}

impl App {
    /// A dossier with its history, due-date explanation and the actions the caller may do.
    pub async fn dossier(&self, caller: &Caller, code: &str) -> Result<DossierView, AppError> {
        let code = parse_code(code)?;
        let org = self.org().await?;
        let (dossier, events) = self.load(caller, &org, &code).await?;
        let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let now = self.now();
        let actions = offered(caller, &org, &dossier);
        Ok(DossierView::new(
            dossier,
            events,
            &engine,
            now,
            actions,
            Vec::new(),
        ))
    }

    /// A page of the dossiers the caller may read, newest first.
    pub async fn list_dossiers(
        &self,
        caller: &Caller,
        filter: DossierFilter,
    ) -> Result<Vec<Dossier>, AppError> {
        let org = self.org().await?;
        let units = readable_units(caller, &org);
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let query = DossierQuery {
            units: Some(units),
            status: filter.status,
            open_only: filter.open_only,
            due_before: filter.due_before,
            after: filter.after,
            limit: PageSize::new(filter.limit),
        };
        Ok(self.store.list_dossiers(&query).await?)
    }

    /// A dossier the caller may read; "not found" for one they may not, so codes of other units
    /// are not revealed.
    pub(crate) async fn load(
        &self,
        caller: &Caller,
        org: &Org,
        code: &DossierCode,
    ) -> Result<(Dossier, Vec<Event>), AppError> {
        let missing = || AppError::NotFound(format!("hồ sơ {code}"));
        let (dossier, events) = self.store.dossier(code).await?.ok_or_else(missing)?;
        if can_read(caller, org, &dossier) {
            Ok((dossier, events))
        } else {
            Err(missing())
        }
    }
}
