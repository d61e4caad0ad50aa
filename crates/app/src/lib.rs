//! Use cases of the one-stop shop: who may do what, in what order, with which storage.
//!
//! Handlers call [`App`]; it calls the pure rules of `motcua-domain` and the [`store::Store`] port.

pub mod calendar_job;
pub mod calendars;
pub mod caller;
pub mod chain;
pub mod clock;
pub mod demo;
pub mod error;
pub mod idempotency;
pub mod password;
pub mod permissions;
pub mod projection;
pub mod secret;
pub mod store;
pub mod synthetic;
pub mod usecases;

pub use caller::Caller;
pub use error::AppError;
pub use usecases::{
    auth::{NewSession, NewUser, SessionKind},
    calendar::CalendarChange,
    dossiers::{DossierFilter, DossierView, IntakeRequest, PublicView},
    feedback::{FeedbackOptions, FeedbackReport},
    history::{HistoryOptions, HistoryReport},
    reports::{FieldRows, REPORT_ROLES, ReportUnit, Scope, StatsRecords},
    users::UserAccount,
};

use calendars::Calendars;
use chrono::NaiveDateTime;
use clock::Clock;
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::ids::UnitCode;
use password::Passwords;
use permissions::Org;
use std::sync::Arc;
use store::Store;

/// The application: storage, clock and shared services. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    calendars: Arc<Calendars>,
    passwords: Passwords,
    projection: Arc<projection::Projection>,
}

impl App {
    /// An application on `store` reading time from `clock`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> App {
        App {
            store,
            clock,
            calendars: Arc::new(Calendars::default()),
            passwords: Passwords::default(),
            projection: Arc::new(projection::Projection::default()),
        }
    }

    /// The storage port.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Now, local time.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The statistics projection, with every change committed so far applied.
    pub async fn projection(
        &self,
    ) -> Result<tokio::sync::OwnedRwLockReadGuard<projection::Projected>, AppError> {
        self.projection.read(self.store.as_ref()).await
    }

    /// The organisation as stored now.
    pub async fn org(&self) -> Result<Org, AppError> {
        Ok(Org::new(self.store.units().await?))
    }

    /// The working calendar and office hours of a unit.
    pub async fn unit_time(
        &self,
        org: &Org,
        unit: &UnitCode,
    ) -> Result<(Arc<WorkCalendar>, OfficeHours), AppError> {
        let (name, hours) = org.unit(unit).map_or(("ccvc", None), |u| {
            (
                u.calendar.as_str(),
                u.office_hours.parse::<OfficeHours>().ok(),
            )
        });
        let calendar = self.calendars.get(self.store.as_ref(), name).await?;
        Ok((calendar, hours.unwrap_or_default()))
    }
}
