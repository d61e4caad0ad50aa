//! What staff see of a dossier: its state, history, due-date explanation and the actions they
//! may take now.

use chrono::NaiveDateTime;
use motcua_domain::classify::TimeClass;
use motcua_domain::deadline::{DeadlineEngine, Explanation};
use motcua_domain::dossier::{ActionKind, Dossier, Event};
use serde::Serialize;

/// A dossier as staff see it.
#[derive(Debug, Clone, Serialize)]
pub struct DossierView {
    /// The state.
    pub dossier: Dossier,
    /// The history.
    pub events: Vec<Event>,
    /// How the due date was computed (after reception).
    pub explanation: Option<Explanation>,
    /// The same in Vietnamese lines.
    pub explanation_text: Vec<String>,
    /// Early / on time / late now.
    pub time_class: Option<TimeClass>,
    /// The actions the lifecycle allows now that this caller may do, in the order to offer them.
    pub actions: Vec<ActionKind>,
    /// Warnings from the last action.
    pub warnings: Vec<String>,
}

/// The due-date explanation of a received dossier; none for a dossier imported from a legacy
/// system, whose due instant is the one that system recorded.
pub(crate) fn explanation(dossier: &Dossier, engine: &DeadlineEngine<'_>) -> Option<Explanation> {
    if dossier.facts.imported {
        return None;
    }
    let received = dossier.received_at?;
    let deadline = engine
        .deadline(received, dossier.facts.time_limit, &dossier.pauses)
        .ok()?;
    Some(engine.explain(&deadline))
}

impl DossierView {
    /// The view of `dossier` at `now` offering `actions`.
    pub(super) fn new(
        dossier: Dossier,
        events: Vec<Event>,
        engine: &DeadlineEngine<'_>,
        now: NaiveDateTime,
        actions: Vec<ActionKind>,
        warnings: Vec<String>,
    ) -> DossierView {
        let explanation = explanation(&dossier, engine);
        DossierView {
            explanation_text: explanation
                .as_ref()
                .map(|x| x.lines_vi())
                .unwrap_or_default(),
            explanation,
            time_class: dossier.time_class(now),
            dossier,
            events,
            actions,
            warnings,
        }
    }
}
