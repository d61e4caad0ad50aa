//! Due instants stated as a ward states them (docs/rules.md §5.2–§5.3, §5.8–§5.9): an instant at
//! the opening of a working day with none of its time used is the closing of the previous working
//! day; an amount of 0 is «trả ngay»; a pause after the due instant forgives nothing.

use super::support::*;
use motcua_domain::deadline::{Pause, PauseReason, TimeLimit};

#[test]
fn one_working_day_from_a_day_off_or_after_closing_is_due_at_the_next_closing() {
    let e = engine();
    for (received, due) in [
        // Saturday.
        (at(2026, 3, 7, 9, 0), "2026-03-09T17:00:00+07:00"),
        // Wednesday 17:30, the eve of Tết Giáp Thìn (08/02–14/02/2024 off).
        (at(2024, 2, 7, 17, 30), "2024-02-15T17:00:00+07:00"),
        // Monday 27/01/2025, inside Tết Ất Tỵ (25/01–02/02/2025 off).
        (at(2025, 1, 27, 10, 0), "2025-02-03T17:00:00+07:00"),
        // New Year's Day 2026, with Friday 02/01 given off.
        (at(2026, 1, 1, 10, 0), "2026-01-05T17:00:00+07:00"),
        // Received at the very opening: that whole day is day 1.
        (at(2026, 11, 16, 7, 30), "2026-11-16T17:00:00+07:00"),
    ] {
        assert_eq!(rfc(e.due(received, working_days(1))), due, "{received}");
    }
}

#[test]
fn the_explanation_counts_the_first_whole_day_as_day_one() {
    let e = engine();
    let d = e
        .deadline(at(2026, 3, 7, 9, 0), working_days(2), &[])
        .unwrap();
    assert_eq!(rfc(d.due.unwrap()), "2026-03-10T17:00:00+07:00");
    let x = e.explain(&d);
    assert_eq!(x.counted_days, [date(2026, 3, 9), date(2026, 3, 10)]);
    let text = x.lines_vi().join("\n");
    assert!(text.contains("1: 09/03/2026; 2: 10/03/2026"), "{text}");
    assert!(!text.contains("chuyển về giờ đóng cửa"), "{text}");
    assert!(
        x.summary_for_applicant_vi()
            .contains("17 giờ 00 phút ngày 10/03/2026"),
        "{}",
        x.summary_for_applicant_vi()
    );
}

#[test]
fn calendar_days_from_after_closing_end_the_evening_before() {
    // Monday 16/11/2026 18:00 + 3 calendar days: counting starts Tuesday 07:30 and ends with
    // Thursday, not at Friday 07:30.
    let due = engine().due(
        at(2026, 11, 16, 18, 0),
        TimeLimit::CalendarDays { amount: 3 },
    );
    assert_eq!(rfc(due), "2026-11-19T17:00:00+07:00");
}

#[test]
fn working_hours_from_after_closing_start_at_the_next_opening() {
    // From Tuesday's opening: 8 working hours end at Wednesday 08:00, 7 at Tuesday 16:30.
    let due = engine().due(at(2026, 11, 16, 18, 0), TimeLimit::Hours { amount: 8 });
    assert_eq!(rfc(due), "2026-11-18T08:00:00+07:00");
    let due = engine().due(at(2026, 11, 16, 18, 0), TimeLimit::Hours { amount: 7 });
    assert_eq!(rfc(due), "2026-11-17T16:30:00+07:00");
}

#[test]
fn amount_zero_is_returned_on_the_spot() {
    let e = engine();
    for limit in [
        working_days(0),
        TimeLimit::Hours { amount: 0 },
        TimeLimit::CalendarDays { amount: 0 },
    ] {
        assert!(limit.is_on_the_spot());
        assert_eq!(
            limit.to_string(),
            "trả ngay (trong ngày làm việc tiếp nhận)"
        );
        // Inside office hours, in the lunch break, before opening: that day's closing.
        for received in [
            at(2026, 11, 25, 10, 0),
            at(2026, 11, 25, 12, 0),
            at(2026, 11, 25, 6, 0),
        ] {
            assert_eq!(
                rfc(e.due(received, limit)),
                "2026-11-25T17:00:00+07:00",
                "{limit:?} {received}"
            );
        }
        // After closing, or on a Saturday: the next working day's closing.
        assert_eq!(
            rfc(e.due(at(2026, 11, 25, 17, 30), limit)),
            "2026-11-26T17:00:00+07:00"
        );
        assert_eq!(
            rfc(e.due(at(2026, 11, 28, 9, 0), limit)),
            "2026-11-30T17:00:00+07:00"
        );
    }
    assert!(!working_days(1).is_on_the_spot());
}

#[test]
fn a_pause_after_the_due_instant_keeps_the_dossier_overdue() {
    let e = engine();
    // Received Mon 16/11/2026 09:00, 2 working days → Wed 18/11 09:00. Paused Thu 19/11 10:00,
    // a day late; resumed Tue 24/11: the due instant stays Wed 18/11 09:00.
    let received = at(2026, 11, 16, 9, 0);
    let pause = Pause {
        from: at(2026, 11, 19, 10, 0),
        to: Some(at(2026, 11, 24, 9, 0)),
        reason: PauseReason::Supplement,
    };
    let d = e.deadline(received, working_days(2), &[pause]).unwrap();
    assert!(d.pauses[0].remaining_seconds < 0);
    assert_eq!(rfc(d.due.unwrap()), "2026-11-18T09:00:00+07:00");
}

#[test]
fn a_pause_with_time_left_counts_it_again_from_the_resume() {
    let e = engine();
    // 2 working days from Mon 16/11 09:00 → Wed 18/11 09:00; paused Tue 17/11 16:00 with
    // 2 h 30 min left (16:00–17:00, then 07:30–09:00); resumed Mon 23/11 after closing: the
    // count restarts at Tue 24/11 07:30 and ends at 10:00.
    let received = at(2026, 11, 16, 9, 0);
    let pause = Pause {
        from: at(2026, 11, 17, 16, 0),
        to: Some(at(2026, 11, 23, 18, 0)),
        reason: PauseReason::Supplement,
    };
    let d = e.deadline(received, working_days(2), &[pause]).unwrap();
    assert_eq!(d.pauses[0].remaining_seconds, 150 * 60);
    assert_eq!(rfc(d.due.unwrap()), "2026-11-24T10:00:00+07:00");
}
