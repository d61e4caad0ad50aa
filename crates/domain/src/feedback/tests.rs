#![allow(clippy::unwrap_used)]
//! Feedback limits and the period rule on real dates of the 2026 calendar, and their
//! properties on random items.

use super::*;
use crate::calendar::{OfficeHours, WorkCalendar};
use crate::deadline::DeadlineEngine;
use crate::ids::UnitCode;
use crate::stats::{Fraction, Period};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use std::sync::OnceLock;

fn calendar() -> &'static WorkCalendar {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    CALENDAR.get_or_init(WorkCalendar::ccvc)
}

fn with_engine<T>(f: impl FnOnce(&DeadlineEngine<'_>) -> T) -> T {
    let hours = OfficeHours::default();
    f(&DeadlineEngine::new(calendar(), &hours))
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An open item received at `received`, about a procedure.
fn item(code: &str, received: NaiveDateTime) -> FeedbackItem {
    FeedbackItem {
        code: FeedbackCode::parse(code).unwrap(),
        unit: UnitCode::parse("H56.01").unwrap(),
        received_at: received,
        classification: Classification::QuyDinh,
        refused_at: None,
        supplement_requested_at: None,
        answered_at: None,
        published_at: None,
    }
}

/// Answered at `answered`, published at `published`.
fn answered(
    i: FeedbackItem,
    answered: NaiveDateTime,
    published: Option<NaiveDateTime>,
) -> FeedbackItem {
    FeedbackItem {
        answered_at: Some(answered),
        published_at: published,
        ..i
    }
}

fn december() -> Period {
    Period::calendar_month(2026, 12).unwrap()
}

fn handled(p: &Period, i: &FeedbackItem) -> Option<Handling> {
    with_engine(|e| handling(p, i, e))
}

#[test]
fn answered_on_the_fifteenth_working_day_is_on_time() {
    // Friday 27/11/2026 09:00, day 0; 30/11 is day 1 … Friday 18/12 is day 15.
    let received = at(2026, 11, 27, 9, 0);
    let limits = with_engine(|e| Limits::of(&item("PAKN-1", received), e));
    assert_eq!(limits.answer, day(2026, 12, 18));
    assert_eq!(limits.refuse, day(2026, 12, 1));
    assert_eq!(limits.request_supplement, day(2026, 12, 4));
    // Answered late on Friday 18/12 (after the time of day of the reception: the whole day
    // counts), published Tuesday 22/12, the second working day after.
    let on_time = answered(
        item("PAKN-1", received),
        at(2026, 12, 18, 16, 30),
        Some(at(2026, 12, 22, 10, 0)),
    );
    assert_eq!(handled(&december(), &on_time), Some(Handling::OnTime));
    // Answered on Monday 21/12: day 16.
    let late = answered(
        item("PAKN-2", received),
        at(2026, 12, 21, 8, 0),
        Some(at(2026, 12, 21, 9, 0)),
    );
    assert_eq!(handled(&december(), &late), Some(Handling::Late));
    // Answered in time, published on Wednesday 23/12: three working days after the answer.
    let published_late = answered(
        item("PAKN-3", received),
        at(2026, 12, 18, 16, 30),
        Some(at(2026, 12, 23, 8, 0)),
    );
    assert_eq!(handled(&december(), &published_late), Some(Handling::Late));
}

#[test]
fn a_reception_after_hours_never_counts_the_reception_day() {
    // Friday 27/11/2026 at 18:00: Monday 30/11 is day 1, so the answer (15 working days) is due
    // on Friday 18/12 and a refusal (2) on Tuesday 01/12 — as for a reception at 10:00 that
    // Friday.
    for received in [at(2026, 11, 27, 18, 0), at(2026, 11, 27, 10, 0)] {
        let i = item("PAKN-1", received);
        let limits = with_engine(|e| Limits::of(&i, e));
        assert_eq!(limits.answer, day(2026, 12, 18));
        assert_eq!(limits.refuse, day(2026, 12, 1));
    }
}

#[test]
fn limits_skip_the_tet_holiday() {
    // Thursday 12/02/2026: Friday 13/02 is day 1, then Tết (14/02–22/02); Monday 23/02 is day 2.
    let i = item("PAKN-1", at(2026, 2, 12, 9, 0));
    let limits = with_engine(|e| Limits::of(&i, e));
    assert_eq!(limits.refuse, day(2026, 2, 23));
}

#[test]
fn refusals_have_two_working_days() {
    // Received Friday 04/12/2026 10:00: refused by Tuesday 08/12 is on time.
    let received = at(2026, 12, 4, 10, 0);
    let refused = |when| FeedbackItem {
        refused_at: Some(when),
        ..item("PAKN-1", received)
    };
    assert_eq!(
        handled(&december(), &refused(at(2026, 12, 8, 16, 59))),
        Some(Handling::OnTime)
    );
    assert_eq!(
        handled(&december(), &refused(at(2026, 12, 9, 7, 30))),
        Some(Handling::Late)
    );
}

#[test]
fn a_late_request_for_more_makes_the_item_late() {
    let received = at(2026, 12, 1, 9, 0);
    // 5 working days: Tuesday 08/12 is the last day.
    let i = FeedbackItem {
        supplement_requested_at: Some(at(2026, 12, 9, 9, 0)),
        ..answered(
            item("PAKN-1", received),
            at(2026, 12, 10, 9, 0),
            Some(at(2026, 12, 10, 10, 0)),
        )
    };
    assert_eq!(handled(&december(), &i), Some(Handling::Late));
    let in_time = FeedbackItem {
        supplement_requested_at: Some(at(2026, 12, 8, 9, 0)),
        ..i
    };
    assert_eq!(handled(&december(), &in_time), Some(Handling::OnTime));
}

#[test]
fn open_items_count_once_past_their_limit() {
    let p = december();
    // Received 01/12: answer due 22/12; still open at the end of December: late.
    let overdue = item("PAKN-1", at(2026, 12, 1, 9, 0));
    assert_eq!(handled(&p, &overdue), Some(Handling::Late));
    // The same item read on 22/12 (its last day) is not counted yet; on 23/12 it is.
    let on_22 = p.read_at(at(2026, 12, 22, 16, 0));
    assert_eq!(handled(&on_22, &overdue), None);
    let on_23 = p.read_at(at(2026, 12, 23, 8, 0));
    assert_eq!(handled(&on_23, &overdue), Some(Handling::Late));
    // Received 20/12: within its limits at the end of December.
    assert_eq!(handled(&p, &item("PAKN-2", at(2026, 12, 20, 9, 0))), None);
    // Answered on time on 10/12, never published: the publication was due by 14/12.
    let unpublished = answered(
        item("PAKN-3", at(2026, 12, 1, 9, 0)),
        at(2026, 12, 10, 9, 0),
        None,
    );
    assert_eq!(handled(&p, &unpublished), Some(Handling::Late));
    // Answered late and not yet published, the publication still in time: late already.
    let late_answer = answered(
        item("PAKN-4", at(2026, 12, 1, 9, 0)),
        at(2026, 12, 30, 9, 0),
        None,
    );
    assert_eq!(handled(&p, &late_answer), Some(Handling::Late));
}

#[test]
fn items_outside_the_period_are_not_counted() {
    let p = december();
    // Ended in November.
    let ended_before = answered(
        item("PAKN-1", at(2026, 11, 2, 9, 0)),
        at(2026, 11, 10, 9, 0),
        Some(at(2026, 11, 11, 9, 0)),
    );
    assert_eq!(handled(&p, &ended_before), None);
    // Received in January.
    assert_eq!(handled(&p, &item("PAKN-2", at(2027, 1, 4, 9, 0))), None);
    // Received in November, ended in December: counted in December.
    let carried = answered(
        item("PAKN-3", at(2026, 11, 27, 9, 0)),
        at(2026, 12, 18, 9, 0),
        Some(at(2026, 12, 18, 10, 0)),
    );
    assert_eq!(handled(&p, &carried), Some(Handling::OnTime));
    assert_eq!(
        handled(&Period::calendar_month(2026, 11).unwrap(), &carried),
        None
    );
}

#[test]
fn nine_of_ten_on_time() {
    let received = at(2026, 12, 1, 9, 0);
    let mut items: Vec<FeedbackItem> = (0..9)
        .map(|n| {
            answered(
                item(&format!("PAKN-{n}"), received),
                at(2026, 12, 10, 9, 0),
                Some(at(2026, 12, 11, 9, 0)),
            )
        })
        .collect();
    items.push(item("PAKN-9", received));
    // Received 28/12, still within its limits at the end of December: not counted.
    items.push(item("PAKN-10", at(2026, 12, 28, 9, 0)));
    let f = with_engine(|e| on_time(&december(), &items, e));
    assert_eq!(
        f,
        Fraction {
            numerator: 9,
            denominator: 10
        }
    );
    assert_eq!(f.rate_vi(), "90,00%");
}

#[test]
fn lines_are_parsed_and_checked_field_by_field() {
    let ok = parse_line(
        r#"{"code":"PAKN-2026-0001","unit":"H56.01","received_at":"2026-11-27T09:00:00+07:00",
            "classification":"hanh_vi","refused_at":null,"supplement_requested_at":null,
            "answered_at":"2026-12-18T02:00:00Z","published_at":"2026-12-21T09:00:00+07:00"}"#,
    )
    .unwrap();
    assert_eq!(ok.classification, Classification::HanhVi);
    assert_eq!(ok.answered_at, Some(at(2026, 12, 18, 9, 0)));
    assert_eq!(ok.ended_at(), Some(at(2026, 12, 21, 9, 0)));
    let field = |line: &str| parse_line(line).unwrap_err().field;
    let base = r#""code":"P1","unit":"H56.01","received_at":"2026-11-27T09:00:00+07:00""#;
    assert_eq!(field(&format!("{{{base}}}")), "classification");
    assert_eq!(
        field(&format!(r#"{{{base},"classification":"khac"}}"#)),
        "classification"
    );
    assert_eq!(
        field(&format!(
            r#"{{{base},"classification":"quy_dinh","answered_at":"2026-11-26T09:00:00+07:00"}}"#
        )),
        "answered_at"
    );
    assert_eq!(
        field(&format!(
            r#"{{{base},"classification":"quy_dinh","published_at":"2026-11-28T09:00:00+07:00"}}"#
        )),
        "published_at"
    );
    assert_eq!(
        field(&format!(
            r#"{{{base},"classification":"quy_dinh","refused_at":"2026-11-28T09:00:00+07:00","answered_at":"2026-11-30T09:00:00+07:00"}}"#
        )),
        "refused_at"
    );
    assert_eq!(
        field(
            r#"{"code":"P1","unit":"H56.01","received_at":"hôm qua","classification":"quy_dinh"}"#
        ),
        "received_at"
    );
    assert_eq!(
        field(
            r#"{"code":"a b","unit":"H56.01","received_at":"2026-11-27T09:00:00+07:00","classification":"quy_dinh"}"#
        ),
        "code"
    );
    assert_eq!(field("không phải JSON"), "-");
}

/// A random consistent item received in 2026 (any hour), with some of its milestones.
fn random_item() -> impl Strategy<Value = FeedbackItem> {
    (
        0i64..365 * 24 * 60,
        0u8..5,
        proptest::option::of(0i64..12 * 24 * 60),
        0i64..40 * 24 * 60,
        0i64..10 * 24 * 60,
    )
        .prop_map(|(received, kind, supplement, answer, publish)| {
            let received = at(2026, 1, 1, 0, 0) + Duration::minutes(received);
            let mut i = item("PAKN-X", received);
            let after = |m: i64| received + Duration::minutes(m);
            match kind {
                0 => i.refused_at = Some(after(answer / 4)),
                1 => i.answered_at = Some(after(answer)),
                2 | 3 => {
                    i.answered_at = Some(after(answer));
                    i.published_at = Some(after(answer + publish));
                }
                _ => {}
            }
            i.supplement_requested_at = supplement
                .map(after)
                .filter(|s| i.answered_at.is_none_or(|a| *s <= a));
            i
        })
}

fn random_period() -> impl Strategy<Value = Period> {
    (1u32..=12, 1u32..=3).prop_map(|(m, n)| Period::calendar(2026, m, n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_limit_is_its_number_of_working_days_after_day_0(
        received in 0i64..365 * 24 * 60,
        m in proptest::sample::select(Milestone::ALL.to_vec()),
    ) {
        let received = at(2026, 1, 1, 0, 0) + Duration::minutes(received);
        let last = with_engine(|e| limit_date(e, received, m));
        let (day0, whole) = with_engine(|e| {
            let start = e.clock_start(received);
            (start.date(), e.is_opening_of_working_day(start))
        });
        let c = calendar();
        prop_assert!(c.is_working(last));
        // Counting from an opening, the first day is day 1 (docs/rules.md §5.2).
        let counted = day0.iter_days().skip(usize::from(!whole)).take_while(|d| *d <= last).filter(|d| c.is_working(*d)).count();
        prop_assert_eq!(counted, m.working_days() as usize);
    }

    #[test]
    fn generated_items_are_consistent_and_handling_sooner_is_never_worse(
        i in random_item(),
        p in random_period(),
        earlier in 0i64..3 * 24 * 60,
    ) {
        prop_assert_eq!(i.check(), Ok(()));
        let before = handled(&p, &i);
        // The milestones moved earlier, but the answer (publication counts from it) and
        // never before what they follow.
        let move_back = |t: Option<NaiveDateTime>, floor: NaiveDateTime| {
            t.map(|t| (t - Duration::minutes(earlier)).max(floor))
        };
        let sooner = FeedbackItem {
            refused_at: move_back(i.refused_at, i.received_at),
            supplement_requested_at: move_back(i.supplement_requested_at, i.received_at),
            published_at: move_back(i.published_at, i.answered_at.unwrap_or(i.received_at)),
            ..i.clone()
        };
        prop_assert_eq!(sooner.check(), Ok(()));
        let after = handled(&p, &sooner);
        let ends_in_both = |x: &FeedbackItem| x.ended_at().is_some_and(|e| e >= p.start() && e < p.end());
        if ends_in_both(&i) && ends_in_both(&sooner) && before == Some(Handling::OnTime) {
            prop_assert_eq!(after, Some(Handling::OnTime));
        }
    }

    #[test]
    fn ended_in_the_period_is_counted_ended_before_is_not(i in random_item(), p in random_period()) {
        let h = handled(&p, &i);
        match i.ended_at() {
            Some(e) if e < p.start() => prop_assert_eq!(h, None),
            Some(e) if e < p.end() => prop_assert!(h.is_some()),
            _ => {}
        }
        if i.received_at >= p.end() {
            prop_assert_eq!(h, None);
        }
    }

    #[test]
    fn fractions_add_up_over_any_split(
        items in proptest::collection::vec(random_item(), 0..60),
        p in random_period(),
        cut in 0usize..60,
    ) {
        let (a, b) = items.split_at(cut.min(items.len()));
        let (fa, fb, all) = with_engine(|e| (on_time(&p, a, e), on_time(&p, b, e), on_time(&p, &items, e)));
        prop_assert!(all.numerator <= all.denominator);
        prop_assert_eq!(fa.numerator + fb.numerator, all.numerator);
        prop_assert_eq!(fa.denominator + fb.denominator, all.denominator);
        let counted = items.iter().filter(|i| handled(&p, i).is_some()).count() as u64;
        prop_assert_eq!(all.denominator, counted);
    }
}

/// Found by the property above: a supplement request recorded after the refusal that ended the
/// item must not make it late.
#[test]
fn a_milestone_after_the_refusal_does_not_count() {
    let received = at(2026, 11, 19, 6, 58);
    let item = FeedbackItem {
        refused_at: Some(received),
        supplement_requested_at: Some(at(2026, 11, 28, 0, 0)),
        ..item("PAKN-X", received)
    };
    let p = Period::calendar_month(2026, 11).unwrap();
    assert_eq!(handled(&p, &item), Some(Handling::OnTime));
}
