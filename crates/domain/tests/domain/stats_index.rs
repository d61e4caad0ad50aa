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
    let index = Index766::compute(nov(), &records(), &catalogue(), &IndexWeights::portal());
    let get = |id| *index.indicator(id).unwrap();
    // (id, numerator, denominator, points by hand); every procedure here issues a document, so
    // an online or digitised dossier counts only with an electronic result.
    let expected = [
        (IndicatorId::PublishedOnTime, 5, 5, 6.0),
        (IndicatorId::CompleteComponents, 36, 40, 2.0 * 0.9),
        (IndicatorId::OnTime, 6, 9, 20.0 * 6.0 / 9.0),
        (IndicatorId::ProceduresOnline, 30, 40, 4.0 * 0.75 / 0.8),
        (IndicatorId::OnlineServicesUsed, 15, 30, 2.0),
        // Online with an electronic result: 0 and 7 of the eight received.
        (IndicatorId::OnlineShare, 2, 8, 4.0 * 0.25 / 0.5),
        (IndicatorId::FeeProceduresOnline, 9, 10, 5.0),
        (IndicatorId::PaidOnline, 2, 3, 5.0 * 2.0 / 3.0),
        (IndicatorId::EResult, 3, 7, 6.0 * (3.0 / 7.0) / 0.8),
        (IndicatorId::Digitised, 2, 8, 4.0 * 0.25 / 0.8),
        (IndicatorId::ReusedData, 2, 8, 2.0 * 0.25 / 0.8),
        // 100% − (3 late + 2 dissatisfied) / 9.
        (IndicatorId::Satisfaction, 4, 9, 6.0 * (4.0 / 9.0) / 0.9),
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
    // 2.2: seven dossiers ended, 24.720 minutes from reception to the end.
    let average = get(IndicatorId::AverageTime);
    assert_eq!((average.numerator, average.denominator), (24_720, 7));
    assert_eq!(average.rate_vi(), "2,45 ngày");
    assert!(!average.scored() && average.points == 0.0);
    assert_eq!(get(IndicatorId::OnTime).rate_vi(), "66,67%");
    assert_eq!(get(IndicatorId::Satisfaction).threshold, 0.9);
    assert!(get(IndicatorId::OnlineShare).estimate && !get(IndicatorId::OnTime).estimate);
    assert!(index.estimate);
}

