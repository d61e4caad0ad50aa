//! Checkpoints on both backends; SQLite backup files: what they hold, and restoring one without
//! giving a dossier code twice.

use crate::support::{Raw, TempDb, at, new_dossier, new_online_dossier, unit};
use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::store::Store;
use motcua_store::{FileError, RestoreOptions, SqliteOptions, SqliteStore, inspect, restore};
use std::path::Path;
use std::sync::Arc;

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

crate::contract_raw!(checkpoint_keeps_every_write_and_empties_the_wal);

async fn checkpoint_keeps_every_write_and_empties_the_wal(store: Arc<dyn Store>, raw: Raw) {
    let now = at(2026, 3, 2, 9, 0);
    let mut codes = Vec::new();
    for _ in 0..5 {
        let new = new_dossier(DESK, DEPT, now);
        codes.push(
            store
                .insert_dossier(new, "x", None)
                .await
                .unwrap()
                .dossier
                .code,
        );
    }
    store.checkpoint().await.unwrap();
    for code in &codes {
        assert!(store.dossier(code).await.unwrap().is_some(), "{code}");
    }
    if let Raw::Sqlite(path) = &raw {
        assert_eq!(wal_bytes(path), 0);
    }
    assert_eq!(store.count_dossiers().await.unwrap(), 5);
}

