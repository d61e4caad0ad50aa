//! History import: dossiers of a legacy system, one JSON object per line
//! (`docs/history-import.md`), turned into dossiers with the events that explain their state.

mod build;
mod imported;
mod lines;
mod record;

pub use build::{IMPORT_ACTOR, build};
pub use imported::{ImportedDossier, ImportedProcedure};
pub use lines::{line_text, lines};
pub use record::{
    LegacyChannel, LegacyOutcome, LegacyRecord, LegacySupplement, LineError, parse_line,
};
