//! The columns of the periodic report, one hand-made dossier at a time (docs/rules.md §7, §8).
//! Period: Tháng 11/2026 = 15/10/2026 – 14/11/2026; `end()` = 15/11/2026 00:00.

use super::rec;
use crate::support::at;
use motcua_domain::classify::TimeClass;
use motcua_domain::stats::{Columns, Intake, Period, Placement, Record, Report, place};

fn nov() -> Period {
    Period::month(2026, 11).unwrap()
}

fn placed(r: Record) -> Option<(Intake, TimeClass)> {
    place(&nov(), &r).map(|p| (p.intake, p.class))
}

#[test]
fn carried_over_and_resolved_early() {
    let r = rec(
        at(2026, 10, 1, 9, 0),
        Some(at(2026, 10, 20, 17, 0)),
        Some(at(2026, 10, 17, 10, 0)),
    );
    assert_eq!(placed(r), Some((Intake::CarriedOver, TimeClass::Early)));
}

#[test]
fn ended_exactly_at_due_is_on_time() {
    let due = at(2026, 10, 23, 9, 0);
    let r = rec(at(2026, 10, 20, 9, 0), Some(due), Some(due));
    assert_eq!(placed(r), Some((Intake::Direct, TimeClass::OnTime)));
    // Earlier the same day: still on time; the day before: early.
    let r = rec(
        at(2026, 10, 20, 9, 0),
        Some(due),
        Some(at(2026, 10, 23, 7, 30)),
    );
    assert_eq!(placed(r), Some((Intake::Direct, TimeClass::OnTime)));
    let r = rec(
        at(2026, 10, 20, 9, 0),
        Some(due),
        Some(at(2026, 10, 22, 16, 0)),
    );
    assert_eq!(placed(r), Some((Intake::Direct, TimeClass::Early)));
}

#[test]
fn ended_after_due_is_late() {
    let r = Record {
        online: true,
        ..rec(
            at(2026, 10, 21, 9, 0),
            Some(at(2026, 10, 24, 9, 0)),
            Some(at(2026, 10, 24, 9, 1)),
        )
    };
    assert_eq!(placed(r), Some((Intake::Online, TimeClass::Late)));
}

#[test]
fn open_at_the_end_past_due_is_overdue() {
    let due = Some(at(2026, 11, 10, 17, 0));
    assert_eq!(
        placed(rec(at(2026, 11, 1, 9, 0), due, None)),
        Some((Intake::Direct, TimeClass::Overdue))
    );
    // Ended after the period, or exactly at its end: still open at the end.
    assert_eq!(
        placed(rec(
            at(2026, 11, 1, 9, 0),
            due,
            Some(at(2026, 11, 20, 9, 0))
        )),
        Some((Intake::Direct, TimeClass::Overdue))
    );
    assert_eq!(
        placed(rec(
            at(2026, 11, 1, 9, 0),
            due,
            Some(at(2026, 11, 15, 0, 0))
        )),
        Some((Intake::Direct, TimeClass::Overdue))
    );
    // Due exactly at the end of the period: overdue (`classify_open`); due after: not due.
    assert_eq!(
        placed(rec(
            at(2026, 11, 1, 9, 0),
            Some(at(2026, 11, 15, 0, 0)),
            None
        )),
        Some((Intake::Direct, TimeClass::Overdue))
    );
    assert_eq!(
        placed(rec(
            at(2026, 11, 1, 9, 0),
            Some(at(2026, 11, 16, 9, 0)),
            None
        )),
        Some((Intake::Direct, TimeClass::NotDue))
    );
}

#[test]
fn paused_is_not_due_and_ended_while_paused_is_on_time() {
    assert_eq!(
        placed(rec(at(2026, 11, 5, 9, 0), None, None)),
        Some((Intake::Direct, TimeClass::NotDue))
    );
    assert_eq!(
        placed(rec(
            at(2026, 11, 5, 9, 0),
            None,
            Some(at(2026, 11, 6, 9, 0))
        )),
        Some((Intake::Direct, TimeClass::OnTime))
    );
}