/// Size of the WAL file next to `db` (0 when absent).
fn wal_bytes(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

async fn open(path: &Path) -> Arc<SqliteStore> {
    let store = SqliteStore::open(path, SqliteOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Arc::new(store)
}

/// Submits a dossier online at `now`; answers its submission number.
async fn submit(store: &dyn Store, now: NaiveDateTime) -> String {
    let new = new_online_dossier(DESK, DEPT, now);
    let d = store.insert_dossier(new, "x", None).await.unwrap().dossier;
    d.code.to_string()
}

/// Inserts `n` dossiers at `now`; answers their sequence numbers.
async fn insert(store: &SqliteStore, n: usize, now: NaiveDateTime) -> Vec<u32> {
    let mut numbers = Vec::new();
    for _ in 0..n {
        let inserted = store
            .insert_dossier(new_dossier(DESK, DEPT, now), "x", None)
            .await
            .unwrap();
        numbers.push(inserted.dossier.code.parts().unwrap().2);
    }
    numbers
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_files_say_what_they_hold() {
    let live = TempDb::new("motcua_inspect_live");
    let copy = TempDb::new("motcua_inspect_copy");
    let store = open(&live).await;
    insert(&store, 7, at(2026, 3, 2, 9, 15)).await;
    store.backup(&copy).await.unwrap();
    // The backup emptied the WAL of the live database.
    assert_eq!(wal_bytes(&live), 0);
    let report = inspect(&copy, day()).unwrap();
    assert_eq!(report.dossiers, 7);
    assert_eq!(report.events, 14, "each intake writes two events");
    assert_eq!(report.units, 0);
    assert_eq!(report.users, 0);
    assert_eq!(report.last_event, Some(at(2026, 3, 2, 9, 15)));
    assert_eq!(report.sequences_on_day, [(DESK.to_owned(), 7)]);
    assert!(report.schema_current);
    assert_eq!(report.bytes, std::fs::metadata(&*copy).unwrap().len());
    let other_day = inspect(&copy, day().succ_opt().unwrap()).unwrap();
    assert!(other_day.sequences_on_day.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_damaged_or_foreign_file_is_refused() {
    let live = TempDb::new("motcua_damaged_live");
    let copy = TempDb::new("motcua_damaged_copy");
    let store = open(&live).await;
    insert(&store, 300, at(2026, 3, 2, 9, 0)).await;
    store.backup(&copy).await.unwrap();
    // Overwrite part of a page in the middle of the file.
    let mut bytes = std::fs::read(&*copy).unwrap();
    let middle = (bytes.len() / 2 / 16384) * 16384 + 100;
    bytes[middle..middle + 3000].fill(0xff);
    std::fs::write(&*copy, &bytes).unwrap();
    match inspect(&copy, day()) {
        Err(FileError::Corrupt(problems)) => assert!(!problems.is_empty()),
        other => panic!("a damaged file passed: {other:?}"),
    }
    let text = TempDb::new("motcua_not_a_db");
    std::fs::write(&*text, "không phải cơ sở dữ liệu ".repeat(400)).unwrap();
    assert!(matches!(
        inspect(&text, day()),
        Err(FileError::Unreadable(_))
    ));
    let foreign = TempDb::new("motcua_foreign");
    rusqlite::Connection::open(&*foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER)")
        .unwrap();
    assert_eq!(inspect(&foreign, day()), Err(FileError::NotMotcua));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_backup_from_a_newer_build_is_refused() {
    let live = TempDb::new("motcua_newer_live");
    let copy = TempDb::new("motcua_newer_copy");
    let store = open(&live).await;
    store.backup(&copy).await.unwrap();
    rusqlite::Connection::open(&*copy)
        .unwrap()
        .execute_batch("INSERT INTO schema_migrations (version) VALUES (9999)")
        .unwrap();
    assert_eq!(inspect(&copy, day()), Err(FileError::NewerSchema(9999)));
    let target = TempDb::new("motcua_newer_target");
    let options = options(at(2026, 3, 2, 17, 0), 1000, false);
    assert_eq!(
        restore(&copy, &target, &options),
        Err(FileError::NewerSchema(9999))
    );
    assert!(!target.exists());
}

fn options(now: NaiveDateTime, margin: u32, force: bool) -> RestoreOptions {
    RestoreOptions { margin, force, now }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_restore_never_gives_a_code_twice() {
    let live = TempDb::new("motcua_restore_live");
    let copy = TempDb::new("motcua_restore_copy");
    let store = open(&live).await;
    assert_eq!(
        insert(&store, 5, at(2026, 3, 2, 9, 0)).await,
        [1, 2, 3, 4, 5]
    );
    assert_eq!(
        submit(store.as_ref(), at(2026, 3, 2, 9, 30)).await,
        "000.20.01.H48-260302-TT0001"
    );
    store.backup(&copy).await.unwrap();
    // Issued after the backup, then lost with the database.
    assert_eq!(insert(&store, 3, at(2026, 3, 2, 10, 0)).await, [6, 7, 8]);
    submit(store.as_ref(), at(2026, 3, 2, 10, 30)).await;
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = live.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }

    // Restored the next day, with a margin of 1000.
    let now = at(2026, 3, 3, 8, 0);
    let report = restore(&copy, &live, &options(now, 1000, false)).unwrap();
    assert_eq!(report.backup.dossiers, 6);
    assert_eq!(report.days, (day(), day().succ_opt().unwrap()));
    assert_eq!(report.units, 1);
    assert_eq!(report.moved.len(), 1);
    assert_eq!(report.moved[0].day, day());
    assert_eq!(report.moved[0].backup_last, 5);
    assert_eq!(report.moved[0].last, 1005);
    assert_eq!(report.kept, None);

    let store = open(&live).await;
    assert_eq!(store.count_dossiers().await.unwrap(), 6);
    assert_eq!(
        store.sequences(&unit(DESK)).await.unwrap(),
        [(day(), 1005), (day().succ_opt().unwrap(), 1000)]
    );
    // A late entry for the restored day and a new one today: both past every issued code.
    assert_eq!(insert(&store, 1, at(2026, 3, 2, 16, 0)).await, [1006]);
    assert_eq!(insert(&store, 1, now).await, [1001]);
    // Submission numbers move the same way.
    assert_eq!(
        submit(store.as_ref(), at(2026, 3, 2, 16, 30)).await,
        "000.20.01.H48-260302-TT1002"
    );
    assert_eq!(
        submit(store.as_ref(), now).await,
        "000.20.01.H48-260303-TT1001"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_restore_refuses_a_database_in_use_or_holding_dossiers() {
    let live = TempDb::new("motcua_inuse_live");
    let copy = TempDb::new("motcua_inuse_copy");
    let store = open(&live).await;
    insert(&store, 4, at(2026, 3, 2, 9, 0)).await;
    store.backup(&copy).await.unwrap();
    insert(&store, 9, at(2026, 3, 2, 11, 0)).await;
    let now = at(2026, 3, 2, 17, 0);
    // A server has it open: refused, even with force.
    assert_eq!(
        restore(&copy, &live, &options(now, 100, true)),
        Err(FileError::InUse)
    );
    drop(store);
    // Stopped, but it holds dossiers: refused without force.
    assert_eq!(
        restore(&copy, &live, &options(now, 100, false)),
        Err(FileError::NotEmpty { dossiers: 13 })
    );
    let report = restore(&copy, &live, &options(now, 100, true)).unwrap();
    // The replaced database had issued 13 that day: the sequence goes past it.
    assert_eq!(report.moved[0].backup_last, 4);
    assert_eq!(report.moved[0].replaced_last, Some(13));
    assert_eq!(report.moved[0].last, 113);
    let kept = report.kept.unwrap();
    assert!(
        kept.to_str()
            .unwrap()
            .ends_with(".truoc-khoi-phuc-20260302-170000")
    );
    let old = open(&kept).await;
    assert_eq!(old.count_dossiers().await.unwrap(), 13);
    drop(old);
    let restored = open(&live).await;
    assert_eq!(restored.count_dossiers().await.unwrap(), 4);
    assert_eq!(insert(&restored, 1, now).await, [114]);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = kept.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}
