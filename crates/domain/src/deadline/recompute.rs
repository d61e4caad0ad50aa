//! Which open deadlines move when a calendar changes, and to what.

use super::{DeadlineEngine, Pause, TimeLimit};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// An open dossier's deadline inputs and its due instant as currently stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenDeadline<Id> {
    /// The dossier.
    pub id: Id,
    /// Reception instant.
    pub received: NaiveDateTime,
    /// Time limit.
    pub limit: TimeLimit,
    /// Pauses so far.
    pub pauses: Vec<Pause>,
    /// Due instant currently stored (`None` while paused).
    pub current_due: Option<NaiveDateTime>,
}

/// A deadline that moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved<Id> {
    /// The dossier.
    pub id: Id,
    /// Due instant before the change.
    pub old_due: Option<NaiveDateTime>,
    /// Due instant under the new calendar.
    pub new_due: Option<NaiveDateTime>,
}

/// The deadlines among `open` whose due instant differs under `engine` (built on the changed
/// calendar). Inputs whose pauses are invalid are left unchanged.
pub fn recompute<Id: Clone>(
    engine: &DeadlineEngine<'_>,
    open: &[OpenDeadline<Id>],
) -> Vec<Moved<Id>> {
    open.iter()
        .filter_map(|o| {
            let deadline = engine.deadline(o.received, o.limit, &o.pauses).ok()?;
            (deadline.due != o.current_due).then(|| Moved {
                id: o.id.clone(),
                old_due: o.current_due,
                new_due: deadline.due,
            })
        })
        .collect()
}
