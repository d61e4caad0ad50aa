//! Integration tests of the domain crate: deadline examples, holiday blocks, properties.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod catalogue_parts;
mod competence;
mod due_instants;
mod examples;
mod fuzz;
mod handovers;
mod history;
mod holidays;
mod input;
mod lifecycle;
mod offer;
mod pauses;
mod properties;
mod stats;
mod support;
