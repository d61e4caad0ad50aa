//! Working calendars with administrators' overrides, rebuilt when their revision changes.
//! The revision lives in the database, so several app instances see each other's changes.

use crate::error::AppError;
use crate::store::Store;
use motcua_domain::calendar::{CalendarData, WorkCalendar};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Built calendars by name, each with the revision it was built at.
#[derive(Debug, Default)]
pub struct Calendars {
    built: Mutex<HashMap<String, (i64, Arc<WorkCalendar>)>>,
}

impl Calendars {
    /// The calendar `name` as of now (only `ccvc` ships; other names fall back to it).
    pub async fn get(&self, store: &dyn Store, name: &str) -> Result<Arc<WorkCalendar>, AppError> {
        let revision = store.calendar_revision(name).await?;
        if let Some(c) = self.built.lock().ok().and_then(|m| {
            m.get(name)
                .filter(|(r, _)| *r == revision)
                .map(|(_, c)| c.clone())
        }) {
            return Ok(c);
        }
        let overrides = store.calendar_overrides(name).await?;
        let calendar = Arc::new(WorkCalendar::build(&CalendarData::ccvc(), &overrides));
        if let Ok(mut m) = self.built.lock() {
            m.insert(name.to_owned(), (revision, calendar.clone()));
        }
        Ok(calendar)
    }
}
