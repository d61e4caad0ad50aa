//! An imported dossier as it is stored: the checked legacy line and what it needs of its
//! procedure. Its state and events are rebuilt from these, always the same way, so the store
//! keeps a few hundred bytes per dossier instead of a snapshot and one row per event.

use super::build::build;
use super::record::LegacyRecord;
use crate::catalogue::{ProcedureVersion, ResultKind, Step};
use crate::deadline::TimeLimit;
use crate::dossier::{Dossier, Event};
use crate::ids::ProcedureCode;
use serde::{Deserialize, Serialize};

/// What an imported dossier keeps of its procedure: what its facts copy from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedProcedure {
    /// Procedure code.
    pub code: ProcedureCode,
    /// Catalogue version in force at import.
    pub version: u32,
    /// Name.
    pub name: String,
    /// Field (lĩnh vực).
    pub field: String,
    /// The time limit that applies.
    pub time_limit: TimeLimit,
    /// Internal process steps.
    pub steps: Vec<Step>,
    /// Whether the clock may pause for payment.
    pub payment_pause_allowed: bool,
    /// Whether its result is a document (rows stored before: a document).
    #[serde(default)]
    pub result_kind: ResultKind,
}

impl ImportedProcedure {
    /// What an imported dossier keeps of `procedure`.
    pub fn of(procedure: &ProcedureVersion) -> ImportedProcedure {
        let p = &procedure.spec;
        ImportedProcedure {
            code: p.code.clone(),
            version: procedure.version,
            name: p.name.clone(),
            field: p.field.clone(),
            time_limit: p.effective_time_limit(),
            steps: p.steps.clone(),
            payment_pause_allowed: p.payment_pause_allowed,
            result_kind: p.result_kind,
        }
    }
}

/// An imported dossier: its legacy line and procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedDossier {
    /// The checked legacy line.
    pub record: LegacyRecord,
    /// Its procedure as it was at import.
    pub procedure: ImportedProcedure,
}

impl ImportedDossier {
    /// The dossier and the events that explain its state; `None` only if the line was not
    /// checked (a checked line always replays).
    pub fn build(&self) -> Option<(Dossier, Vec<Event>)> {
        build(&self.record, &self.procedure)
    }
}
