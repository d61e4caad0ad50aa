//! Test support shared by the web, app and cli tests: a fresh database on either backend, a
//! clock that stands still, and a small organisation with a catalogue and one user per role.
//!
//! PostgreSQL tests never skip: if the server is unreachable, [`TestDb::new`] panics with a
//! message saying how to start it. Point `MOTCUA_TEST_PG_URL` at another server if needed.

mod db;
mod fixture;
mod requests;

pub use db::{Backend, TestDb};
pub use fixture::{
    BUILDING, CERTIFY, DEPARTMENT, Fixture, MARRIAGE, PROVINCE, UNITS, WARD1, WARD2, fixture,
    password, start, username,
};
pub use requests::{desk_request, online_submission};
