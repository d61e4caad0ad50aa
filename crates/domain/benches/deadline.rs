//! Deadline and lunar benchmarks: `cargo bench -p motcua-domain --bench deadline`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use divan::{Bencher, black_box};
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use motcua_domain::lunar::LunarDate;

fn main() {
    divan::main();
}

/// 4 096 reception instants spread over 2024–2026 at odd minutes.
fn receptions() -> Vec<NaiveDateTime> {
    let base = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    (0..4096i64)
        .map(|i| base + Duration::minutes(i * 383))
        .collect()
}

/// One `working_days` due computation per iteration, amounts 1–30 days.
#[divan::bench]
fn working_days_due(bencher: Bencher) {
    let calendar = WorkCalendar::ccvc();
    let hours = OfficeHours::default();
    let engine = DeadlineEngine::new(&calendar, &hours);
    let times = receptions();
    let mut i = 0usize;
    bencher.bench_local(|| {
        i = i.wrapping_add(1);
        let t = times[i % times.len()];
        let amount = (i % 30) as u32 + 1;
        black_box(engine.due(black_box(t), TimeLimit::WorkingDays { amount }))
    });
}

/// A full deadline with its explanation (allocates the skipped-day list).
#[divan::bench]
fn working_days_with_explanation(bencher: Bencher) {
    let calendar = WorkCalendar::ccvc();
    let hours = OfficeHours::default();
    let engine = DeadlineEngine::new(&calendar, &hours);
    let times = receptions();
    let mut i = 0usize;
    bencher.bench_local(|| {
        i = i.wrapping_add(1);
        let t = times[i % times.len()];
        let d = engine.deadline(
            t,
            TimeLimit::WorkingDays {
                amount: (i % 30) as u32 + 1,
            },
            &[],
        );
        black_box(d.map(|d| engine.explain(&d)))
    });
}

/// One solar → lunar conversion.
#[divan::bench]
fn lunar_from_solar(bencher: Bencher) {
    let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let mut i = 0i64;
    bencher.bench_local(|| {
        i = (i + 7919) % 73_000;
        black_box(LunarDate::from_solar(black_box(base + Duration::days(i))))
    });
}

/// One lunar → solar conversion.
#[divan::bench]
fn lunar_to_solar(bencher: Bencher) {
    let mut i = 0i32;
    bencher.bench_local(|| {
        i = (i + 1) % 200;
        let date = LunarDate {
            year: 1901 + i,
            month: (i % 12) as u8 + 1,
            day: (i % 28) as u8 + 1,
            leap: false,
        };
        black_box(black_box(date).to_solar())
    });
}

/// Building the `ccvc` calendar (data file + generated years 1900–2100).
#[divan::bench]
fn build_ccvc_calendar() -> WorkCalendar {
    WorkCalendar::ccvc()
}
