//! The hash chains (docs/operations.md §8): event links, sealed roots, the audit log.

use crate::contract;
use crate::support::new_dossier;
use crate::support::{act, at};
use chrono::NaiveDate;
use motcua_app::chain::{AuditEntry, ChainScope, DayRoot, GENESIS, entry_hash, event_hash};
use motcua_app::store::Store;
use motcua_domain::dossier::Action;
use serde_json::json;
use std::sync::Arc;

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

contract!(
    events_are_linked_in_their_dossier_and_read_back_by_scope,
    a_day_is_sealed_once_and_its_roots_read_back,
    the_audit_log_is_one_chain_also_when_written_at_once,
);

async fn events_are_linked_in_their_dossier_and_read_back_by_scope(store: Arc<dyn Store>) {
    let d = store
        .insert_dossier(
            new_dossier(DESK, DEPT, at(2026, 3, 2, 9, 0)),
            "tiepnhan",
            None,
        )
        .await
        .unwrap()
        .dossier;
    let (next, events) = act(
        &d,
        Action::Assign { to: "cv1".into() },
        at(2026, 3, 3, 10, 0),
        "lanhdao",
    );
    store
        .append_events(&next, d.version, &events)
        .await
        .unwrap();
    let links = store
        .event_links(&ChainScope::default(), None, 100)
        .await
        .unwrap();
    let seqs: Vec<u32> = links.iter().map(|l| l.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);
    assert_eq!(links[0].prev_hash, GENESIS);
    for pair in links.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }
    for l in &links {
        let again = event_hash(
            &l.prev_hash,
            &l.code,
            l.seq,
            l.at,
            &l.actor,
            &l.kind,
            &l.data,
        );
        assert_eq!(again, l.hash, "event {}", l.seq);
    }
    assert_eq!(links[2].actor, "lanhdao");

    // Pages, units, days.
    let page = store
        .event_links(&ChainScope::default(), Some((d.code.to_string(), 1)), 1)
        .await
        .unwrap();
    assert_eq!(page.iter().map(|l| l.seq).collect::<Vec<_>>(), [2]);
    let unit = |u: &str| ChainScope {
        unit: Some(u.into()),
        ..ChainScope::default()
    };
    assert_eq!(
        store
            .event_links(&unit(DESK), None, 100)
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        store
            .event_links(&unit(DEPT), None, 100)
            .await
            .unwrap()
            .len(),
        0
    );
    let tuesday = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let days = ChainScope {
        from: Some(tuesday),
        to: Some(tuesday),
        ..ChainScope::default()
    };
    let written = store.event_links(&days, None, 100).await.unwrap();
    assert_eq!(written.iter().map(|l| l.seq).collect::<Vec<_>>(), [3]);
    assert_eq!(
        store.day_hashes(tuesday).await.unwrap(),
        [(d.code.to_string(), links[2].hash.clone())]
    );
}

async fn a_day_is_sealed_once_and_its_roots_read_back(store: Arc<dyn Store>) {
    store
        .insert_dossier(
            new_dossier(DESK, DEPT, at(2026, 3, 2, 9, 0)),
            "tiepnhan",
            None,
        )
        .await
        .unwrap();
    let monday = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert_eq!(store.unsealed_days(monday).await.unwrap(), []);
    assert_eq!(
        store
            .unsealed_days(monday.succ_opt().unwrap())
            .await
            .unwrap(),
        [monday]
    );
    let root = |r: &str| DayRoot {
        day: monday,
        unit: DESK.into(),
        root: r.repeat(64),
        count: 2,
        sealed_at: at(2026, 3, 4, 0, 10),
    };
    store.put_roots(&[root("a")]).await.unwrap();
    // A second server sealing the same day keeps the first root.
    store.put_roots(&[root("b")]).await.unwrap();
    assert_eq!(store.roots(None, None).await.unwrap(), [root("a")]);
    assert_eq!(store.roots(monday.succ_opt(), None).await.unwrap(), []);
    assert_eq!(
        store
            .unsealed_days(monday.succ_opt().unwrap())
            .await
            .unwrap(),
        []
    );
}

async fn the_audit_log_is_one_chain_also_when_written_at_once(store: Arc<dyn Store>) {
    let entry = |i: u32| AuditEntry {
        at: at(2026, 3, 2, 9, i),
        actor: format!("nguoi_{i}"),
        action: "login".into(),
        what: json!({ "i": i }),
    };
    let writes = (0..6).map(|i| {
        let store = Arc::clone(&store);
        let e = entry(i);
        tokio::spawn(async move { store.append_audit(&e).await })
    });
    for w in writes.collect::<Vec<_>>() {
        w.await.unwrap().unwrap();
    }
    let log = store.audit_log(0, 100).await.unwrap();
    assert_eq!(
        log.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let mut prev = GENESIS.to_owned();
    for r in &log {
        assert_eq!(r.prev_hash, prev);
        let e = &r.entry;
        assert_eq!(
            entry_hash(&prev, r.id, e.at, &e.actor, &e.action, &e.what),
            r.hash
        );
        prev = r.hash.clone();
    }
    assert_eq!(store.audit_log(4, 100).await.unwrap().len(), 2);
}
