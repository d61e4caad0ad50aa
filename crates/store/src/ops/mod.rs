//! Statements run on one connection, written once for both backends.
//!
//! The SQL text is common (see [`crate::sql`]) and so is the code that binds and decodes; only
//! the connection type differs. [`sql_ops!`] expands this code for one connection type: each
//! adapter instantiates it in its own `ops` module and decides around it where transactions
//! begin and end (the SQLite writer's savepoints, PostgreSQL's pooled transactions).

mod dossiers;
mod reference;

pub(crate) use dossiers::dossier_ops;
pub(crate) use reference::reference_ops;

/// Expands every shared statement for the connection type `$conn` of the database `$db`, in
/// the submodules `reference` and `dossiers`, re-exported.
macro_rules! sql_ops {
    ($conn:ty, $db:ty) => {
        mod reference {
            $crate::ops::reference_ops!($conn);
        }
        mod dossiers {
            $crate::ops::dossier_ops!($conn, $db);
        }
        pub(crate) use self::dossiers::*;
        pub(crate) use self::reference::*;
    };
}

pub(crate) use sql_ops;
