//! The catalogue of administrative procedures (TTHC), RULES §3.

mod import;
mod procedure;

pub use import::{ImportError, ImportFile, parse_import};
pub use procedure::{
    ApplicantType, Component, Fee, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus,
    ProcedureVersion, Publication, Step,
};
