#![allow(clippy::unwrap_used)]
//! The figures on hand-made periods whose every number is known, on the online payments of the
//! seed report of P. Phước Hòa, and against the report and the 766 index on random histories.

use super::Figures;
use crate::format::money;
use crate::stats::{
    CatalogueFacts, Fraction, Index766, IndexWeights, IndicatorId, Period, Rating, Record, Report,
};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn fraction(numerator: u64, denominator: u64) -> Fraction {
    Fraction {
        numerator,
        denominator,
    }
}

/// Received at `received`, due three days later, ended at `ended` (open when `None`).
fn dossier(received: NaiveDateTime, ended: Option<NaiveDateTime>) -> Record {
    Record {
        due: Some(received + Duration::days(3)),
        ended,
        ..Record::received_at(0, 0, received)
    }
}

/// Paid online, `vnd` đồng.
fn paid(vnd: u64, r: Record) -> Record {
    Record {
        fee_bearing: true,
        paid_online: true,
        paid_online_vnd: vnd,
        ..r
    }
}

/// Tháng 11/2026: 15/10/2026 – 14/11/2026.
fn november() -> (Period, Vec<Record>) {
    let records = vec![
        // Online, digitised, reusing data, paid 8.000 đồng online; ended early with an
        // electronic result; rất hài lòng.
        paid(
            8_000,
            Record {
                online: true,
                digitised: true,
                reused_data: true,
                e_result: true,
                rating: Some(Rating::RatHaiLong),
                ..dossier(at(2026, 10, 20, 9), Some(at(2026, 10, 22, 9)))
            },
        ),
        // At the desk, digitised, fee paid at the desk; ended late with an apology; không hài
        // lòng.
        Record {
            digitised: true,
            fee_bearing: true,
            apology: true,
            rating: Some(Rating::KhongHaiLong),
            ..dossier(at(2026, 10, 21, 9), Some(at(2026, 10, 30, 9)))
        },
        // Online, paid 15.000 đồng online, open and overdue at the end, no apology.
        paid(
            15_000,
            Record {
                online: true,
                ..dossier(at(2026, 11, 1, 9), None)
            },
        ),
        // Carried over, paid online: only its end (on time, electronic result, hài lòng) counts.
        paid(
            50_000,
            Record {
                e_result: true,
                rating: Some(Rating::HaiLong),
                ..dossier(at(2026, 10, 12, 9), Some(at(2026, 10, 15, 8)))
            },
        ),
        // At the desk, no fee, open and not yet due.
        dossier(at(2026, 11, 13, 9), None),
        // Received after the period, and ended before it: not counted.
        paid(9_000, dossier(at(2026, 11, 20, 9), None)),
        paid(
            9_000,
            Record {
                rating: Some(Rating::RatHaiLong),
                ..dossier(at(2026, 9, 1, 9), Some(at(2026, 9, 2, 9)))
            },
        ),
    ];
    (Period::month(2026, 11).unwrap(), records)
}

#[test]
fn each_figure_follows_its_definition_on_a_known_month() {
    let (period, records) = november();
    let f = Figures::compute(&period, &records);
    assert_eq!(f.received(), 4);
    assert_eq!(f.online, fraction(2, 4));
    assert_eq!(f.online.rate_vi(), "50,00%");
    assert_eq!(f.paid_online, fraction(2, 3));
    assert_eq!(f.paid_online.rate_vi(), "66,67%");
    assert_eq!(f.paid_online_vnd, 23_000);
    assert_eq!(f.digitised, fraction(2, 4));
    assert_eq!(f.reused_data, fraction(1, 4));
    assert_eq!(
        f.e_result,
        fraction(2, 3),
        "over the three ended in the period"
    );
    assert_eq!(f.ratings, [1, 1, 0, 1]);
    assert_eq!(f.rating_count(Rating::KhongHaiLong), 1);
    assert_eq!(f.rated(), 3);
    assert_eq!(f.satisfied, fraction(2, 3));
    assert_eq!(f.apologies, fraction(1, 2), "one late, one overdue");
    assert_eq!(f.apologies.rate_vi(), "50,00%");
    assert_eq!(f.feedback_on_time, None, "no feedback data: not available");
}

#[test]
fn an_empty_period_has_no_rates() {
    let (_, records) = november();
    // Before every reception.
    let period = Period::month(2026, 6).unwrap();
    let f = Figures::compute(&period, &records);
    assert_eq!(f, Figures::default());
    assert_eq!(f.online.rate(), None);
    assert_eq!(f.apologies.rate_vi(), "Không phát sinh");
}

/// Online fees, in đồng, of the 1.585 dossiers of P. Phước Hòa paid online: residence
/// registrations at the online rate, civil-status certificates at half rate online, certified
/// copies by the page, signatures, extracts by the copy, and 35 property contracts at 0,1% of
/// their value; 27.367.024 đồng in all.
fn phuoc_hoa_online_fees() -> Vec<u64> {
    let mut fees: Vec<u64> = Vec::new();
    fees.extend([7_000; 600]); // đăng ký tạm trú, trực tuyến
    fees.extend([10_000; 300]); // đăng ký thường trú, trực tuyến
    fees.extend([7_500; 200]); // xác nhận tình trạng hôn nhân, giảm 50%
    fees.extend((0..300).map(|i| [2_000, 4_000, 5_000, 6_000][i % 4])); // bản sao, 1–4 trang
    fees.extend([10_000; 100]); // chứng thực chữ ký
    fees.extend((0..50u64).map(|i| 8_000 * (1 + i % 2))); // trích lục, 1–2 bản
    fees.extend((0..34u64).map(|i| 300_000 + 9_000 * i)); // hợp đồng: 0,1% of 300–597 triệu
    fees.push(543_024); // hợp đồng: 0,1% of 543.024.000 đồng
    fees
}

