//! The seed figures of P. Trần Hưng Đạo, 01/01/2023 – 30/11/2023: 1 dossier carried over,
//! 1.049 received online and 9 direct; all 1.059 resolved: 1.054 early, 5 on time, 0 late.

use super::rec;
use crate::support::{at, date};
use chrono::{Duration, NaiveDateTime};
use motcua_domain::stats::{Columns, Period, Record, Report, format::rate_percent};

/// The `i`-th reception of the year: spread over 02/01 – 18/11/2023, 08:00 – 15:00.
fn reception(i: i64) -> NaiveDateTime {
    at(2023, 1, 2, 8, 0) + Duration::days(i % 321) + Duration::hours(i % 8)
}

/// Received at `t`, due 3 days later, ended early (the next day) or on time (on the due date).
fn resolved(t: NaiveDateTime, early: bool, online: bool, field: u32) -> Record {
    let due = t + Duration::days(3);
    let ended = if early {
        t + Duration::days(1)
    } else {
        due - Duration::minutes(30)
    };
    Record {
        online,
        field,
        ..rec(t, Some(due), Some(ended))
    }
}

fn seed() -> Vec<Record> {
    let mut records = Vec::new();
    // Carried over from 2022: received 28/12/2022, resolved early in January.
    records.push(rec(
        at(2022, 12, 28, 9, 0),
        Some(at(2023, 1, 5, 9, 0)),
        Some(at(2023, 1, 3, 15, 0)),
    ));
    for i in 0..1049 {
        // Five online dossiers end on their due date.
        records.push(resolved(reception(i), i >= 5, true, (i % 4) as u32));
    }
    for i in 0..9 {
        records.push(resolved(reception(i * 37), true, false, 4));
    }
    // Not counted: ended before the period, and received after it.
    records.push(rec(
        at(2022, 12, 20, 9, 0),
        Some(at(2022, 12, 23, 9, 0)),
        Some(at(2022, 12, 22, 9, 0)),
    ));
    records.push(rec(at(2023, 12, 1, 8, 0), None, None));
    records
}

#[test]
fn tran_hung_dao_2023_reproduces_its_columns() {
    let period = Period::range(date(2023, 1, 1), date(2023, 11, 30)).unwrap();
    let report = Report::compute(period, &seed());
    let expected = Columns {
        received_online: 1049,
        received_direct: 9,
        carried_over: 1,
        early: 1054,
        on_time: 5,
        late: 0,
        not_due: 0,
        overdue: 0,
    };
    assert_eq!(report.total, expected);
    assert_eq!(
        report.total.row(),
        [1059, 1049, 9, 1, 1059, 1054, 5, 0, 0, 0, 0]
    );
    assert_eq!(report.units, vec![(0, expected)]);
    assert_eq!(report.fields.len(), 5);
    assert_eq!(report.field(4).received_direct, 9);
    let early_share = report.total.early as f64 / report.total.resolved_total() as f64;
    assert_eq!(rate_percent(early_share), "99,53%");
}
