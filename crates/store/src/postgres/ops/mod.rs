//! The statements of the PostgreSQL adapter, each on one connection; [`super::PgStore`] decides
//! where transactions begin and end.

mod accounts;
pub(crate) mod chain;
mod dossiers;
mod feedback;
mod jobs;
mod reference;
pub(crate) mod stats;

pub(crate) use accounts::*;
pub(crate) use dossiers::*;
pub(crate) use feedback::*;
pub(crate) use jobs::*;
pub(crate) use reference::*;

use chrono::{NaiveDateTime, Timelike};

/// PostgreSQL keeps microseconds: a cursor taken from a dossier (nanoseconds) is truncated the
/// same way the stored column was, so that the row it names compares equal.
pub(crate) fn to_micros(t: NaiveDateTime) -> NaiveDateTime {
    let micros = t.and_utc().timestamp_subsec_micros();
    t.with_nanosecond(micros * 1_000).unwrap_or(t)
}
