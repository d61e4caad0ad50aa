//! Organisation: units in an effective-dated tree, roles scoped to a unit and its subtree.

mod role;
mod unit;

pub use role::{Actor, Grant, Role};
pub use unit::{Unit, UnitKind};
