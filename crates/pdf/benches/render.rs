//! Time to lay out and write each PDF export, on the fixtures of the tests.
//!
//! `cargo bench -p motcua-pdf --bench render`
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/pdf/fixtures.rs"]
mod fixtures;

use fixtures::{PROVINCE, index766, register, tthc};

fn main() {
    divan::main();
}

/// Biểu II.06a: three units, two fields, one landscape page.
#[divan::bench]
fn tthc_pdf(b: divan::Bencher) {
    let r = tthc(PROVINCE);
    b.bench(|| motcua_pdf::tthc_pdf(&r).unwrap());
}

/// The Decision 766 index: six groups, one portrait page.
#[divan::bench]
fn index766_pdf(b: divan::Bencher) {
    let r = index766(PROVINCE);
    b.bench(|| motcua_pdf::index766_pdf(&r).unwrap());
}

/// The register with `n` dossiers.
#[divan::bench(args = [60, 1000])]
fn register_pdf(b: divan::Bencher, n: usize) {
    let r = register(PROVINCE, n);
    b.bench(|| motcua_pdf::register_pdf(&r).unwrap());
}
