//! Feedback (PAKN): the import, all or nothing and replacing by code, and the items of a period.

use crate::support::{Raw, at, unit};
use crate::{contract, contract_raw};
use chrono::NaiveDateTime;
use motcua_app::store::Store;
use motcua_domain::feedback::{Classification, FeedbackCode, FeedbackItem};
use std::sync::Arc;

contract!(feedback_of_a_period_is_read_by_unit_and_instants);
contract_raw!(a_feedback_import_replaces_by_code_and_fails_whole);

const WARD: &str = "000.20.01.H48";
const OTHER: &str = "000.20.02.H48";

/// An open item of `unit` received at `received`.
fn item(code: &str, unit_code: &str, received: NaiveDateTime) -> FeedbackItem {
    FeedbackItem {
        code: FeedbackCode::parse(code).unwrap(),
        unit: unit(unit_code),
        received_at: received,
        classification: Classification::QuyDinh,
        refused_at: None,
        supplement_requested_at: None,
        answered_at: None,
        published_at: None,
    }
}

/// Answered and published at these instants.
fn published(i: FeedbackItem, answered: NaiveDateTime, published: NaiveDateTime) -> FeedbackItem {
    FeedbackItem {
        answered_at: Some(answered),
        published_at: Some(published),
        ..i
    }
}

async fn feedback_of_a_period_is_read_by_unit_and_instants(store: Arc<dyn Store>) {
    let ended_before = published(
        item("P-1", WARD, at(2026, 11, 2, 9, 0)),
        at(2026, 11, 10, 9, 0),
        at(2026, 11, 11, 9, 0),
    );
    let carried = published(
        item("P-2", WARD, at(2026, 11, 27, 9, 0)),
        at(2026, 12, 18, 9, 30),
        at(2026, 12, 21, 8, 0),
    );
    let refused = FeedbackItem {
        refused_at: Some(at(2026, 12, 2, 10, 0)),
        classification: Classification::HanhVi,
        ..item("P-3", WARD, at(2026, 12, 1, 9, 0))
    };
    let open = FeedbackItem {
        supplement_requested_at: Some(at(2026, 12, 3, 14, 15)),
        answered_at: Some(at(2026, 12, 20, 9, 0)),
        ..item("P-4", WARD, at(2026, 11, 20, 9, 0))
    };
    let received_after = item("P-5", WARD, at(2027, 1, 4, 9, 0));
    let other_unit = item("P-6", OTHER, at(2026, 12, 1, 9, 0));
    let all = vec![
        open.clone(),
        ended_before.clone(),
        refused.clone(),
        carried.clone(),
        received_after,
        other_unit.clone(),
    ];
    assert_eq!(store.import_feedback(all).await.unwrap(), 6);

    let (from, to) = (at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0));
    let got = store
        .feedback_for_period(&[unit(WARD)], from, to)
        .await
        .unwrap();
    assert_eq!(
        got,
        [carried.clone(), refused, open.clone()],
        "by code, every field kept"
    );
    let both = store
        .feedback_for_period(&[unit(WARD), unit(OTHER)], from, to)
        .await
        .unwrap();
    assert_eq!(both.len(), 4);
    assert_eq!(both[3], other_unit);
    // Ended exactly at `from` still matters; received exactly at `to` does not.
    let ward = [unit(WARD)];
    let from_21 = store
        .feedback_for_period(&ward, at(2026, 12, 21, 8, 0), to)
        .await
        .unwrap();
    assert_eq!(from_21, [carried, open.clone()]);
    let to_27 = store
        .feedback_for_period(&ward, at(2026, 11, 1, 0, 0), at(2026, 11, 27, 9, 0))
        .await
        .unwrap();
    assert_eq!(to_27, [ended_before, open]);
    assert!(
        store
            .feedback_for_period(&[], from, to)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_feedback_import_replaces_by_code_and_fails_whole(store: Arc<dyn Store>, raw: Raw) {
    let first = item("P-1", WARD, at(2026, 12, 1, 9, 0));
    store.import_feedback(vec![first.clone()]).await.unwrap();
    let later = published(first, at(2026, 12, 10, 9, 0), at(2026, 12, 11, 9, 0));
    store.import_feedback(vec![later.clone()]).await.unwrap();
    let (from, to) = (at(2026, 12, 1, 0, 0), at(2027, 1, 1, 0, 0));
    let units = [unit(WARD)];
    let read = || store.feedback_for_period(&units, from, to);
    assert_eq!(read().await.unwrap(), std::slice::from_ref(&later));

    // A row the database refuses: nothing of the import is kept.
    if raw.is_postgres() {
        raw.execute("ALTER TABLE feedback ADD CONSTRAINT no_bad CHECK (code <> 'BAD')")
            .await;
    } else {
        raw.execute(
            "CREATE TRIGGER no_bad BEFORE INSERT ON feedback WHEN NEW.code = 'BAD' \
             BEGIN SELECT RAISE(ABORT, 'bad'); END;",
        )
        .await;
    }
    let batch = vec![
        item("P-2", WARD, at(2026, 12, 2, 9, 0)),
        FeedbackItem {
            answered_at: None,
            published_at: None,
            ..later.clone()
        },
        item("BAD", WARD, at(2026, 12, 3, 9, 0)),
    ];
    assert!(store.import_feedback(batch).await.is_err());
    assert_eq!(read().await.unwrap(), [later]);
    assert_eq!(
        raw.strings("SELECT code FROM feedback ORDER BY code").await,
        ["P-1"]
    );
}
