//! Imports of dossier history: one transaction per stream, bulk loading of large ones.

use crate::contract_raw;
use crate::support::{Raw, procedure};
use motcua_app::store::{DossierQuery, ImportStream, Imported, Store, StoreError};
use motcua_domain::history::{ImportedDossier, ImportedProcedure, parse_line};
use motcua_domain::ids::{DossierCode, UnitCode};
use serde_json::json;
use std::sync::Arc;

contract_raw!(
    an_interrupted_import_stores_nothing,
    a_bulk_import_keeps_every_index_and_fails_whole,
    existing_codes_are_found_whether_the_table_or_the_list_is_larger,
);

const DESK: &str = "000.20.01.H48";

/// Imported dossier number `i` of unit `DESK` (up to 1.000 a day from 01/03/2023).
fn imported(i: usize, kept: &ImportedProcedure) -> Imported {
    let day = 1 + i / 1000;
    let line = json!({
        "code": format!("{DESK}-2303{day:02}-{:04}", i % 1000 + 1),
        "procedure_code": "1.001193", "receiving_unit": DESK, "channel": "online",
        "applicant_name": "Trần Thị B", "applicant_phone": format!("09{i:08}"),
        "received_at": format!("2023-03-{day:02}T08:00:00+07:00"),
        "due_at": format!("2023-03-{day:02}T17:00:00+07:00"),
        "ended_at": format!("2023-03-{day:02}T10:00:00+07:00"), "outcome": "approved",
    });
    let source = ImportedDossier {
        record: parse_line(&line.to_string()).unwrap(),
        procedure: kept.clone(),
    };
    Imported {
        dossier: source.build().unwrap().0,
        source,
    }
}

/// A stream of dossiers `range` in batches of 5.000 announcing `expected`, fed by a task.
fn stream(range: std::ops::Range<usize>, expected: usize) -> ImportStream {
    let kept = ImportedProcedure::of(&procedure());
    let (tx, batches) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let all: Vec<usize> = range.collect();
        for chunk in all.chunks(5_000) {
            let batch = chunk.iter().map(|&i| imported(i, &kept)).collect();
            if tx.send(batch).await.is_err() {
                return;
            }
        }
    });
    ImportStream { batches, expected }
}

/// The names of the indexes of the dossier tables.
async fn indexes(raw: &Raw) -> Vec<String> {
    let sql = if raw.is_postgres() {
        "SELECT indexname FROM pg_indexes WHERE tablename IN ('dossiers', 'dossier_stats') \
         ORDER BY indexname"
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'index' \
         AND tbl_name IN ('dossiers', 'dossier_stats') ORDER BY name"
    };
    raw.strings(sql).await
}

async fn an_interrupted_import_stores_nothing(store: Arc<dyn Store>, _raw: Raw) {
    let err = store.import_dossiers(stream(0..2, 3)).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("2/3")),
        "{err:?}"
    );
    assert_eq!(store.count_dossiers().await.unwrap(), 0);
    let page = store.stats_changes(0, None, 10).await.unwrap();
    assert!(page.rows.is_empty());
    // More than announced is refused too.
    assert!(store.import_dossiers(stream(0..3, 2)).await.is_err());
    assert_eq!(store.count_dossiers().await.unwrap(), 0);
}

async fn a_bulk_import_keeps_every_index_and_fails_whole(store: Arc<dyn Store>, raw: Raw) {
    let before = indexes(&raw).await;
    assert!(before.len() >= 10, "{before:?}");
    let n = 25_000;
    assert_eq!(store.import_dossiers(stream(0..n, n)).await.unwrap(), n);
    assert_eq!(indexes(&raw).await, before);
    assert_eq!(store.count_dossiers().await.unwrap(), n as u64);
    if let Raw::Sqlite(path) = &raw {
        // New files have 16 KiB pages, and the WAL is emptied once the import is in.
        let page = raw
            .strings("SELECT CAST(page_size AS TEXT) FROM pragma_page_size()")
            .await;
        assert_eq!(page, ["16384"]);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let size = std::fs::metadata(std::path::PathBuf::from(wal)).map_or(0, |m| m.len());
        assert_eq!(size, 0, "WAL left after the import");
    }
    // Lists by unit read through the rebuilt indexes.
    let page = store
        .list_dossiers(&DossierQuery {
            units: Some(vec![UnitCode::parse(DESK).unwrap()]),
            limit: motcua_app::store::PageSize::new(Some(3)),
            ..DossierQuery::default()
        })
        .await
        .unwrap();
    let codes: Vec<String> = page.iter().map(|d| d.code.to_string()).collect();
    assert_eq!(
        codes,
        [
            "000.20.01.H48-230325-1000",
            "000.20.01.H48-230325-0999",
            "000.20.01.H48-230325-0998"
        ]
    );
    let phones = raw
        .strings("SELECT code FROM dossiers WHERE applicant_phone = '0900012345'")
        .await;
    assert_eq!(phones, ["000.20.01.H48-230313-0346"]);
    // A second bulk import that stops early leaves the first one and every index as they were.
    let err = store
        .import_dossiers(stream(n..n + 5_000, 30_000))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert_eq!(indexes(&raw).await, before);
    assert_eq!(store.count_dossiers().await.unwrap(), n as u64);
}

async fn existing_codes_are_found_whether_the_table_or_the_list_is_larger(
    store: Arc<dyn Store>,
    _raw: Raw,
) {
    assert_eq!(store.import_dossiers(stream(0..4, 4)).await.unwrap(), 4);
    let code = |i: usize| DossierCode::parse(&format!("{DESK}-230301-{i:04}")).unwrap();
    let sorted = |mut codes: Vec<DossierCode>| {
        codes.sort();
        codes
    };
    // Fewer codes asked than stored: each is looked up.
    let found = store.existing_codes(&[code(9), code(2)]).await.unwrap();
    assert_eq!(found, [code(2)]);
    // More codes asked than stored: the stored codes are read once.
    let asked: Vec<DossierCode> = (1..=8).rev().map(code).collect();
    let found = store.existing_codes(&asked).await.unwrap();
    assert_eq!(sorted(found), [code(1), code(2), code(3), code(4)]);
    assert!(store.existing_codes(&[]).await.unwrap().is_empty());
}
