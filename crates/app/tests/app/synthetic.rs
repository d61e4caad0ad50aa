//! The synthetic province (`motcua seed --synthetic N`) on both databases: exactly N dossiers in
//! one transaction (loaded in bulk on SQLite), counted by the report, refused on a second run.

use chrono::NaiveDate;
use motcua_app::clock::FixedClock;
use motcua_app::{App, AppError};
use motcua_domain::stats::Period;
use motcua_testkit::{Backend, TestDb, start};
use std::sync::Arc;

async fn synthetic_seed(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = db.store().await;
    let app = App::new(store.clone(), Arc::new(FixedClock::new(start())));
    let n = 24_000;
    let mut seen = Vec::new();
    let report = app
        .seed_synthetic(
            &motcua_app::Caller::operator("kiem-thu"),
            n,
            3,
            |done, total| seen.push((done, total)),
        )
        .await
        .unwrap();
    assert_eq!(report.dossiers, n);
    assert_eq!(store.count_dossiers().await.unwrap(), n as u64);
    assert_eq!(seen.last(), Some(&(n, n)));
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    // Every dossier was received in the last three years: the report over them counts each once.
    let today = start().date();
    let period = Period::range(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), today).unwrap();
    let tthc = app
        .report_tthc(&motcua_app::Caller::operator("kiem-thu"), period, None)
        .await
        .unwrap();
    let total = tthc.report.total;
    assert_eq!(total.received_total() + total.carried_over, n as u64);
    assert_eq!(total.carried_over, 0);
    assert_eq!(
        total.received_total(),
        total.resolved_total() + total.pending_total()
    );
    let again = app
        .seed_synthetic(&motcua_app::Caller::operator("kiem-thu"), 10, 1, |_, _| {})
        .await;
    assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
    assert_eq!(store.count_dossiers().await.unwrap(), n as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthetic_seed_sqlite() {
    synthetic_seed(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn synthetic_seed_postgres() {
    synthetic_seed(Backend::Postgres).await;
}
