//! Properties of the periodic report and the 766 index over random dossier histories.

use crate::support::{at, date};
use chrono::{Duration, NaiveDateTime};
use motcua_domain::classify::TimeClass;
use motcua_domain::classify::{classify_ended, classify_open};
use motcua_domain::stats::{
    CatalogueFacts, Columns, Figures, Index766, IndexWeights, IndicatorId, Period, Rating, Record,
    Report, Source, Summary, losers,
};
use proptest::prelude::*;

/// A local instant from 01/10/2025 over 200 days, often exactly at midnight.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..200, prop_oneof![Just(0i64), 0i64..24 * 60])
        .prop_map(|(d, m)| at(2025, 10, 1, 0, 0) + Duration::days(d) + Duration::minutes(m))
}

/// A delay of up to 40 days, often whole days.
fn delay() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0i64..40).prop_map(Duration::days),
        (0i64..40 * 24 * 60).prop_map(Duration::minutes),
    ]
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        Just(None),
        proptest::sample::select(Rating::ALL.to_vec()).prop_map(Some)
    ]
}

prop_compose! {
    /// A received dossier: due and end after reception, either possibly absent.
    fn record()(
        unit in 0u32..5,
        field in 0u32..7,
        received in instant(),
        due in proptest::option::weighted(0.8, delay()),
        ended in proptest::option::weighted(0.7, delay()),
        flags in proptest::collection::vec(any::<bool>(), 10),
        supplements in 0u8..4,
        rating in rating(),
    ) -> Record {
        Record {
            unit,
            field,
            online: flags[0],
            received,
            due: due.map(|d| received + d),
            ended: ended.map(|e| received + e),
            fee_bearing: flags[1],
            paid_online: flags[1] && flags[2],
            paid_online_vnd: if flags[1] && flags[2] { 15_000 } else { 0 },
            digitised: flags[3],
            e_result: flags[4],
            document_result: flags[9],
            reused_data: flags[5],
            supplements_after_reception: supplements,
            apology: flags[6],
            late_apology: !flags[6] && flags[9],
            rating,
            complaint: flags[7] && flags[8],
        }
    }
}

fn records() -> impl Strategy<Value = Vec<Record>> {
    proptest::collection::vec(record(), 0..300)
}

/// A period inside the generated history: a VPCP or calendar month, or a range.
fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (0u32..6).prop_map(|i| Period::month(2025 + i32::from(i >= 2), (i + 10) % 12 + 1)),
        (0u32..6).prop_map(|i| Period::calendar_month(2025 + i32::from(i >= 3), (i + 9) % 12 + 1)),
        (0i64..180, 0i64..60).prop_map(|(s, n)| {
            let from = date(2025, 10, 1) + Duration::days(s);
            Period::range(from, from + Duration::days(n))
        }),
    ]
    .prop_map(|p| p.unwrap())
}

/// docs/rules.md §8 read directly, one column at a time, without the production placement.
fn reference(p: &Period, records: &[Record]) -> Columns {
    let (start, end) = (p.start(), p.end());
    let mut c = Columns::default();
    for r in records {
        let received_in = p.contains(r.received.date());
        let carried = r.received < start && r.ended.is_none_or(|e| e >= start);
        if received_in && r.online {
            c.received_online += 1;
        } else if received_in {
            c.received_direct += 1;
        } else if carried {
            c.carried_over += 1;
        } else {
            continue;
        }
        let ended = r.ended.filter(|e| *e < end);
        let class = match (ended, r.due) {
            // More than one supplement request after reception: late (docs/rules.md §6.7).
            (Some(_), _) if r.supplements_after_reception > 1 => TimeClass::Late,
            (None, _) if r.supplements_after_reception > 1 => TimeClass::Overdue,
            (Some(e), Some(d)) => classify_ended(e, d),
            (Some(_), None) => TimeClass::OnTime,
            (None, Some(d)) => classify_open(d, end),
            (None, None) => TimeClass::NotDue,
        };
        *match class {
            TimeClass::Early => &mut c.early,
            TimeClass::OnTime => &mut c.on_time,
            TimeClass::Late => &mut c.late,
            TimeClass::NotDue => &mut c.not_due,
            TimeClass::Overdue => &mut c.overdue,
        } += 1;
    }
    c
}

