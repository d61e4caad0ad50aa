#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Contract tests of the storage port. Every body is written once and runs on SQLite (a fresh
//! file) and on PostgreSQL (a fresh database; the tests fail when PostgreSQL is unreachable).

mod support;

mod accounts;
mod backup_file;
mod calendar;
mod calendar_jobs;
mod catalogue;
mod chain;
mod codes_at_reception;
mod concurrency;
mod dossiers;
mod feedback;
mod import;
mod listing;
mod specific;
mod stats;
