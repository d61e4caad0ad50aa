//! The examples of the issue and of docs/rules.md §5, each a test.

use super::support::*;
use motcua_domain::calendar::DayKind;
use motcua_domain::deadline::{
    DEFAULT_CUTOFF, Pause, PauseReason, StartNote, StepBudget, TimeLimit, step_dues,
};

#[test]
fn tet_2024_three_working_days() {
    let due = engine().due(at(2024, 2, 7, 9, 0), working_days(3));
    assert_eq!(rfc(due), "2024-02-19T09:00:00+07:00");
}

#[test]
fn makeup_saturday_10_01_2026_counts() {
    let due = engine().due(at(2026, 1, 8, 8, 0), working_days(2));
    assert_eq!(rfc(due), "2026-01-10T08:00:00+07:00");
}

#[test]
fn quoc_khanh_2026_one_working_day() {
    let due = engine().due(at(2026, 8, 28, 14, 0), working_days(1));
    assert_eq!(rfc(due), "2026-09-03T14:00:00+07:00");
}

#[test]
fn same_day_cut_off_at_15_00() {
    let same_day = TimeLimit::SameDay {
        cutoff: DEFAULT_CUTOFF,
    };
    assert_eq!(
        rfc(engine().due(at(2026, 11, 26, 15, 20), same_day)),
        "2026-11-27T17:00:00+07:00"
    );
    assert_eq!(
        rfc(engine().due(at(2026, 11, 26, 14, 59), same_day)),
        "2026-11-26T17:00:00+07:00"
    );
    assert_eq!(
        rfc(engine().due(at(2026, 11, 26, 15, 0), same_day)),
        "2026-11-27T17:00:00+07:00"
    );
    // Received on a Saturday desk: due at the close of Monday.
    assert_eq!(
        rfc(engine().due(at(2026, 11, 28, 9, 0), same_day)),
        "2026-11-30T17:00:00+07:00"
    );
}

#[test]
fn saturday_reception_starts_on_monday_opening() {
    let e = engine();
    let received = at(2026, 11, 14, 10, 0);
    assert_eq!(rfc(e.clock_start(received)), "2026-11-16T07:30:00+07:00");
    assert_eq!(
        rfc(e.due(received, working_days(1))),
        "2026-11-16T17:00:00+07:00"
    );
    let deadline = e.deadline(received, working_days(1), &[]).unwrap();
    let explanation = e.explain(&deadline);
    assert_eq!(
        explanation.start_note,
        StartNote::NonWorkingDay(DayKind::Weekend)
    );
    assert_eq!(explanation.skipped.len(), 2);
}

#[test]
fn reception_in_the_lunch_break_and_after_closing() {
    let e = engine();
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 12, 0), working_days(2))),
        "2026-11-27T13:30:00+07:00"
    );
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 17, 0), working_days(2))),
        "2026-11-27T17:00:00+07:00"
    );
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 6, 45), working_days(0))),
        "2026-11-25T17:00:00+07:00"
    );
}

#[test]
fn working_hours_skip_the_lunch_break_and_the_night() {
    let e = engine();
    let hours = |h| TimeLimit::Hours { amount: h };
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 10, 30), hours(2))),
        "2026-11-25T14:30:00+07:00"
    );
    // A working day is 7 h 30: 1 h on Wed, 7 h 30 on Thu, then 30 min on Fri.
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 16, 0), hours(8))),
        "2026-11-26T16:30:00+07:00"
    );
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 16, 0), hours(9))),
        "2026-11-27T08:00:00+07:00"
    );
    // 4 hours from the opening end exactly at the lunch break: the morning's closing instant.
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 7, 30), hours(4))),
        "2026-11-25T11:30:00+07:00"
    );
}

#[test]
fn calendar_days_roll_to_the_next_working_day_closing() {
    let e = engine();
    let days = |n| TimeLimit::CalendarDays { amount: n };
    // Wed 25/11/2026 09:00 + 10 days = Sat 05/12 → Mon 07/12 17:00.
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 9, 0), days(10))),
        "2026-12-07T17:00:00+07:00"
    );
    // + 7 days = Wed 02/12 09:00, a working day.
    assert_eq!(
        rfc(e.due(at(2026, 11, 25, 9, 0), days(7))),
        "2026-12-02T09:00:00+07:00"
    );
}

/// docs/rules.md §5: "same time N calendar days later; if that day is not a working day, roll forward to
/// the next working day's closing time". A dossier received earlier can therefore be due later.
#[test]
fn calendar_days_are_not_monotonic_by_rule() {
    let e = engine();
    let days = TimeLimit::CalendarDays { amount: 34 };
    // Sun 29/12/2024 evening: Mon 30/12 is day 1, day 34 is Sat 01/02 (Tết) → Mon 03/02 17:00.
    assert_eq!(
        rfc(e.due(at(2024, 12, 29, 17, 37), days)),
        "2025-02-03T17:00:00+07:00"
    );
    // Tue 31/12/2024 09:00 + 34 days = Mon 03/02 09:00, a working day at an office hour.
    assert_eq!(
        rfc(e.due(at(2024, 12, 31, 9, 0), days)),
        "2025-02-03T09:00:00+07:00"
    );
}

