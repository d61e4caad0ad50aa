//! Statistics benchmarks: `cargo bench -p motcua-domain --bench stats`.
//! The tally of the periodic report over 1 million synthetic records (target ≥ 50 million
//! records/s on one core), and the Decision 766 index over the same records.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, NaiveDate};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use motcua_domain::stats::{
    CatalogueFacts, Index766, IndexWeights, Period, Rating, Record, Report,
};

fn main() {
    divan::main();
}

const RECORDS: usize = 1_000_000;

/// A deterministic xorshift generator: no dependency, same records on every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// 1 million dossiers received over 2025–2026 in 200 units and 60 fields, in reception order:
/// most ended early, some late, some open, a few paused.
fn records() -> Vec<Record> {
    let base = NaiveDate::from_ymd_opt(2025, 1, 1)
        .unwrap()
        .and_hms_opt(7, 30, 0)
        .unwrap();
    let span = 2 * 365 * 24 * 60;
    let mut g = Xorshift(0x9E37_79B9_7F4A_7C15);
    (0..RECORDS)
        .map(|i| {
            let received = base + Duration::minutes((i as i64) * span / RECORDS as i64);
            let due = received + Duration::minutes(g.below(15 * 24 * 60) as i64 + 60);
            let roll = g.below(100);
            let ended = match roll {
                0..80 => Some(due - Duration::minutes(g.below(3 * 24 * 60) as i64)),
                80..90 => Some(due + Duration::minutes(g.below(5 * 24 * 60) as i64)),
                _ => None,
            };
            Record {
                unit: g.below(200) as u32,
                field: g.below(60) as u32,
                online: !roll.is_multiple_of(3),
                received,
                due: (roll != 95).then_some(due),
                ended,
                fee_bearing: roll.is_multiple_of(4),
                paid_online: roll.is_multiple_of(8),
                paid_online_vnd: if roll.is_multiple_of(8) { 25_000 } else { 0 },
                digitised: !roll.is_multiple_of(5),
                e_result: roll.is_multiple_of(2),
                document_result: !roll.is_multiple_of(6),
                reused_data: roll.is_multiple_of(7),
                supplements_after_reception: roll.is_multiple_of(11) as u8 + (roll == 22) as u8,
                apology: roll == 85,
                late_apology: roll == 86,
                rating: roll.is_multiple_of(9).then_some(Rating::HaiLong),
                complaint: roll == 87,
            }
        })
        .collect()
}

/// The periodic report of year 2026 (15/12/2025 – 14/12/2026): totals, units and fields.
#[divan::bench]
fn report_tally(bencher: Bencher) {
    let records = records();
    let period = Period::year(2026).unwrap();
    bencher
        .counter(ItemsCount::new(RECORDS))
        .bench_local(|| Report::compute(black_box(period), black_box(&records)));
}

/// The same tally with records in random order (no help from the branch predictor).
#[divan::bench]
fn report_tally_shuffled(bencher: Bencher) {
    let mut records = records();
    let mut g = Xorshift(7);
    for i in (1..records.len()).rev() {
        records.swap(i, g.below(i as u64 + 1) as usize);
    }
    let period = Period::year(2026).unwrap();
    bencher
        .counter(ItemsCount::new(RECORDS))
        .bench_local(|| Report::compute(black_box(period), black_box(&records)));
}

/// The Decision 766 index of year 2026 over the same records.
#[divan::bench]
fn index_766(bencher: Bencher) {
    let records = records();
    let period = Period::calendar_year(2026).unwrap();
    let catalogue = CatalogueFacts::default();
    let weights = IndexWeights::portal();
    bencher.counter(ItemsCount::new(RECORDS)).bench_local(|| {
        Index766::compute(black_box(period), black_box(&records), &catalogue, &weights)
    });
}
