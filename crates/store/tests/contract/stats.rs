//! The statistics projection (`dossier_stats`) and the stored form of imported dossiers.

use crate::contract;
use crate::support::{act, at, new_dossier, procedure};
use motcua_app::store::{DossierQuery, ImportStream, Imported, StatsRow, Store};
use motcua_domain::catalogue::ResultKind;
use motcua_domain::dossier::{Action, EventKind};
use motcua_domain::history::{ImportedDossier, ImportedProcedure, parse_line};
use motcua_domain::stats::Rating;
use serde_json::json;
use std::sync::Arc;

contract!(
    every_change_reaches_the_projection_once_past_the_watermark,
    the_projection_reads_in_keyset_pages,
    an_imported_dossier_is_rebuilt_and_its_first_change_keeps_its_events,
    the_projection_keeps_whether_the_result_is_a_document,
);

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

/// Every row changed at or after `since`, page by page; the first page's watermark.
async fn all_changes(store: &dyn Store, since: i64, limit: u32) -> (Vec<StatsRow>, i64) {
    let mut rows = Vec::new();
    let mut after = None;
    let mut watermark = None;
    loop {
        let page = store
            .stats_changes(since, after.take(), limit)
            .await
            .unwrap();
        watermark.get_or_insert(page.watermark);
        let full = page.rows.len() >= limit as usize;
        after = page.rows.last().map(|r| (r.rev, r.code.clone()));
        rows.extend(page.rows);
        if !full {
            return (rows, watermark.unwrap());
        }
    }
}

async fn every_change_reaches_the_projection_once_past_the_watermark(store: Arc<dyn Store>) {
    let (empty, w0) = all_changes(store.as_ref(), 0, 100).await;
    assert!(empty.is_empty());
    let inserted = store
        .insert_dossier(
            new_dossier(DESK, DEPT, at(2026, 3, 2, 9, 0)),
            "tiepnhan",
            None,
        )
        .await
        .unwrap();
    let (rows, w1) = all_changes(store.as_ref(), w0, 100).await;
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.code, inserted.dossier.code);
    assert_eq!(row.competent_unit.as_str(), DEPT);
    assert_eq!(row.procedure_code.as_str(), "1.001193");
    assert_eq!(row.field, procedure().spec.field);
    assert_eq!(row.record.received, at(2026, 3, 2, 9, 0));
    assert_eq!(row.record.due, inserted.dossier.due_at);
    assert_eq!(row.record.ended, None);
    assert!(row.record.digitised && !row.record.online);
    // Nothing new past the watermark. A row may come again (PostgreSQL's watermark is the
    // oldest transaction running anywhere in the cluster), but only as it is now.
    let (again, _) = all_changes(store.as_ref(), w1, 100).await;
    assert!(again.iter().all(|r| r == row), "{again:?}");
    // A change comes back once, with the new state.
    let mut state = inserted.dossier;
    for action in [
        Action::Assign { to: "cv1".into() },
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: Some("kq.pdf".into()),
        },
    ] {
        let (next, events) = act(&state, action, at(2026, 3, 3, 10, 0), "cv1");
        store
            .append_events(&next, state.version, &events)
            .await
            .unwrap();
        state = next;
    }
    let (changed, w2) = all_changes(store.as_ref(), w1, 100).await;
    assert_eq!(
        changed.len(),
        1,
        "the change comes past the watermark: {changed:?}"
    );
    assert_eq!(changed[0].record.ended, Some(at(2026, 3, 3, 10, 0)));
    assert!(changed[0].record.e_result);
    assert!(w2 >= w1);
    // From the start: still one row per dossier, the latest state.
    let (all, _) = all_changes(store.as_ref(), 0, 100).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].record, changed[0].record);
}

