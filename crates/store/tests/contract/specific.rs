//! Behaviour specific to one backend: SQLite backups and group commit, PostgreSQL backups.

use crate::support::{TempDb, at, new_dossier};
use motcua_app::store::{Store, StoreError};
use motcua_store::{SqliteOptions, SqliteStore};
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Barrier;
use tokio::task::JoinSet;

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

async fn open(path: &Path, options: SqliteOptions) -> Arc<SqliteStore> {
    let store = SqliteStore::open(path, options).await.unwrap();
    store.migrate().await.unwrap();
    Arc::new(store)
}

/// Inserts `n` dossiers at once (released together by a barrier) and waits for all.
async fn insert_concurrently(store: &Arc<SqliteStore>, n: usize) {
    let now = at(2026, 3, 2, 9, 0);
    let dossiers: Vec<_> = (0..n).map(|_| new_dossier(DESK, DEPT, now)).collect();
    let start = Arc::new(Barrier::new(n));
    let mut tasks = JoinSet::new();
    for new in dossiers {
        let store = Arc::clone(store);
        let start = Arc::clone(&start);
        tasks.spawn(async move {
            start.wait().await;
            store.insert_dossier(new, "tiepnhan", None).await.unwrap();
        });
    }
    tasks.join_all().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_group_commit_batches_concurrent_writes() {
    let path = TempDb::new("motcua_group");
    let store = open(&path, SqliteOptions::default()).await;
    let before = store.commits();
    insert_concurrently(&store, 200).await;
    let commits = store.commits() - before;
    println!("200 concurrent inserts, group commit on: {commits} commits");
    assert!(
        commits <= 50,
        "{commits} commits for 200 concurrent inserts"
    );
    assert_eq!(store.count_dossiers().await.unwrap(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_without_group_commit_commits_every_write() {
    let path = TempDb::new("motcua_nogroup");
    let options = SqliteOptions {
        group_commit: false,
        ..SqliteOptions::default()
    };
    let store = open(&path, options).await;
    let before = store.commits();
    insert_concurrently(&store, 50).await;
    assert_eq!(store.commits() - before, 50);
    assert_eq!(store.count_dossiers().await.unwrap(), 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_failing_write_does_not_spoil_its_batch() {
    let path = TempDb::new("motcua_batch");
    let store = open(&path, SqliteOptions::default()).await;
    let mut tasks = JoinSet::new();
    for i in 0..40 {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            let now = at(2026, 3, 2, 9, 0);
            if i % 4 == 0 {
                // Conflicts: the dossier does not exist.
                let ghost = store
                    .insert_dossier(new_dossier(DESK, DEPT, now), "x", None)
                    .await
                    .unwrap()
                    .dossier;
                store
                    .append_events(&ghost, ghost.version + 7, &[])
                    .await
                    .is_err()
            } else {
                store
                    .insert_dossier(new_dossier(DESK, DEPT, now), "x", None)
                    .await
                    .is_ok()
            }
        });
    }
    assert!(tasks.join_all().await.into_iter().all(|ok| ok));
    assert_eq!(store.count_dossiers().await.unwrap(), 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_is_a_consistent_copy_taken_while_writing() {
    let path = TempDb::new("motcua_live");
    let during = TempDb::new("motcua_backup_during");
    let after = TempDb::new("motcua_backup_after");
    let store = open(&path, SqliteOptions::default()).await;
    insert_concurrently(&store, 50).await;

    let writer = {
        let store = Arc::clone(&store);
        tokio::spawn(async move { insert_concurrently(&store, 150).await })
    };
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    store.backup(&during).await.unwrap();
    writer.await.unwrap();
    assert!(matches!(
        store.backup(&during).await,
        Err(StoreError::Conflict(_))
    ));
    store.backup(&after).await.unwrap();

    let copy = open(&during, SqliteOptions::default()).await;
    let n = copy.count_dossiers().await.unwrap();
    println!("backup taken during 150 inserts holds {n} of 200 dossiers");
    assert!((50..=200).contains(&n), "{n} dossiers in the backup");
    // Consistent: the sequence matches the dossiers, each one whole.
    let days = copy.sequences(&crate::support::unit(DESK)).await.unwrap();
    assert_eq!(u64::from(days[0].1), n);
    for d in copy.list_dossiers(&Default::default()).await.unwrap() {
        let (state, events) = copy.dossier(&d.code).await.unwrap().unwrap();
        assert_eq!(events.len(), state.version as usize);
    }

    let full = open(&after, SqliteOptions::default()).await;
    assert_eq!(full.count_dossiers().await.unwrap(), 200);
    let live = store.list_dossiers(&Default::default()).await.unwrap();
    let copied = full.list_dossiers(&Default::default()).await.unwrap();
    assert_eq!(copied, live);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_urls_open_a_file_with_options() {
    let path = TempDb::new("motcua_url");
    let url = format!("sqlite://{}?group_commit=off", path.display());
    let store = motcua_store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    assert!(path.exists());
    let raw = crate::support::Raw::Sqlite(path.to_path_buf());
    assert_eq!(raw.strings("PRAGMA journal_mode").await, ["wal"]);
    assert_eq!(store.count_users().await.unwrap(), 0);
    assert!(motcua_store::connect("mysql://localhost/x").await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backups_are_left_to_pg_dump() {
    crate::support::on_postgres(|store, _| async move {
        let out = TempDb::new("motcua_pg_backup");
        assert!(matches!(
            store.backup(&out).await,
            Err(StoreError::Unsupported(_))
        ));
        assert!(!out.exists());
    })
    .await;
}
