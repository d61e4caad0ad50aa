#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The exports on a small hand-made report whose every figure is known, and the XLSX files read
//! back cell by cell.

mod figures;
mod index;
mod register;
mod snapshots;
mod support;
mod tthc;
mod xlsx;
