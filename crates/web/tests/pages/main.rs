//! The HTML pages through the real router, on a fresh SQLite fixture each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calendar;
mod citizen;
mod control_sheet;
mod dashboard;
mod dossier;
mod intake;
mod org;
mod reports;
mod signin;
mod site;
mod staff;
mod users;
