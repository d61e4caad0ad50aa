#![allow(clippy::unwrap_used, clippy::expect_used)]
//! HTTP tests through the real router (`oneshot`), each on a fresh SQLite and a fresh PostgreSQL
//! database: the [`both`] macro turns `async fn name(backend)` into `name::sqlite` and
//! `name::postgres`.

mod support;

mod accounts;
mod admin_users;
mod basics;
mod catalogue;
mod contract;
mod dashboard;
mod dossiers;
mod health;
mod inputs;
mod lifecycle;
mod limits;
mod logs;
mod lookup;
mod online;
mod org;
mod rejections;
mod reports;
mod reports_pdf;
mod scope;
mod sessions;
mod throttle;
mod tokens;
mod versions;
