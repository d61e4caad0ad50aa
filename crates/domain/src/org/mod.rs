//! Organisation: units in an effective-dated tree, roles scoped to a unit and its subtree.

mod role;
mod succession;
mod texts;
mod unit;

pub use role::{Actor, Grant, Role};
pub use succession::{UnitClosed, open_for_intake, predecessors};
pub use texts::UnitTexts;
pub use unit::{Unit, UnitKind};