async fn the_projection_keeps_whether_the_result_is_a_document(store: Arc<dyn Store>) {
    for (minute, kind) in [(0, ResultKind::Document), (1, ResultKind::NoDocument)] {
        let mut new = new_dossier(DESK, DEPT, at(2026, 3, 2, 9, minute));
        if let Some(EventKind::Created { facts }) = new.events.first_mut() {
            facts.result_kind = kind;
        }
        store.insert_dossier(new, "tiepnhan", None).await.unwrap();
    }
    let (rows, _) = all_changes(store.as_ref(), 0, 100).await;
    let mut kinds: Vec<(chrono::NaiveDateTime, bool)> = rows
        .iter()
        .map(|r| (r.record.received, r.record.document_result))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [(at(2026, 3, 2, 9, 0), true), (at(2026, 3, 2, 9, 1), false)]
    );
}

async fn the_projection_reads_in_keyset_pages(store: Arc<dyn Store>) {
    for minute in 0..7 {
        store
            .insert_dossier(
                new_dossier(DESK, DEPT, at(2026, 3, 2, 9, minute)),
                "tiepnhan",
                None,
            )
            .await
            .unwrap();
    }
    let (paged, _) = all_changes(store.as_ref(), 0, 2).await;
    let (whole, _) = all_changes(store.as_ref(), 0, 100).await;
    assert_eq!(paged.len(), 7);
    assert_eq!(paged, whole);
}

fn legacy(code: &str, ended: bool) -> ImportedDossier {
    let mut line = json!({
        "code": code, "procedure_code": "1.001193", "receiving_unit": DESK,
        "competent_unit": DEPT, "channel": "online", "applicant_name": "Trần Thị B",
        "received_at": "2023-03-01T08:00:00+07:00", "due_at": "2023-03-06T17:00:00+07:00",
        "fee_vnd": 20000, "paid_online": true, "digitized": true,
    });
    if ended {
        line["ended_at"] = json!("2023-03-03T10:00:00+07:00");
        line["outcome"] = json!("approved");
        line["rating"] = json!("rat_hai_long");
    }
    ImportedDossier {
        record: parse_line(&line.to_string()).unwrap(),
        procedure: ImportedProcedure::of(&procedure()),
    }
}

async fn an_imported_dossier_is_rebuilt_and_its_first_change_keeps_its_events(
    store: Arc<dyn Store>,
) {
    let done = legacy("000.20.01.H48-230301-0001", true);
    let open = legacy("000.20.01.H48-230301-0002", false);
    let batch: Vec<Imported> = [done.clone(), open.clone()]
        .into_iter()
        .map(|source| Imported {
            dossier: source.build().unwrap().0,
            source,
        })
        .collect();
    store
        .import_dossiers(ImportStream::of(batch))
        .await
        .unwrap();

    // Read back exactly as rebuilt from the source, events included.
    let (dossier, events) = store.dossier(&done.record.code).await.unwrap().unwrap();
    assert_eq!((dossier.clone(), events.clone()), done.build().unwrap());
    assert_eq!(dossier.rating, Some(Rating::RatHaiLong));
    let listed = store
        .list_dossiers(&DossierQuery {
            limit: motcua_app::store::PageSize::new(Some(10)),
            ..DossierQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.contains(&dossier));

    // Both are in the projection, with the payment.
    let (rows, _) = all_changes(store.as_ref(), 0, 100).await;
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r.record.paid_online && r.record.paid_online_vnd == 20_000)
    );

    // The first change to the open one stores its rebuilt events, then the new ones.
    let (state, rebuilt) = open.build().unwrap();
    let (next, new_events) = act(
        &state,
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
        at(2023, 3, 4, 9, 0),
        "cv1",
    );
    store
        .append_events(&next, state.version, &new_events)
        .await
        .unwrap();
    let (stored, history) = store.dossier(&open.record.code).await.unwrap().unwrap();
    assert_eq!(stored, next);
    let expected: Vec<_> = rebuilt.into_iter().chain(new_events).collect();
    assert_eq!(history, expected);
    let seqs: Vec<u32> = history.iter().map(|e| e.seq).collect();
    assert_eq!(
        seqs,
        (1..=u32::try_from(seqs.len()).unwrap()).collect::<Vec<_>>()
    );
}
