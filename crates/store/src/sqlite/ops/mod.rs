//! The statements of the SQLite adapter, synchronous, each on one connection: the writer's
//! inside its batch transaction ([`super::writer`]), the others on a read-only connection.

mod dossiers;
mod reference;
pub(crate) mod stats;

pub(crate) use dossiers::*;
pub(crate) use reference::*;
