//! Integration tests of the use-case layer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calendar;
mod calendar_jobs;
mod demo_codes;
mod feedback;
mod growth;
mod history;
mod history_chain;
mod lateness;
mod matrix;
mod org;
mod passwords;
mod reports;
mod scope;
mod synthetic;
mod versions;
