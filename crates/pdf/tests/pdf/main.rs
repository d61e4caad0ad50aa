//! The PDF exports laid out and read back: complete text, no missing glyph, page counts, and user
//! text printed verbatim.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod index766;
mod register;
mod support;
mod tthc;
