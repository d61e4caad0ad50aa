//! Properties of deadline arithmetic over random instants and amounts.

use super::support::*;
use chrono::{Duration, NaiveDateTime};
use motcua_domain::deadline::{Pause, PauseReason, TimeLimit};
use proptest::prelude::*;

/// A local instant between 2023 and 2028 at minute resolution.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..6 * 366 * 24 * 60).prop_map(|m| at(2023, 1, 1, 0, 0) + Duration::minutes(m))
}

fn limit() -> impl Strategy<Value = TimeLimit> {
    prop_oneof![
        (0u32..=30).prop_map(|amount| TimeLimit::WorkingDays { amount }),
        (0u32..=80).prop_map(|amount| TimeLimit::Hours { amount }),
        (0u32..=60).prop_map(|amount| TimeLimit::CalendarDays { amount }),
        Just(TimeLimit::SameDay {
            cutoff: motcua_domain::deadline::DEFAULT_CUTOFF
        }),
    ]
}

/// Inside a working period, the closing instant of a period included.
fn in_working_time(t: NaiveDateTime) -> bool {
    let m = (t - t.date().and_hms_opt(0, 0, 0).unwrap()).num_minutes();
    CCVC.is_working(t.date())
        && HOURS
            .periods()
            .iter()
            .any(|p| i64::from(p.start) <= m && m <= i64::from(p.end))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn due_is_inside_working_time(t in instant(), l in limit()) {
        let due = engine().due(t, l);
        prop_assert!(in_working_time(due), "{t} {l:?} → {due}");
        let same_day = matches!(l, TimeLimit::SameDay { .. });
        prop_assert!(due >= engine().clock_start(t) || same_day);
    }

    #[test]
    fn working_days_add_up(t in instant(), n in 1u32..=30, m in 1u32..=30) {
        let e = engine();
        let once = e.due(t, working_days(n + m));
        let twice = e.due(e.due(t, working_days(n)), working_days(m));
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn zero_length_pause_changes_nothing(t in instant(), l in limit(), offset in 0i64..20 * 24 * 60) {
        let e = engine();
        let p = t + Duration::minutes(offset);
        let pause = Pause { from: p, to: Some(p), reason: PauseReason::Supplement };
        let d = e.deadline(t, l, &[pause]).unwrap();
        prop_assert_eq!(d.due, Some(e.due(t, l)));
    }

    #[test]
    fn pause_keeps_remaining_working_time(t in instant(), l in limit(), a in 0i64..10 * 24 * 60, b in 0i64..10 * 24 * 60) {
        let e = engine();
        let from = t + Duration::minutes(a);
        let to = from + Duration::minutes(b);
        let d = e.deadline(t, l, &[Pause { from, to: Some(to), reason: PauseReason::Payment }]).unwrap();
        let due = d.due.unwrap();
        let remaining = d.pauses[0].remaining_seconds;
        if remaining > 0 {
            // The working time left after the resume equals the working time left at the pause.
            prop_assert_eq!(e.working_seconds_between(to, due), remaining);
        } else {
            // Paused when already overdue: nothing is forgiven.
            prop_assert_eq!(due, d.base_due);
        }
        prop_assert!(due >= d.base_due);
    }

    #[test]
    fn due_is_monotonic_in_the_reception_instant(t in instant(), step in 0i64..5 * 24 * 60, l in limit()) {
        // Calendar-day limits are not monotonic by rule (see the example test
        // `calendar_days_are_not_monotonic_by_rule`): only the other kinds are checked.
        prop_assume!(!matches!(l, TimeLimit::CalendarDays { .. }));
        let e = engine();
        prop_assert!(e.due(t, l) <= e.due(t + Duration::minutes(step), l));
    }

    #[test]
    fn every_skipped_day_is_a_day_off_and_every_counted_day_works(t in instant(), n in 0u32..=30) {
        let e = engine();
        let d = e.deadline(t, working_days(n), &[]).unwrap();
        let x = e.explain(&d);
        prop_assert!(x.skipped.iter().all(|s| !CCVC.is_working(s.date) && !s.kind.is_working()));
        prop_assert!(x.counted_days.iter().all(|day| CCVC.is_working(*day)));
        prop_assert_eq!(x.counted_days.len() as u32, n);
        // Every day from the reception to the due date is either counted, day 0, or skipped.
        let mut day = t.date();
        while day <= d.due.unwrap().date() {
            let listed = x.counted_days.contains(&day) || day == d.start.date() || day == t.date() || x.skipped.iter().any(|s| s.date == day);
            prop_assert!(listed, "{day} missing");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn working_seconds_between_inverts_adding(t in instant(), secs in 0i64..40 * 450 * 60) {
        let e = engine();
        let start = e.clock_start(t);
        let end = e.add_working_seconds(start, secs);
        prop_assert_eq!(e.working_seconds_between(start, end), secs);
        let back = e.add_working_seconds(end, -secs);
        prop_assert_eq!(e.working_seconds_between(back, end), secs);
    }
}