#[test]
fn explanation_names_every_tet_day_with_its_reference() {
    let e = engine();
    let deadline = e
        .deadline(at(2024, 2, 7, 9, 0), working_days(3), &[])
        .unwrap();
    let x = e.explain(&deadline);
    let skipped: Vec<_> = x
        .skipped
        .iter()
        .map(|s| (s.date.format("%d/%m").to_string(), s.kind))
        .collect();
    // Tết 08–12/02 (10–11/02 fall on a weekend, so 13–14/02 are nghỉ bù), then the weekend 17–18/02.
    let kinds: Vec<_> = skipped
        .iter()
        .map(|(d, k)| format!("{d} {}", k.code()))
        .collect();
    assert_eq!(
        kinds,
        [
            "08/02 holiday",
            "09/02 holiday",
            "10/02 holiday",
            "11/02 holiday",
            "12/02 holiday",
            "13/02 compensatory_off",
            "14/02 compensatory_off",
            "17/02 weekend",
            "18/02 weekend"
        ]
    );
    assert!(
        x.skipped
            .iter()
            .filter(|s| s.kind != DayKind::Weekend)
            .all(|s| s.reference.is_some())
    );
    assert_eq!(
        x.counted_days,
        [date(2024, 2, 15), date(2024, 2, 16), date(2024, 2, 19)]
    );
    let text = x.lines_vi().join("\n");
    assert!(text.contains("Ngày 0: 09:00 thứ Tư, 07/02/2024"), "{text}");
    assert!(
        text.contains("Bỏ qua thứ Năm 08/02/2024: ngày lễ, Tết — Tết Nguyên đán"),
        "{text}"
    );
    assert!(
        text.ends_with("Hẹn trả kết quả: 09 giờ 00 phút ngày 19/02/2024."),
        "{text}"
    );
    assert!(
        x.summary_for_applicant_vi()
            .contains("09 giờ 00 phút ngày 19/02/2024")
    );
}

#[test]
fn pause_keeps_the_remaining_working_time() {
    let e = engine();
    // Received Mon 16/11/2026 09:00, 5 working days → Mon 23/11 09:00.
    let received = at(2026, 11, 16, 9, 0);
    assert_eq!(
        rfc(e.due(received, working_days(5))),
        "2026-11-23T09:00:00+07:00"
    );
    // Supplement requested Wed 18/11 09:00 (3 working days left), completed Mon 23/11 10:00:
    // the due moves to Thu 26/11 10:00.
    let pause = Pause {
        from: at(2026, 11, 18, 9, 0),
        to: Some(at(2026, 11, 23, 10, 0)),
        reason: PauseReason::Supplement,
    };
    let d = e.deadline(received, working_days(5), &[pause]).unwrap();
    assert_eq!(d.pauses[0].remaining_seconds, 3 * 450 * 60);
    assert_eq!(rfc(d.due.unwrap()), "2026-11-26T10:00:00+07:00");
    let text = e.explain(&d).lines_vi().join("\n");
    assert!(
        text.contains("Tạm dừng (yêu cầu bổ sung, hoàn thiện hồ sơ)"),
        "{text}"
    );
    // While the pause lasts, the due is unknown and the remaining time is kept.
    let open = Pause { to: None, ..pause };
    let d = e.deadline(received, working_days(5), &[open]).unwrap();
    assert_eq!(d.due, None);
    assert_eq!(d.remaining_while_paused(), Some(3 * 450 * 60));
}

#[test]
fn bad_pauses_are_refused() {
    let e = engine();
    let received = at(2026, 11, 16, 9, 0);
    let before = Pause {
        from: at(2026, 11, 15, 9, 0),
        to: None,
        reason: PauseReason::Payment,
    };
    assert!(e.deadline(received, working_days(5), &[before]).is_err());
    let backwards = Pause {
        from: at(2026, 11, 18, 9, 0),
        to: Some(at(2026, 11, 17, 9, 0)),
        reason: PauseReason::Payment,
    };
    assert!(e.deadline(received, working_days(5), &[backwards]).is_err());
    let open = Pause {
        from: at(2026, 11, 17, 9, 0),
        to: None,
        reason: PauseReason::Payment,
    };
    let after_open = Pause {
        from: at(2026, 11, 18, 9, 0),
        to: None,
        reason: PauseReason::Payment,
    };
    assert!(
        e.deadline(received, working_days(5), &[open, after_open])
            .is_err()
    );
}

#[test]
fn step_budgets_give_each_step_its_due_instant() {
    let e = engine();
    // 3 working days = 1 350 working minutes: desk 4 h, specialist 870 min, leader 4 h.
    let budgets = [
        StepBudget::hours(4),
        StepBudget { minutes: 870 },
        StepBudget::hours(4),
    ];
    let limit = working_days(3);
    motcua_domain::deadline::check_budgets(limit, &budgets, &HOURS).unwrap();
    let received = at(2026, 11, 16, 7, 30);
    let due = e.due(received, limit);
    let dues = step_dues(&e, e.clock_start(received), &budgets, due);
    assert_eq!(
        dues.iter().map(|t| rfc(*t)).collect::<Vec<_>>(),
        [
            "2026-11-16T11:30:00+07:00",
            "2026-11-18T11:00:00+07:00",
            "2026-11-18T17:00:00+07:00",
        ]
    );
    let wrong = [StepBudget::hours(4)];
    assert!(motcua_domain::deadline::check_budgets(limit, &wrong, &HOURS).is_err());
}
