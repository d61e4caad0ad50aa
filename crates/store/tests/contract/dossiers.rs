//! Dossier codes, idempotency, optimistic concurrency and histories.

use crate::contract;
use crate::support::{act, at, last_numbers, new_dossier};
use motcua_app::Caller;
use motcua_app::idempotency::{Channel as KeyChannel, ClientKey, IdempotencyKey};
use motcua_app::store::{Store, StoreError};
use motcua_domain::dossier::{Action, Status};
use motcua_domain::ids::DossierCode;
use motcua_domain::org::Actor;
use std::sync::Arc;

contract!(
    codes_follow_each_units_daily_sequence,
    an_idempotency_key_replays_the_first_dossier,
    a_stale_version_is_a_conflict,
    a_dossier_comes_back_with_its_events_in_order,
);

const DESK: &str = "000.20.01.H48";
const OTHER: &str = "000.20.02.H48";
const DEPT: &str = "000.10.01.H48";

async fn codes_follow_each_units_daily_sequence(store: Arc<dyn Store>) {
    let monday = at(2026, 3, 2, 9, 0);
    let tuesday = at(2026, 3, 3, 9, 0);
    let mut codes = Vec::new();
    for (desk, now) in [
        (DESK, monday),
        (DESK, monday),
        (OTHER, monday),
        (DESK, tuesday),
        (DESK, monday),
    ] {
        let inserted = store
            .insert_dossier(new_dossier(desk, DEPT, now), "tiepnhan", None)
            .await
            .unwrap();
        assert_eq!(inserted.replay_of, None);
        codes.push(inserted.dossier.code.to_string());
    }
    assert_eq!(
        codes,
        [
            "000.20.01.H48-260302-0001",
            "000.20.01.H48-260302-0002",
            "000.20.02.H48-260302-0001",
            "000.20.01.H48-260303-0001",
            "000.20.01.H48-260302-0003",
        ]
    );
    assert_eq!(
        last_numbers(store.as_ref(), DESK).await,
        [("2026-03-02".into(), 3), ("2026-03-03".into(), 1)]
    );
    assert_eq!(store.count_dossiers().await.unwrap(), 5);
}

/// A key of `user` on the API, bound to `body`.
fn key(user: &str, k: &str, body: &str) -> IdempotencyKey {
    let caller = Caller::staff(Actor {
        username: user.into(),
        full_name: user.into(),
        grants: vec![],
    });
    let client = ClientKey::parse(KeyChannel::Api, k).unwrap();
    IdempotencyKey::for_caller(&caller, client, body.as_bytes())
}

async fn an_idempotency_key_replays_the_first_dossier(store: Arc<dyn Store>) {
    let now = at(2026, 3, 2, 9, 0);
    let first = store
        .insert_dossier(
            new_dossier(DESK, DEPT, now),
            "tiepnhan",
            Some(&key("tn", "key-1", "a")),
        )
        .await
        .unwrap();
    assert_eq!(first.replay_of, None);
    let again = store
        .insert_dossier(
            new_dossier(DESK, DEPT, now),
            "tiepnhan",
            Some(&key("tn", "key-1", "a")),
        )
        .await
        .unwrap();
    assert_eq!(
        again.replay_of.as_deref(),
        Some(key("tn", "key-1", "a").request_digest())
    );
    assert_eq!(again.dossier, first.dossier);
    assert_eq!(again.events, first.events);

    let other = store
        .insert_dossier(
            new_dossier(DESK, DEPT, now),
            "tiepnhan",
            Some(&key("tn", "key-2", "a")),
        )
        .await
        .unwrap();
    assert_eq!(other.replay_of, None);
    assert_eq!(other.dossier.code.as_str(), "000.20.01.H48-260302-0002");
    // Another user's key with the same text is another key.
    let theirs = store
        .insert_dossier(
            new_dossier(DESK, DEPT, now),
            "tiepnhan",
            Some(&key("tn2", "key-1", "a")),
        )
        .await
        .unwrap();
    assert_eq!(theirs.replay_of, None);
    assert_eq!(theirs.dossier.code.as_str(), "000.20.01.H48-260302-0003");
    assert_eq!(store.count_dossiers().await.unwrap(), 3);
    // Keys made before an instant are purged; the dossiers stay.
    assert_eq!(store.purge_idempotency_keys(now).await.unwrap(), 0);
    let later = now + chrono::Duration::seconds(1);
    assert_eq!(store.purge_idempotency_keys(later).await.unwrap(), 3);
    assert_eq!(store.count_dossiers().await.unwrap(), 3);
}

async fn a_stale_version_is_a_conflict(store: Arc<dyn Store>) {
    let now = at(2026, 3, 2, 9, 0);
    let d = store
        .insert_dossier(new_dossier(DESK, DEPT, now), "tiepnhan", None)
        .await
        .unwrap()
        .dossier;
    let assign = Action::Assign { to: "cv1".into() };
    let (assigned, events) = act(&d, assign.clone(), at(2026, 3, 2, 10, 0), "lanhdao");
    store
        .append_events(&assigned, d.version, &events)
        .await
        .unwrap();

    // Decided on the old state, as a second officer would have.
    let (late, late_events) = act(&d, assign, at(2026, 3, 2, 10, 5), "lanhdao2");
    assert!(matches!(
        store.append_events(&late, d.version, &late_events).await,
        Err(StoreError::Conflict(_))
    ));
    let (stored, history) = store.dossier(&d.code).await.unwrap().unwrap();
    assert_eq!(stored, assigned);
    assert_eq!(history.last().unwrap().actor, "lanhdao");

    let mut ghost = assigned.clone();
    ghost.code = DossierCode::parse("000.20.01.H48-260302-0099").unwrap();
    assert!(matches!(
        store.append_events(&ghost, assigned.version, &[]).await,
        Err(StoreError::NotFound(_))
    ));
}

async fn a_dossier_comes_back_with_its_events_in_order(store: Arc<dyn Store>) {
    let inserted = store
        .insert_dossier(
            new_dossier(DESK, DEPT, at(2026, 3, 2, 9, 0)),
            "tiepnhan",
            None,
        )
        .await
        .unwrap();
    let mut state = inserted.dossier.clone();
    let mut history = inserted.events.clone();
    let actions = [
        Action::Assign { to: "cv1".into() },
        Action::CompleteStep {
            to: Some("lanhdao".into()),
            note: "Đủ điều kiện".into(),
        },
        Action::Resolve {
            approved: true,
            reasons: String::new(),
            result_file: None,
        },
    ];
    for (i, action) in actions.into_iter().enumerate() {
        let now = at(2026, 3, 3, 8 + u32::try_from(i).unwrap(), 0);
        let (next, events) = act(&state, action, now, "someone");
        store
            .append_events(&next, state.version, &events)
            .await
            .unwrap();
        history.extend(events);
        state = next;
    }
    let (stored, events) = store.dossier(&state.code).await.unwrap().unwrap();
    assert_eq!(stored, state);
    assert_eq!(stored.status, Status::Resolved);
    assert_eq!(events, history);
    let seqs: Vec<u32> = events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=stored.version).collect::<Vec<_>>());
    let unknown = DossierCode::parse("000.20.01.H48-260302-0042").unwrap();
    assert_eq!(store.dossier(&unknown).await.unwrap(), None);
}
