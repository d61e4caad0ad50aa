//! The Decision 766 index, computed by hand for nine dossiers of November 2026.

use super::rec;
use crate::support::{at, date};
use chrono::NaiveDateTime;
use motcua_domain::stats::{
    CatalogueFacts, Fraction, Group, Index766, IndexWeights, IndicatorId, Period, Rating, Record,
    format, losers, score,
};

fn nov() -> Period {
    Period::calendar_month(2026, 11).unwrap()
}

/// Received 02/11 09:00, due 05/11 09:00, ended as given.
fn ended(end: NaiveDateTime) -> Record {
    rec(
        at(2026, 11, 2, 9, 0),
        Some(at(2026, 11, 5, 9, 0)),
        Some(end),
    )
}

fn early() -> Record {
    ended(at(2026, 11, 4, 10, 0))
}

fn records() -> Vec<Record> {
    vec![
        // 0: online, early, digitised, e-result, fee paid online, satisfied.
        Record {
            online: true,
            digitised: true,
            e_result: true,
            fee_bearing: true,
            paid_online: true,
            rating: Some(Rating::HaiLong),
            ..early()
        },
        // 1: online, on time, digitised, fee paid at the desk, reused data.
        Record {
            online: true,
            digitised: true,
            fee_bearing: true,
            reused_data: true,
            ..ended(at(2026, 11, 5, 8, 0))
        },
        // 2: direct, late, digitised, a complaint.
        Record {
            digitised: true,
            complaint: true,
            ..ended(at(2026, 11, 6, 9, 0))
        },
        // 3: direct, early but two supplement requests (late for 766), rated not satisfied.
        Record {
            supplements_after_reception: 2,
            rating: Some(Rating::KhongHaiLong),
            ..early()
        },
        // 4: online, open and not yet due at the end, digitised.
        Record {
            online: true,
            digitised: true,
            ..rec(at(2026, 11, 27, 9, 0), Some(at(2026, 12, 2, 9, 0)), None)
        },
        // 5: carried over from October, open and overdue.
        rec(at(2026, 10, 20, 9, 0), Some(at(2026, 10, 25, 9, 0)), None),
        // 6: direct, early, e-result, reused data.
        Record {
            e_result: true,
            reused_data: true,
            ..early()
        },
        // 7: online, early, digitised, e-result, fee paid online.
        Record {
            online: true,
            digitised: true,
            e_result: true,
            fee_bearing: true,
            paid_online: true,
            ..early()
        },
        // 8: online, early, digitised.
        Record {
            online: true,
            digitised: true,
            ..early()
        },
        // 9: received after the period: not counted.
        Record {
            online: true,
            ..rec(at(2026, 12, 1, 9, 0), None, None)
        },
    ]
}

