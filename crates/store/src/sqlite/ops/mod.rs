//! The statements of the SQLite adapter, synchronous, each on one connection: the writer's
//! inside its batch transaction ([`super::writer`]), the others on a read-only connection.

mod accounts;
mod bulk;
pub(crate) mod chain;
mod dossiers;
mod feedback;
mod jobs;
mod reference;
pub(crate) mod stats;

pub(crate) use accounts::*;
pub(crate) use bulk::import_stream;
pub(crate) use dossiers::*;
pub(crate) use feedback::*;
pub(crate) use jobs::*;
pub(crate) use reference::*;
