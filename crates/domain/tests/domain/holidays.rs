//! Every official holiday block of 2024–2026, day by day, and its effect on a deadline.

use super::support::*;
use chrono::NaiveDate;
use motcua_domain::calendar::DayKind;

/// Every day from `from` to `to` is off, the day after is a working day, and the working day
/// before the block is followed by the day after it.
fn assert_block(from: NaiveDate, to: NaiveDate) {
    let cal = &*CCVC;
    let after = to.succ_opt().unwrap();
    for d in from.iter_days().take_while(|d| *d <= to) {
        assert!(!cal.is_working(d), "{d} should be a day off");
    }
    assert!(
        cal.is_working(after),
        "{after} should be a working day after the block"
    );
    assert!(cal.is_working(cal.previous_working_day(from)));
    assert_eq!(
        cal.next_working_day(cal.previous_working_day(from)),
        after,
        "block {from}–{to}"
    );
}

#[test]
fn block_2024_tet_duong_lich() {
    assert_block(date(2023, 12, 30), date(2024, 1, 1));
    assert_eq!(CCVC.kind(date(2024, 1, 1)), DayKind::Holiday);
}

#[test]
fn block_2024_tet_nguyen_dan() {
    assert_block(date(2024, 2, 8), date(2024, 2, 14));
}

#[test]
fn block_2024_gio_to() {
    assert_block(date(2024, 4, 18), date(2024, 4, 18));
}

#[test]
fn block_2024_30_4_and_1_5_with_makeup_saturday_4_5() {
    assert_block(date(2024, 4, 27), date(2024, 5, 1));
    assert_eq!(CCVC.kind(date(2024, 4, 29)), DayKind::SwappedOff);
    assert_eq!(CCVC.kind(date(2024, 5, 4)), DayKind::MakeupWorking);
}

#[test]
fn block_2024_quoc_khanh() {
    assert_block(date(2024, 8, 31), date(2024, 9, 3));
}

#[test]
fn block_2025_tet_duong_lich() {
    assert_block(date(2025, 1, 1), date(2025, 1, 1));
}

#[test]
fn block_2025_tet_nguyen_dan() {
    assert_block(date(2025, 1, 25), date(2025, 2, 2));
}

#[test]
fn block_2025_gio_to() {
    assert_block(date(2025, 4, 5), date(2025, 4, 7));
    assert_eq!(CCVC.kind(date(2025, 4, 7)), DayKind::Holiday);
}

#[test]
fn block_2025_30_4_and_1_5_with_makeup_saturday_26_4() {
    assert_block(date(2025, 4, 30), date(2025, 5, 4));
    assert_eq!(CCVC.kind(date(2025, 5, 2)), DayKind::SwappedOff);
    assert_eq!(CCVC.kind(date(2025, 4, 26)), DayKind::MakeupWorking);
    // Thu 24/04/2025 08:00 + 2 working days → Fri 25, Sat 26 (make-up).
    assert_eq!(
        rfc(engine().due(at(2025, 4, 24, 8, 0), working_days(2))),
        "2025-04-26T08:00:00+07:00"
    );
}

#[test]
fn block_2025_quoc_khanh() {
    assert_block(date(2025, 8, 30), date(2025, 9, 2));
}

#[test]
fn block_2026_tet_duong_lich_with_makeup_saturday_10_1() {
    assert_block(date(2026, 1, 1), date(2026, 1, 4));
    assert_eq!(CCVC.kind(date(2026, 1, 2)), DayKind::SwappedOff);
    assert_eq!(CCVC.kind(date(2026, 1, 10)), DayKind::MakeupWorking);
}

#[test]
fn block_2026_tet_nguyen_dan() {
    assert_block(date(2026, 2, 14), date(2026, 2, 22));
    // Fri 13/02/2026 10:00 + 1 working day → Mon 23/02 10:00.
    assert_eq!(
        rfc(engine().due(at(2026, 2, 13, 10, 0), working_days(1))),
        "2026-02-23T10:00:00+07:00"
    );
}

#[test]
fn block_2026_gio_to_with_nghi_bu_monday_27_4() {
    assert_block(date(2026, 4, 25), date(2026, 4, 27));
    assert_eq!(CCVC.kind(date(2026, 4, 26)), DayKind::Holiday);
    assert_eq!(CCVC.kind(date(2026, 4, 27)), DayKind::CompensatoryOff);
    // Fri 24/04/2026 09:00 + 1 working day → Tue 28/04 09:00.
    assert_eq!(
        rfc(engine().due(at(2026, 4, 24, 9, 0), working_days(1))),
        "2026-04-28T09:00:00+07:00"
    );
}

#[test]
fn block_2026_30_4_and_1_5() {
    assert_block(date(2026, 4, 30), date(2026, 5, 3));
}

#[test]
fn block_2026_quoc_khanh_with_makeup_saturday_22_8() {
    assert_block(date(2026, 8, 29), date(2026, 9, 2));
    assert_eq!(CCVC.kind(date(2026, 8, 31)), DayKind::SwappedOff);
    assert_eq!(CCVC.kind(date(2026, 8, 22)), DayKind::MakeupWorking);
    // Fri 21/08/2026 09:00 + 1 working day → Sat 22/08 09:00 (make-up).
    assert_eq!(
        rfc(engine().due(at(2026, 8, 21, 9, 0), working_days(1))),
        "2026-08-22T09:00:00+07:00"
    );
}

#[test]
fn generated_2027_is_provisional_and_skips_tet() {
    assert!(CCVC.is_provisional(2027));
    // Thu 04/02/2027 09:00 + 1 working day: Tết eve Fri 05/02, Tết 06–09/02, nghỉ bù 10–11/02
    // → Fri 12/02/2027.
    let e = engine();
    let d = e
        .deadline(at(2027, 2, 4, 9, 0), working_days(1), &[])
        .unwrap();
    assert_eq!(rfc(d.due.unwrap()), "2027-02-12T09:00:00+07:00");
    assert_eq!(e.explain(&d).provisional_years, [2027]);
}
