//! One module per group of use cases.

pub mod audit;
pub mod auth;
pub mod calendar;
pub mod calendar_jobs;
pub mod catalogue;
pub mod dashboard;
pub mod dossiers;
pub mod feedback;
pub mod history;
pub mod reports;
pub mod units;
pub mod users;
