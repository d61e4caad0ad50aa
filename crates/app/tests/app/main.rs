//! Integration tests of the use-case layer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod calendar;
mod calendar_jobs;
mod feedback;
mod history;
mod lateness;
mod matrix;
mod org;
mod reports;
mod scope;
mod synthetic;
