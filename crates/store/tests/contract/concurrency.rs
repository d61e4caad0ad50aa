//! Concurrent intakes: codes stay unique and gapless; one dossier per idempotency key.

use crate::support::{Raw, at, new_dossier, unit};
use crate::{contract, contract_raw};
use motcua_app::Caller;
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey, IdempotencyKey};
use motcua_app::store::Store;
use motcua_domain::org::Actor;
use std::sync::Arc;
use std::time::Instant;
use tokio::task::JoinSet;

contract!(concurrent_requests_with_one_key_create_one_dossier);
contract_raw!(concurrent_inserts_get_distinct_gapless_codes);

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";
const CONCURRENT: u32 = 200;

async fn concurrent_inserts_get_distinct_gapless_codes(store: Arc<dyn Store>, raw: Raw) {
    let now = at(2026, 3, 2, 9, 0);
    let dossiers: Vec<_> = (0..CONCURRENT)
        .map(|_| new_dossier(DESK, DEPT, now))
        .collect();
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for new in dossiers {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            store
                .insert_dossier(new, "tiepnhan", None)
                .await
                .unwrap()
                .dossier
                .code
                .to_string()
        });
    }
    let mut codes = tasks.join_all().await;
    let backend = if raw.is_postgres() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!(
        "{CONCURRENT} concurrent insert_dossier on {backend}: {:?}",
        started.elapsed()
    );
    codes.sort();
    let expected: Vec<String> = (1..=CONCURRENT)
        .map(|n| format!("{DESK}-260302-{n:04}"))
        .collect();
    assert_eq!(codes, expected);
    let days = store.sequences(&unit(DESK)).await.unwrap();
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].1, CONCURRENT);
    assert_eq!(store.count_dossiers().await.unwrap(), u64::from(CONCURRENT));
}

fn same_key() -> IdempotencyKey {
    let caller = Caller::staff(Actor {
        username: "tiepnhan".into(),
        full_name: "Tiếp nhận".into(),
        grants: vec![],
    });
    let client = ClientKey::parse(KeyChannel::Api, "same-key").unwrap();
    IdempotencyKey::for_caller(&caller, client, b"{}")
}

async fn concurrent_requests_with_one_key_create_one_dossier(store: Arc<dyn Store>) {
    let now = at(2026, 3, 2, 9, 0);
    let mut tasks = JoinSet::new();
    for _ in 0..20 {
        let store = Arc::clone(&store);
        tasks.spawn(async move {
            store
                .insert_dossier(new_dossier(DESK, DEPT, now), "tiepnhan", Some(&same_key()))
                .await
                .unwrap()
        });
    }
    let results = tasks.join_all().await;
    let created = results.iter().filter(|r| r.replay_of.is_none()).count();
    assert_eq!(created, 1);
    assert!(
        results
            .iter()
            .all(|r| r.dossier.code.as_str() == "000.20.01.H48-260302-0001")
    );
    assert_eq!(store.count_dossiers().await.unwrap(), 1);
    // The losers rolled back: no number was used up.
    assert_eq!(store.sequences(&unit(DESK)).await.unwrap()[0].1, 1);
    let next = store
        .insert_dossier(new_dossier(DESK, DEPT, now), "tiepnhan", None)
        .await
        .unwrap();
    assert_eq!(next.dossier.code.as_str(), "000.20.01.H48-260302-0002");
}