#[test]
fn phuoc_hoa_online_payments_are_1585_of_1911_for_27367024_dong() {
    // 15/12/2023 – 01/11/2024: 1.585 paid online, 326 paid at the desk, 113 without fee.
    let period = Period::range(at(2023, 12, 15, 0).date(), at(2024, 11, 1, 0).date()).unwrap();
    let day = |i: usize| at(2023, 12, 15, 8) + Duration::days((i % 320) as i64);
    let fees = phuoc_hoa_online_fees();
    assert_eq!(fees.len(), 1585);
    let mut records: Vec<Record> = fees
        .iter()
        .enumerate()
        .map(|(i, &fee)| paid(fee, dossier(day(i), Some(day(i) + Duration::days(1)))))
        .collect();
    records.extend((0..326).map(|i| Record {
        fee_bearing: true,
        ..dossier(day(i), Some(day(i) + Duration::days(1)))
    }));
    records.extend((0..113).map(|i| dossier(day(i), Some(day(i) + Duration::days(1)))));
    let f = Figures::compute(&period, &records);
    assert_eq!(f.received(), 2024);
    assert_eq!(f.paid_online, fraction(1585, 1911));
    assert_eq!(f.paid_online.rate_vi(), "82,94%");
    assert_eq!(money(f.paid_online_vnd as i64), "27.367.024 đồng");
}

prop_compose! {
    /// A received dossier from 01/10/2025 over 200 days: due and end after reception.
    fn record()(
        unit in 0u32..3,
        received in 0i64..200 * 24,
        due in proptest::option::weighted(0.8, 0i64..40 * 24),
        ended in proptest::option::weighted(0.7, 0i64..40 * 24),
        flags in proptest::collection::vec(any::<bool>(), 8),
        vnd in 0u64..1_000_000,
        rating in proptest::option::of(proptest::sample::select(Rating::ALL.to_vec())),
    ) -> Record {
        let received = at(2025, 10, 1, 0) + Duration::hours(received);
        let paid_online = flags[1] && flags[2];
        Record {
            online: flags[0],
            due: due.map(|h| received + Duration::hours(h)),
            ended: ended.map(|h| received + Duration::hours(h)),
            fee_bearing: flags[1],
            paid_online,
            paid_online_vnd: if paid_online { vnd } else { 0 },
            digitised: flags[3],
            e_result: flags[4],
            reused_data: flags[5],
            apology: flags[6],
            rating,
            ..Record::received_at(unit, 0, received)
        }
    }
}

fn period() -> impl Strategy<Value = Period> {
    (0i64..180, 0i64..60).prop_map(|(s, n)| {
        let from = at(2025, 10, 1, 0).date() + Duration::days(s);
        Period::range(from, from + Duration::days(n)).unwrap()
    })
}

fn indicator(index: &Index766, id: IndicatorId) -> Fraction {
    let i = index.indicator(id).unwrap();
    fraction(i.numerator, i.denominator)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn figures_agree_with_the_report_and_the_766_index(
        rs in proptest::collection::vec(record(), 0..200),
        p in period(),
    ) {
        let f = Figures::compute(&p, &rs);
        let c = Report::compute(p, &rs).total;
        prop_assert_eq!(f.received(), c.received_online + c.received_direct);
        prop_assert_eq!(f.online.numerator, c.received_online);
        prop_assert_eq!(f.e_result.denominator, c.resolved_total());
        prop_assert_eq!(f.apologies.denominator, c.late + c.overdue);
        // The report's figures count every procedure; the index asks procedures whose result is
        // a document for an electronic result (3.3, 4.1, 4.2): they agree without those.
        let without: Vec<Record> = rs.iter().map(|r| Record { document_result: false, ..*r }).collect();
        let index = Index766::compute(p, &without, &CatalogueFacts::default(), &IndexWeights::portal());
        let documents: Vec<Record> = rs.iter().map(|r| Record { document_result: true, ..*r }).collect();
        let with = Index766::compute(p, &documents, &CatalogueFacts::default(), &IndexWeights::portal());
        prop_assert_eq!(f.online, indicator(&index, IndicatorId::OnlineShare));
        prop_assert_eq!(f.paid_online, indicator(&index, IndicatorId::PaidOnline));
        prop_assert_eq!(f.digitised, indicator(&index, IndicatorId::Digitised));
        prop_assert_eq!(f.reused_data, indicator(&index, IndicatorId::ReusedData));
        prop_assert_eq!(f.e_result, indicator(&with, IndicatorId::EResult));
        prop_assert_eq!(f.ratings.iter().sum::<u64>(), f.rated());
        for x in [f.online, f.paid_online, f.digitised, f.e_result, f.reused_data, f.satisfied, f.apologies] {
            prop_assert!(x.numerator <= x.denominator);
        }
    }

    #[test]
    fn figures_of_two_halves_add_up(
        rs in proptest::collection::vec(record(), 0..200),
        p in period(),
        cut in 0usize..200,
    ) {
        let (a, b) = rs.split_at(cut.min(rs.len()));
        let (fa, fb, all) = (Figures::compute(&p, a), Figures::compute(&p, b), Figures::compute(&p, &rs));
        prop_assert_eq!(fa.paid_online_vnd + fb.paid_online_vnd, all.paid_online_vnd);
        prop_assert_eq!(fa.paid_online.numerator + fb.paid_online.numerator, all.paid_online.numerator);
        prop_assert_eq!(fa.apologies.denominator + fb.apologies.denominator, all.apologies.denominator);
        for level in Rating::ALL {
            prop_assert_eq!(fa.rating_count(level) + fb.rating_count(level), all.rating_count(level));
        }
    }
}
