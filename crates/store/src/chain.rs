//! The hash chain of dossier events as the adapters write it (the rule is
//! [`motcua_app::chain`]): each event's hash from the previous one of its dossier.

use chrono::NaiveDate;
use motcua_app::chain::{GENESIS, event_hash};
use motcua_app::store::StoreError;
use motcua_domain::dossier::Event;
use motcua_domain::ids::DossierCode;

/// One event ready to insert with its links.
pub(crate) struct Linked<'a> {
    /// The event.
    pub event: &'a Event,
    /// The hash of the previous event of the dossier.
    pub prev_hash: String,
    /// Its own hash.
    pub hash: String,
}

/// The day a change is written on, whose root covers its events: that of its latest event
/// (events are stamped with now; events rebuilt for an imported dossier go with the change).
pub(crate) fn written_on(events: &[Event]) -> NaiveDate {
    events.iter().map(|e| e.at.date()).max().unwrap_or_default()
}

/// `events` linked after `prev` (the last stored hash of the dossier, none for a new one).
pub(crate) fn link<'a>(
    code: &DossierCode,
    prev: Option<String>,
    events: &'a [Event],
) -> Result<Vec<Linked<'a>>, StoreError> {
    let mut prev = prev.unwrap_or_else(|| GENESIS.to_owned());
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        let data = serde_json::to_value(event)
            .map_err(|e| StoreError::Database(format!("encode event: {e}")))?;
        let hash = event_hash(
            &prev,
            code.as_str(),
            event.seq,
            event.at,
            &event.actor,
            event.kind.code(),
            &data,
        );
        out.push(Linked {
            event,
            prev_hash: std::mem::replace(&mut prev, hash.clone()),
            hash,
        });
    }
    Ok(out)
}
