//! The catalogue of administrative procedures (TTHC), docs/rules.md §3.

mod competence;
mod import;
mod parts;
mod procedure;
mod texts;

pub use competence::competent_units;
pub use import::{ImportError, ImportFile, parse_import};
pub use parts::Part;
pub use procedure::{
    ApplicantType, Component, Fee, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus,
    ProcedureVersion, Publication, ResultKind, Step,
};