fn catalogue() -> CatalogueFacts {
    CatalogueFacts {
        procedures_total: 40,
        procedures_online: 30,
        procedures_online_used: 15,
        procedures_fee_bearing: 10,
        procedures_fee_online: 9,
        procedures_complete: 36,
        published_on_time: Some(Fraction {
            numerator: 5,
            denominator: 5,
        }),
        ..CatalogueFacts::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn hand_computed_indicators() {
    let index = Index766::compute(nov(), &records(), &catalogue(), &IndexWeights::equal());
    let get = |id| *index.indicator(id).unwrap();
    // (id, numerator, denominator, points by hand)
    let expected = [
        (IndicatorId::PublishedOnTime, 5, 5, 4.5),
        (IndicatorId::CompleteComponents, 36, 40, 4.5 * 0.9),
        (IndicatorId::OnTime, 6, 9, 20.0 * 6.0 / 9.0),
        (IndicatorId::ProceduresOnline, 30, 40, 4.0 * 0.75 / 0.8),
        (IndicatorId::OnlineServicesUsed, 15, 30, 2.0),
        (IndicatorId::OnlineShare, 5, 8, 4.0),
        (IndicatorId::FeeProceduresOnline, 9, 10, 5.0),
        (IndicatorId::PaidOnline, 2, 3, 5.0 * 2.0 / 3.0),
        (IndicatorId::EResult, 3, 7, 22.0 / 3.0 * (3.0 / 7.0) / 0.8),
        (IndicatorId::Digitised, 6, 8, 22.0 / 3.0 * 0.75 / 0.8),
        (IndicatorId::ReusedData, 2, 8, 22.0 / 3.0 * 0.25 / 0.8),
        // 100% − (3 late + 2 dissatisfied) / 9.
        (IndicatorId::Satisfaction, 4, 9, 9.0 * (4.0 / 9.0) / 0.9),
    ];
    for (id, numerator, denominator, points) in expected {
        let i = get(id);
        assert!(i.counted(), "{id:?}");
        assert_eq!(
            (i.numerator, i.denominator),
            (numerator, denominator),
            "{id:?}"
        );
        assert!(close(i.points, points), "{id:?}: {} ≠ {points}", i.points);
    }
    for id in [
        IndicatorId::PublicisedOnTime,
        IndicatorId::SyncedToPortal,
        IndicatorId::FeedbackOnTime,
    ] {
        let i = get(id);
        assert!(!i.computable && !i.counted() && i.points == 0.0, "{id:?}");
        assert_eq!(i.rate_vi(), "Chưa có dữ liệu");
    }
    assert_eq!(get(IndicatorId::OnTime).rate_vi(), "66,67%");
    assert_eq!(get(IndicatorId::Satisfaction).threshold, 0.9);
    assert!(index.estimate);
}

#[test]
fn hand_computed_groups_and_total() {
    let index = Index766::compute(nov(), &records(), &catalogue(), &IndexWeights::equal());
    let third = 22.0 / 3.0;
    let groups = [
        (Group::CongKhaiMinhBach, 4.5 + 4.05, 9.0),
        (Group::TienDoGiaiQuyet, 20.0 * 6.0 / 9.0, 20.0),
        (Group::DichVuCongTrucTuyen, 3.75 + 2.0 + 4.0, 12.0),
        (Group::ThanhToanTrucTuyen, 5.0 + 10.0 / 3.0, 10.0),
        (Group::MucDoHaiLong, 40.0 / 9.0, 9.0),
        (
            Group::SoHoaHoSo,
            third * (3.0 / 7.0 / 0.8 + 0.75 / 0.8 + 0.25 / 0.8),
            22.0,
        ),
    ];
    let mut total = 0.0;
    for (group, points, counted_max) in groups {
        let g = index.group(group).unwrap();
        assert!(
            close(g.points, points),
            "{group:?}: {} ≠ {points}",
            g.points
        );
        assert!(close(g.counted_max, counted_max), "{group:?}");
        assert_eq!(g.max_points, group.max_points());
        total += points;
    }
    assert!(close(index.points, total));
    assert!(close(index.points, 57.506_349_206_349_2));
    assert!(close(index.counted_max, 82.0));
    assert_eq!(format::points(index.points), "57,51");
    assert_eq!(format::points(index.normalised()), "70,13");
}

#[test]
fn every_lost_point_drills_down_to_its_dossiers() {
    let (p, rs) = (nov(), records());
    assert_eq!(losers(&p, &rs, IndicatorId::OnTime), [2, 3, 5]);
    assert_eq!(losers(&p, &rs, IndicatorId::Satisfaction), [2, 3, 5]);
    assert_eq!(losers(&p, &rs, IndicatorId::OnlineShare), [2, 3, 6]);
    assert_eq!(losers(&p, &rs, IndicatorId::PaidOnline), [1]);
    assert_eq!(losers(&p, &rs, IndicatorId::EResult), [1, 2, 3, 8]);
    assert_eq!(losers(&p, &rs, IndicatorId::Digitised), [3, 6]);
    assert_eq!(losers(&p, &rs, IndicatorId::ReusedData), [0, 2, 3, 4, 7, 8]);
    assert!(losers(&p, &rs, IndicatorId::ProceduresOnline).is_empty());
}

#[test]
fn empty_denominators_are_not_applicable_and_leave_the_maximum() {
    let p = Period::range(date(2026, 1, 1), date(2026, 1, 31)).unwrap();
    let index = Index766::compute(p, &[], &CatalogueFacts::default(), &IndexWeights::equal());
    for i in &index.indicators {
        assert!(
            !i.counted() && i.points == 0.0 && i.rate == 0.0,
            "{:?}",
            i.id
        );
    }
    let on_time = index.indicator(IndicatorId::OnTime).unwrap();
    assert!(on_time.computable && !on_time.applicable);
    assert_eq!(on_time.rate_vi(), "Không phát sinh");
    assert_eq!(
        (index.points, index.counted_max, index.normalised()),
        (0.0, 0.0, 0.0)
    );
    // Positive zeros: the JSON of a group with nothing counted shows `0.0`, never `-0.0`.
    assert!(index.counted_max.is_sign_positive() && index.points.is_sign_positive());
    for g in &index.groups {
        assert!(
            g.counted_max.is_sign_positive() && g.points.is_sign_positive(),
            "{:?}",
            g.group
        );
    }
}

#[test]
fn weights_split_group_points_and_add_up_to_100() {
    let equal = IndexWeights::equal();
    let total: f64 = IndicatorId::ALL
        .iter()
        .map(|&id| equal.max_points(id))
        .sum();
    assert!(close(total, 100.0));
    assert!(close(equal.max_points(IndicatorId::PublishedOnTime), 4.5));
    let skewed = equal.with(IndicatorId::Digitised, 2.0);
    assert!(close(skewed.max_points(IndicatorId::Digitised), 11.0));
    assert!(close(skewed.max_points(IndicatorId::EResult), 5.5));
    let dropped = equal.with(IndicatorId::ReusedData, -1.0);
    assert!(close(dropped.max_points(IndicatorId::ReusedData), 0.0));
    assert!(close(dropped.max_points(IndicatorId::Digitised), 11.0));
    assert!(close(score(0.4, 0.5, 12.0), 9.6) && close(score(0.7, 0.5, 12.0), 12.0));
    let official = IndexWeights {
        official: true,
        ..equal
    };
    let index = Index766::compute(nov(), &records(), &catalogue(), &official);
    assert!(!index.estimate);
}