#[test]
fn received_after_the_period_or_ended_before_it_is_not_counted() {
    let due = Some(at(2026, 11, 20, 9, 0));
    assert_eq!(placed(rec(at(2026, 11, 15, 0, 0), due, None)), None);
    assert_eq!(
        placed(rec(at(2026, 11, 14, 23, 59), due, None)),
        Some((Intake::Direct, TimeClass::NotDue))
    );
    assert_eq!(
        placed(rec(
            at(2026, 9, 1, 9, 0),
            Some(at(2026, 9, 5, 9, 0)),
            Some(at(2026, 10, 14, 23, 59))
        )),
        None
    );
    // Ended at the very start of the period: carried over and ended in it.
    assert_eq!(
        placed(rec(
            at(2026, 9, 1, 9, 0),
            Some(at(2026, 9, 5, 9, 0)),
            Some(at(2026, 10, 15, 0, 0))
        )),
        Some((Intake::CarriedOver, TimeClass::Late))
    );
}

#[test]
fn a_report_adds_the_examples_up_by_unit_and_field() {
    let early = Record {
        unit: 1,
        field: 7,
        ..rec(
            at(2026, 10, 1, 9, 0),
            Some(at(2026, 10, 20, 17, 0)),
            Some(at(2026, 10, 17, 10, 0)),
        )
    };
    let on_time = Record {
        unit: 1,
        field: 3,
        ..rec(
            at(2026, 10, 20, 9, 0),
            Some(at(2026, 10, 23, 9, 0)),
            Some(at(2026, 10, 23, 9, 0)),
        )
    };
    let late = Record {
        unit: 2,
        field: 3,
        online: true,
        ..rec(
            at(2026, 10, 21, 9, 0),
            Some(at(2026, 10, 24, 9, 0)),
            Some(at(2026, 10, 24, 9, 1)),
        )
    };
    let overdue = Record {
        unit: 2,
        field: 7,
        ..rec(at(2026, 11, 1, 9, 0), Some(at(2026, 11, 10, 17, 0)), None)
    };
    let paused = Record {
        unit: 2,
        field: 7,
        online: true,
        ..rec(at(2026, 11, 5, 9, 0), None, None)
    };
    let after = Record {
        unit: 9,
        field: 9,
        ..rec(at(2026, 11, 15, 8, 0), None, None)
    };
    let records = [early, on_time, late, overdue, paused, after];
    let report = Report::compute(nov(), &records);
    let expected = Columns {
        received_online: 2,
        received_direct: 2,
        carried_over: 1,
        early: 1,
        on_time: 1,
        late: 1,
        not_due: 1,
        overdue: 1,
    };
    assert_eq!(report.total, expected);
    assert_eq!(report.total.row(), [5, 2, 2, 1, 3, 1, 1, 1, 2, 1, 1]);
    assert_eq!(report.units.iter().map(|u| u.0).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(report.unit(1).row(), [2, 0, 1, 1, 2, 1, 1, 0, 0, 0, 0]);
    assert_eq!(report.unit(2).row(), [3, 2, 1, 0, 1, 0, 0, 1, 2, 1, 1]);
    assert_eq!(report.unit(9), Columns::default());
    assert_eq!(report.field(3).resolved_total(), 2);
    assert_eq!(report.field(7).pending_total(), 2);
    let mut sum = Columns::default();
    for (_, c) in &report.fields {
        sum += c;
    }
    assert_eq!(sum, expected);
    // Counting placements one by one gives the same row.
    let mut by_hand = Columns::default();
    records
        .iter()
        .filter_map(|r| place(&nov(), r))
        .for_each(|p: Placement| by_hand.count(p));
    assert_eq!(by_hand, expected);
}

/// A period read before its end classifies open dossiers as of the reading, not as of the end.
#[test]
fn a_period_read_before_its_end_counts_open_dossiers_as_of_now() {
    use motcua_domain::stats::{Columns, Period, Record};
    let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let t = |day, h| d(day).and_hms_opt(h, 0, 0).unwrap();
    let month = Period::range(d(1), d(30)).unwrap();
    let mut r = Record::received_at(0, 0, t(20, 9));
    r.due = Some(t(27, 9));
    let read = Report::compute(month.read_at(t(25, 10)), &[r]);
    assert_eq!((read.total.not_due, read.total.overdue), (1, 0));
    let at_end = Report::compute(month, &[r]);
    assert_eq!((at_end.total.not_due, at_end.total.overdue), (0, 1));
    let _: Columns = read.total;
}