#[test]
fn hand_computed_groups_and_both_scores() {
    let index = Index766::compute(nov(), &records(), &catalogue(), &IndexWeights::portal());
    let groups = [
        (Group::CongKhaiMinhBach, 6.0 + 1.8, 8.0),
        (Group::TienDoGiaiQuyet, 20.0 * 6.0 / 9.0, 20.0),
        (Group::DichVuCongTrucTuyen, 3.75 + 2.0 + 2.0, 12.0),
        (Group::ThanhToanTrucTuyen, 5.0 + 10.0 / 3.0, 10.0),
        (
            Group::SoHoaHoSo,
            6.0 * (3.0 / 7.0) / 0.8 + 1.25 + 0.625,
            12.0,
        ),
        (Group::MucDoHaiLong, 6.0 * (4.0 / 9.0) / 0.9, 6.0),
    ];
    let mut total = 0.0;
    for ((group, points, counted_max), g) in groups.into_iter().zip(&index.groups) {
        assert_eq!(g.group, group, "groups in the order of their numbers");
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
    assert!(close(index.points, 45.268_915_343_915_35));
    assert!(close(index.counted_max, 68.0));
    assert_eq!(format::points(index.official()), "45,27");
    assert_eq!(format::points(index.normalised()), "66,57");
}

#[test]
fn satisfaction_without_any_rating_has_no_data() {
    let unrated: Vec<Record> = records()
        .into_iter()
        .map(|r| Record { rating: None, ..r })
        .collect();
    let index = Index766::compute(nov(), &unrated, &catalogue(), &IndexWeights::portal());
    let s = index.indicator(IndicatorId::Satisfaction).unwrap();
    assert!(!s.computable && s.points == 0.0);
    assert_eq!(s.rate_vi(), "Chưa có dữ liệu");
    // Out of the score over what can be computed, 0 in the official score.
    assert!(close(index.counted_max, 62.0));
    let rated = Index766::compute(nov(), &records(), &catalogue(), &IndexWeights::portal());
    assert!(close(index.points, rated.points - 6.0 * (4.0 / 9.0) / 0.9));
}

#[test]
fn procedures_without_a_document_ask_for_no_electronic_result() {
    let plain: Vec<Record> = records()
        .into_iter()
        .map(|r| Record {
            document_result: false,
            ..r
        })
        .collect();
    let index = Index766::compute(nov(), &plain, &catalogue(), &IndexWeights::portal());
    let get = |id| {
        let i = index.indicator(id).unwrap();
        (i.numerator, i.denominator, i.rate_vi())
    };
    assert_eq!(get(IndicatorId::OnlineShare), (5, 8, "62,50%".into()));
    assert_eq!(get(IndicatorId::Digitised), (6, 8, "75,00%".into()));
    assert_eq!(get(IndicatorId::EResult), (0, 0, "Không phát sinh".into()));
}

#[test]
fn every_lost_point_drills_down_to_its_dossiers() {
    let (p, rs) = (nov(), records());
    assert_eq!(losers(&p, &rs, IndicatorId::OnTime), [2, 3, 5]);
    assert_eq!(losers(&p, &rs, IndicatorId::Satisfaction), [2, 3, 5]);
    assert_eq!(
        losers(&p, &rs, IndicatorId::OnlineShare),
        [1, 2, 3, 4, 6, 8]
    );
    assert_eq!(losers(&p, &rs, IndicatorId::PaidOnline), [1]);
    assert_eq!(losers(&p, &rs, IndicatorId::EResult), [1, 2, 3, 8]);
    assert_eq!(losers(&p, &rs, IndicatorId::Digitised), [1, 2, 3, 4, 6, 8]);
    assert_eq!(losers(&p, &rs, IndicatorId::ReusedData), [0, 2, 3, 4, 7, 8]);
    assert!(losers(&p, &rs, IndicatorId::ProceduresOnline).is_empty());
}

#[test]
fn empty_denominators_are_not_applicable_and_leave_the_maximum() {
    let p = Period::range(date(2026, 1, 1), date(2026, 1, 31)).unwrap();
    let index = Index766::compute(p, &[], &CatalogueFacts::default(), &IndexWeights::portal());
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
fn the_portal_points_fill_each_group_with_room_for_what_is_not_computed() {
    let portal = IndexWeights::portal();
    let sum = |group: Group| -> f64 {
        IndicatorId::ALL
            .iter()
            .filter(|id| id.group() == group)
            .map(|&id| portal.max_points(id))
            .sum()
    };
    // Số hóa: 4.1 + 4.2 + 4.3 = 12 of 22 (4.4, 4.5 and electronic certified copies: not
    // computed); hài lòng: 5.2 + 5.4 = 12 of 18 (5.3 not computed).
    let expected = [
        (Group::CongKhaiMinhBach, 18.0),
        (Group::TienDoGiaiQuyet, 20.0),
        (Group::DichVuCongTrucTuyen, 12.0),
        (Group::ThanhToanTrucTuyen, 10.0),
        (Group::SoHoaHoSo, 12.0),
        (Group::MucDoHaiLong, 12.0),
    ];
    for (group, points) in expected {
        assert!(close(sum(group), points), "{group:?}");
    }
    assert!(close(portal.max_points(IndicatorId::OnTime), 20.0));
    assert!(close(portal.max_points(IndicatorId::Satisfaction), 6.0));
    assert!(portal.assumed(IndicatorId::PaidOnline) && !portal.assumed(IndicatorId::EResult));
    let set = portal.with(IndicatorId::PaidOnline, 10.0);
    assert!(close(set.max_points(IndicatorId::PaidOnline), 10.0));
    assert!(!set.assumed(IndicatorId::PaidOnline));
    assert!(close(
        portal
            .with(IndicatorId::ReusedData, -1.0)
            .max_points(IndicatorId::ReusedData),
        0.0
    ));
    assert!(close(score(0.4, 0.5, 12.0), 9.6) && close(score(0.7, 0.5, 12.0), 12.0));
    let official = IndexWeights {
        official: true,
        ..portal
    };
    let index = Index766::compute(nov(), &records(), &catalogue(), &official);
    assert!(!index.estimate);
}
