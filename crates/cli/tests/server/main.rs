//! The binary as operators run it: installation, concurrency across processes, crashes, backup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod audit;
mod backup;
mod browser;
mod browser_admin;
mod calendar_jobs;
mod concurrency;
mod durability;
mod feedback;
mod history;
#[cfg(target_os = "linux")]
mod memory;
mod report;
mod report_pdf;
mod setup;
mod support;
