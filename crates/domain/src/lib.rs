//! Pure rules of the one-stop shop (Bộ phận Một cửa).
//!
//! Nothing here performs I/O, spawns tasks or reads the clock: every instant is an argument.
//! Time is local Vietnamese time (UTC+07:00, no daylight saving); see [`time`].

pub mod calendar;
pub mod catalogue;
pub mod classify;
pub mod deadline;
pub mod dossier;
pub mod feedback;
pub mod format;
pub mod history;
pub mod ids;
pub mod input;
pub mod lunar;
pub mod org;
pub mod rule_set;
pub mod stats;
pub mod text;
pub mod time;
