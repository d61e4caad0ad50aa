//! Feedback (PAKN) through the use cases: the import checks every line, and the periodic
//! report and the 766 index of a unit count the feedback of its subtree.

use chrono::NaiveDate;
use motcua_app::{AppError, FeedbackOptions};
use motcua_domain::org::Role;
use motcua_domain::stats::{Fraction, IndicatorId, Period};
use motcua_testkit::{Backend, PROVINCE, WARD1, WARD2, fixture};
use serde_json::json;

/// A line of `unit` received on Monday 02/11/2026 09:00; answered on `answered` (a day of
/// November 2026) and published the same day.
fn line(code: &str, unit: &str, answered: u32) -> String {
    let at = format!("2026-11-{answered:02}T15:00:00+07:00");
    json!({
        "code": code, "unit": unit, "received_at": "2026-11-02T09:00:00+07:00",
        "classification": "quy_dinh", "answered_at": at, "published_at": at,
    })
    .to_string()
}

fn november() -> Period {
    Period::calendar_month(2026, 11).unwrap()
}

fn fraction(numerator: u64, denominator: u64) -> Option<Fraction> {
    Some(Fraction {
        numerator,
        denominator,
    })
}

async fn feedback_is_checked_then_counted_over_the_report_scope(backend: Backend) {
    let f = fixture(backend).await;
    f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    );
    // Ward one: answered on day 15 (23/11) and day 16 (24/11); ward two: on day 8.
    let good = [
        line("P-1", WARD1, 23),
        line("P-2", WARD1, 24),
        line("P-3", WARD2, 12),
    ];
    let mut bad = format!(
        "{}\n\n{}\n{}\n{}\n",
        good[0],
        good[1],
        line("P-1", WARD1, 10),
        line("P-4", "T01.X9", 10)
    )
    .into_bytes();
    // Line 6 is Latin-1, not UTF-8: that line's error, not the whole file's.
    bad.extend_from_slice(b"{\"code\": \"P-5\", \"classification\": \"quy \xF0inh\"}\n");
    let Err(AppError::Feedback(errors)) = f
        .app
        .import_feedback(&f.operator(), &bad, FeedbackOptions::default())
        .await
    else {
        panic!("a bad file is refused");
    };
    let found: Vec<(usize, &str)> = errors.iter().map(|(n, e)| (*n, e.field.as_str())).collect();
    assert_eq!(found, [(4, "code"), (5, "unit"), (6, "-")]);
    assert!(errors[2].1.message.contains("UTF-8"), "{}", errors[2].1);
    let cchc = f.caller(Role::Cchc, PROVINCE);
    let r = f.app.report_tthc(&cchc, november(), None).await.unwrap();
    assert_eq!(r.figures.feedback_on_time, None, "nothing imported");

    let report = f
        .app
        .import_feedback(
            &f.operator(),
            good.join("\n").as_bytes(),
            FeedbackOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!((report.imported, report.skipped.len()), (3, 0));

    let r = f.app.report_tthc(&cchc, november(), None).await.unwrap();
    assert_eq!(
        r.figures.feedback_on_time,
        fraction(2, 3),
        "the province's subtree"
    );
    let x = f.app.index766(&cchc, november(), None).await.unwrap();
    let i = x.index.indicator(IndicatorId::FeedbackOnTime).unwrap();
    assert_eq!((i.numerator, i.denominator), (2, 3));
    assert!(i.computable);
    // The dashboard shows the same index, and each ward's rank counts its own feedback.
    let d = f.app.dashboard(&cchc, november(), None).await.unwrap();
    assert_eq!(d.index, x.index);
    let ward_5_2: Vec<(String, u64, u64)> = d
        .ranking
        .iter()
        .filter_map(|r| {
            let i = r.index.indicator(IndicatorId::FeedbackOnTime)?;
            i.computable
                .then(|| (r.unit.code.to_string(), i.numerator, i.denominator))
        })
        .collect();
    assert_eq!(
        ward_5_2,
        [(WARD2.to_owned(), 1, 1), (WARD1.to_owned(), 1, 2)],
        "by rank"
    );

    let leader = f.caller(Role::LanhDao, WARD1);
    let r = f.app.report_tthc(&leader, november(), None).await.unwrap();
    assert_eq!(r.figures.feedback_on_time, fraction(1, 2), "ward one only");
    let e = f
        .app
        .report_tthc(&leader, november(), Some(WARD2.parse().unwrap()))
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Forbidden(_)), "{e:?}");
    // October: nothing received yet, so no feedback data.
    let october = Period::calendar_month(2026, 10).unwrap();
    let r = f.app.report_tthc(&cchc, october, None).await.unwrap();
    assert_eq!(r.figures.feedback_on_time, None);
}

#[tokio::test]
async fn feedback_is_checked_then_counted_over_the_report_scope_sqlite() {
    feedback_is_checked_then_counted_over_the_report_scope(Backend::Sqlite).await;
}

#[tokio::test]
async fn feedback_is_checked_then_counted_over_the_report_scope_postgres() {
    feedback_is_checked_then_counted_over_the_report_scope(Backend::Postgres).await;
}
