//! Conversions between domain values and column values, shared by both adapters.

use crate::error;
use chrono::NaiveDateTime;
use motcua_app::store::{ImportSummary, StoreError};
use motcua_domain::catalogue::{ProcedureSpec, ProcedureVersion};
use motcua_domain::dossier::{Channel, Dossier, Event, Status};
use motcua_domain::ids::DossierCode;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Status code of a procedure version in force (`ProcedureStatus::Active`).
pub(crate) const ACTIVE: &str = "active";
/// Status code of a superseded procedure version (`ProcedureStatus::Amended`).
pub(crate) const AMENDED: &str = "amended";

/// The indexed columns of a dossier row (the full state goes in `data` as JSON).
pub(crate) struct DossierColumns<'a> {
    /// The key the dossier is stored under ([`Dossier::key`]).
    pub code: &'a str,
    pub receiving_unit: &'a str,
    pub competent_unit: &'a str,
    pub current_unit: &'a str,
    pub procedure_code: &'a str,
    pub status: &'static str,
    pub channel: &'static str,
    pub created_at: NaiveDateTime,
    pub received_at: Option<NaiveDateTime>,
    pub due_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub version: i64,
    pub applicant_phone: Option<&'a str>,
    pub applicant_id_number: Option<&'a str>,
}

impl<'a> DossierColumns<'a> {
    /// The columns of `d`.
    pub(crate) fn of(d: &'a Dossier) -> DossierColumns<'a> {
        DossierColumns {
            code: d.key().as_str(),
            receiving_unit: d.facts.receiving_unit.as_str(),
            competent_unit: d.facts.competent_unit.as_str(),
            current_unit: d.current_unit.as_str(),
            procedure_code: d.facts.procedure_code.as_str(),
            status: d.status.code(),
            channel: channel_code(d.facts.channel),
            created_at: d.created_at,
            received_at: d.received_at,
            due_at: d.due_at,
            ended_at: d.ended_at,
            version: i64::from(d.version),
            applicant_phone: d.facts.applicant.phone.as_deref(),
            applicant_id_number: d.facts.applicant.id_number.as_deref(),
        }
    }
}

/// Copies of a dossier that awaits its code and of the `events` about to be stored, with `code`
/// issued to both (see [`Dossier::issue_code`]).
pub(crate) fn issued(
    d: &Dossier,
    events: &[Event],
    code: &DossierCode,
) -> Result<(Dossier, Vec<Event>), StoreError> {
    let (mut d, mut events) = (d.clone(), events.to_vec());
    if d.issue_code(&mut events, code.clone()) {
        Ok((d, events))
    } else {
        Err(StoreError::Database(format!(
            "{}: a reception that gives a code is stored with the events that made it",
            d.code
        )))
    }
}

fn channel_code(c: Channel) -> &'static str {
    match c {
        Channel::Desk => "desk",
        Channel::Post => "post",
        Channel::Online => "online",
    }
}

/// Codes of the open statuses (received and not ended).
pub(crate) fn open_statuses() -> impl Iterator<Item = &'static str> {
    Status::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(Status::code)
}

/// A JSON column's value.
pub(crate) fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Database(format!("stored JSON: {e}")))
}

/// The serde code of a unit-like enum (e.g. `DayKind::Holiday` → `holiday`).
pub(crate) fn enum_code<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value).map_err(error::json)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(StoreError::Database(format!("not an enum code: {other}"))),
    }
}

/// Parses a serde code stored by [`enum_code`].
pub(crate) fn parse_code<T: DeserializeOwned>(code: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(error::json)
}

/// A stored integer that must fit a `u32`.
pub(crate) fn to_u32(n: i64) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::Database(format!("out of range: {n}")))
}

/// A procedure version from its columns.
pub(crate) fn procedure_version(
    version: i64,
    status: &str,
    spec: ProcedureSpec,
) -> Result<ProcedureVersion, StoreError> {
    Ok(ProcedureVersion {
        version: to_u32(version)?,
        status: parse_code(status)?,
        spec,
    })
}

/// What an import does with one procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportStep {
    /// Not in the catalogue: version 1.
    Create,
    /// Content changed: this new version; the previous one becomes `amended`.
    NewVersion {
        /// The version that becomes `amended`.
        previous: i64,
    },
    /// Identical to the latest version.
    Unchanged,
}

impl ImportStep {
    /// Compares `spec` with the latest stored version (its number and the JSON of its spec).
    pub(crate) fn plan(
        spec: &ProcedureSpec,
        latest: Option<(i64, serde_json::Value)>,
    ) -> Result<ImportStep, StoreError> {
        let Some((version, stored)) = latest else {
            return Ok(ImportStep::Create);
        };
        let new = serde_json::to_value(spec).map_err(error::json)?;
        Ok(if new == stored {
            ImportStep::Unchanged
        } else {
            ImportStep::NewVersion { previous: version }
        })
    }

    /// The version to insert, if any.
    pub(crate) fn new_version(self) -> Option<i64> {
        match self {
            ImportStep::Create => Some(1),
            ImportStep::NewVersion { previous } => Some(previous + 1),
            ImportStep::Unchanged => None,
        }
    }

    /// Counts this step in `summary`.
    pub(crate) fn count(self, summary: &mut ImportSummary) {
        match self {
            ImportStep::Create => summary.created += 1,
            ImportStep::NewVersion { .. } => summary.new_versions += 1,
            ImportStep::Unchanged => summary.unchanged += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use motcua_domain::calendar::DayKind;
    use motcua_domain::catalogue::ProcedureStatus;

    #[test]
    fn enum_codes_round_trip() {
        let code = enum_code(&DayKind::CompensatoryOff).unwrap();
        assert_eq!(code, "compensatory_off");
        assert_eq!(
            parse_code::<DayKind>(&code).unwrap(),
            DayKind::CompensatoryOff
        );
        assert_eq!(enum_code(&ProcedureStatus::Active).unwrap(), ACTIVE);
        assert_eq!(enum_code(&ProcedureStatus::Amended).unwrap(), AMENDED);
    }

    #[test]
    fn open_statuses_are_the_four_running_ones() {
        let open: Vec<_> = open_statuses().collect();
        assert_eq!(
            open,
            [
                "received",
                "in_progress",
                "supplement_requested",
                "awaiting_payment"
            ]
        );
    }
}