fn sum(rows: &[(u32, Columns)]) -> Columns {
    let mut total = Columns::default();
    for (_, c) in rows {
        total.add(c);
    }
    total
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_report_over_parts_merged_equals_the_report_over_all(
        rs in records(), p in period(), cut in 0usize..300,
    ) {
        let whole = Report::compute(p, &rs);
        let (a, b) = rs.split_at(cut.min(rs.len()));
        prop_assert_eq!(&Report::compute_parts(p, &[a, b]), &whole);
        let merged = Report::compute(p, a).merge(Report::compute(p, b));
        prop_assert_eq!(&merged, &whole);
        // Renumbering units 0..5 onto two groups adds their rows together.
        let grouped = whole.clone().renumber(|u| Some(u % 2), Some);
        let mut even = motcua_domain::stats::Columns::default();
        for (u, c) in &whole.units {
            if u % 2 == 0 {
                even.add(c);
            }
        }
        prop_assert_eq!(grouped.unit(0), even);
        prop_assert_eq!(&grouped.fields, &whole.fields);
    }

    #[test]
    fn a_summary_over_parts_merged_equals_the_report_and_figures_over_all(
        rs in records(), p in period(), cut in 0usize..300,
    ) {
        let (a, b) = rs.split_at(cut.min(rs.len()));
        let merged = Summary::compute_parts(p, &[a]).merge(Summary::compute_parts(p, &[b]));
        prop_assert_eq!(&merged.report, &Report::compute(p, &rs));
        prop_assert_eq!(merged.figures, Figures::compute(&p, &rs));
        prop_assert_eq!(Summary::compute_parts(p, &[a, b]), merged);
    }

    #[test]
    fn received_equals_resolved_plus_pending(rs in records(), p in period()) {
        let report = Report::compute(p, &rs);
        let rows = report.units.iter().chain(&report.fields).map(|(_, c)| c);
        for c in rows.chain([&report.total]) {
            prop_assert_eq!(c.received_total(), c.resolved_total() + c.pending_total());
        }
    }

    #[test]
    fn carried_over_equals_pending_of_the_adjacent_period_before(rs in records(), p in period()) {
        let before = p.previous().unwrap();
        prop_assert!(before.is_followed_by(&p));
        let (now, then) = (Report::compute(p, &rs), Report::compute(before, &rs));
        prop_assert_eq!(now.total.carried_over, then.total.pending_total());
        for u in 0..5 {
            prop_assert_eq!(now.unit(u).carried_over, then.unit(u).pending_total());
        }
        for f in 0..7 {
            prop_assert_eq!(now.field(f).carried_over, then.field(f).pending_total());
        }
    }

    #[test]
    fn totals_equal_the_sum_of_units_and_of_fields(rs in records(), p in period()) {
        let report = Report::compute(p, &rs);
        prop_assert_eq!(sum(&report.units), report.total);
        prop_assert_eq!(sum(&report.fields), report.total);
        prop_assert!(report.units.iter().all(|(_, c)| !c.is_empty()));
    }

    #[test]
    fn the_report_agrees_with_a_direct_reading_of_the_rules(rs in records(), p in period()) {
        prop_assert_eq!(Report::compute(p, &rs).total, reference(&p, &rs));
    }

    #[test]
    fn index_rates_and_points_stay_in_bounds(rs in records(), p in period()) {
        let index = Index766::compute(p, &rs, &CatalogueFacts::default(), &IndexWeights::portal());
        let columns = Report::compute(p, &rs).total;
        for i in index.indicators.iter().filter(|i| i.id != IndicatorId::AverageTime) {
            prop_assert!(i.numerator <= i.denominator);
            prop_assert!((0.0..=1.0).contains(&i.rate));
            prop_assert!(i.points >= 0.0 && i.points <= i.max_points + 1e-9);
            if i.id.source() == Source::Records && i.computable {
                let lost = losers(&p, &rs, i.id);
                let missing = i.denominator - i.numerator;
                if i.id == IndicatorId::Satisfaction {
                    prop_assert!(lost.len() as u64 <= missing);
                    prop_assert!(lost.len() as u64 * 2 >= missing);
                } else {
                    prop_assert_eq!(lost.len() as u64, missing);
                }
            }
        }
        let on_time = index.indicator(IndicatorId::OnTime).unwrap();
        prop_assert_eq!(on_time.denominator, columns.received_total());
        // The periodic report and indicator 2.1 agree on which dossiers were late.
        prop_assert_eq!(on_time.denominator - on_time.numerator, columns.late + columns.overdue);
        let online = index.indicator(IndicatorId::OnlineShare).unwrap();
        // Online with an electronic result where the procedure issues a document.
        prop_assert!(online.numerator <= columns.received_online);
        prop_assert_eq!(online.denominator, columns.received_online + columns.received_direct);
        prop_assert!(index.points <= index.counted_max + 1e-9);
        prop_assert!(index.counted_max <= 100.0 + 1e-9);
    }

    #[test]
    fn vpcp_windows_tile_the_year(y in 1990i32..2100, m in 1u32..=12) {
        let month = Period::month(y, m).unwrap();
        prop_assert!(month.previous().unwrap().is_followed_by(&month));
        let year = Period::year(y).unwrap();
        prop_assert_eq!(year.from(), Period::month(y, 1).unwrap().from());
        prop_assert_eq!(year.to(), Period::month(y, 12).unwrap().to());
        let q = (m - 1) / 3 + 1;
        let quarter = Period::quarter(y, q).unwrap();
        prop_assert!(quarter.contains(month.from()) && quarter.contains(month.to()));
        prop_assert!(Period::calendar_quarter(y, q).unwrap().contains(date(y, m, 28)));
        let calendar = Period::calendar_month(y, m).unwrap();
        prop_assert!(calendar.previous().unwrap().is_followed_by(&calendar));
    }
}
