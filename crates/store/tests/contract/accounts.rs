//! Migrations, units, users and sessions.

use crate::contract;
use crate::support::{a_unit, at};
use motcua_app::store::{SessionRecord, Store, StoreError, UserChange, UserRecord};
use motcua_domain::org::{Grant, Role};
use std::sync::Arc;

contract!(
    migrating_again_is_harmless,
    units_round_trip_and_update_by_code,
    user_names_are_unique,
    sessions_are_stored_and_deleted,
    a_new_browser_session_replaces_the_users_others,
    a_users_sessions_are_deleted_by_kind_and_expired_ones_purged,
    disabling_a_user_ends_their_sessions_and_records_who_and_when,
    the_store_is_ready_to_write,
);

async fn migrating_again_is_harmless(store: Arc<dyn Store>) {
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    assert_eq!(store.count_users().await.unwrap(), 0);
    assert_eq!(store.count_dossiers().await.unwrap(), 0);
}

async fn units_round_trip_and_update_by_code(store: Arc<dyn Store>) {
    let province = a_unit("000.00.00.H48", None);
    let mut ward = a_unit("000.20.01.H48", Some("000.00.00.H48"));
    store
        .put_units(&[ward.clone(), province.clone()])
        .await
        .unwrap();
    assert_eq!(
        store.units().await.unwrap(),
        [province.clone(), ward.clone()]
    );

    ward.name = "Phường Hải Châu".into();
    ward.valid_to = province.valid_from.succ_opt();
    store.put_units(std::slice::from_ref(&ward)).await.unwrap();
    assert_eq!(store.units().await.unwrap(), [province, ward]);
}

fn user(name: &str) -> UserRecord {
    UserRecord {
        username: name.into(),
        full_name: "Trần Thị B".into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        grants: vec![Grant {
            role: Role::TiepNhan,
            unit: crate::support::unit("000.20.01.H48"),
        }],
        active: true,
    }
}

async fn user_names_are_unique(store: Arc<dyn Store>) {
    let alice = user("alice");
    store.create_user(&alice).await.unwrap();
    let mut other = user("alice");
    other.full_name = "Someone else".into();
    assert!(matches!(
        store.create_user(&other).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .create_user(&UserRecord {
            active: false,
            grants: Vec::new(),
            ..user("bob")
        })
        .await
        .unwrap();

    assert_eq!(store.user("alice").await.unwrap(), Some(alice));
    assert!(!store.user("bob").await.unwrap().unwrap().active);
    assert_eq!(store.user("carol").await.unwrap(), None);
    assert_eq!(store.count_users().await.unwrap(), 2);
}

async fn sessions_are_stored_and_deleted(store: Arc<dyn Store>) {
    store.create_user(&user("alice")).await.unwrap();
    let session = SessionRecord {
        token_hash: "ab".repeat(32),
        username: "alice".into(),
        csrf_token: "csrf".into(),
        kind: "session".into(),
        created_at: at(2026, 3, 2, 8, 0),
        expires_at: at(2026, 3, 2, 16, 0),
    };
    store.create_session(&session).await.unwrap();
    assert_eq!(
        store.session(&session.token_hash).await.unwrap(),
        Some(session.clone())
    );
    assert!(matches!(
        store.create_session(&session).await,
        Err(StoreError::Conflict(_))
    ));
    let nobody = SessionRecord {
        token_hash: "cd".repeat(32),
        username: "nobody".into(),
        ..session.clone()
    };
    assert!(matches!(
        store.create_session(&nobody).await,
        Err(StoreError::Conflict(_))
    ));

    store.delete_session(&session.token_hash).await.unwrap();
    assert_eq!(store.session(&session.token_hash).await.unwrap(), None);
    store.delete_session(&session.token_hash).await.unwrap();
}

fn session(hash: &str, username: &str, kind: &str, expires: (u32, u32)) -> SessionRecord {
    SessionRecord {
        token_hash: hash.repeat(32),
        username: username.into(),
        csrf_token: "csrf".into(),
        kind: kind.into(),
        created_at: at(2026, 3, 2, 8, 0),
        expires_at: at(2026, 3, expires.0, expires.1, 0),
    }
}

async fn hashes_of(store: &Arc<dyn Store>, hashes: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for h in hashes {
        if store.session(&h.repeat(32)).await.unwrap().is_some() {
            out.push((*h).to_owned());
        }
    }
    out
}

const ALL: [&str; 6] = ["a1", "a2", "a3", "b1", "c1", "d1"];

async fn a_new_browser_session_replaces_the_users_others(store: Arc<dyn Store>) {
    for name in ["alice", "bob"] {
        store.create_user(&user(name)).await.unwrap();
    }
    store
        .create_session(&session("a1", "alice", "session", (2, 16)))
        .await
        .unwrap();
    store
        .create_session(&session("a2", "alice", "api", (30, 8)))
        .await
        .unwrap();
    store
        .create_session(&session("b1", "bob", "session", (2, 16)))
        .await
        .unwrap();
    // Bob's token expired before the new session's creation: left to the purge, so that the
    // login's own write stays small.
    store
        .create_session(&session("c1", "bob", "api", (2, 7)))
        .await
        .unwrap();
    let mut new = session("a3", "alice", "session", (2, 16));
    new.created_at = at(2026, 3, 2, 9, 0);
    store.replace_sessions(&new).await.unwrap();
    assert_eq!(hashes_of(&store, &ALL).await, ["a2", "a3", "b1", "c1"]);
    assert_eq!(store.session(&new.token_hash).await.unwrap(), Some(new));
}

async fn a_users_sessions_are_deleted_by_kind_and_expired_ones_purged(store: Arc<dyn Store>) {
    for name in ["alice", "bob"] {
        store.create_user(&user(name)).await.unwrap();
    }
    store
        .create_session(&session("a1", "alice", "session", (2, 16)))
        .await
        .unwrap();
    store
        .create_session(&session("a2", "alice", "api", (30, 8)))
        .await
        .unwrap();
    store
        .create_session(&session("a3", "alice", "api", (2, 10)))
        .await
        .unwrap();
    store
        .create_session(&session("b1", "bob", "api", (30, 8)))
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_user_sessions("alice", Some("api"))
            .await
            .unwrap(),
        2
    );
    assert_eq!(hashes_of(&store, &ALL).await, ["a1", "b1"]);
    assert_eq!(
        store
            .delete_user_sessions("alice", Some("api"))
            .await
            .unwrap(),
        0
    );
    store
        .create_session(&session("a2", "alice", "api", (30, 8)))
        .await
        .unwrap();
    assert_eq!(store.delete_user_sessions("alice", None).await.unwrap(), 2);
    assert_eq!(hashes_of(&store, &ALL).await, ["b1"]);

    store
        .create_session(&session("a1", "alice", "session", (2, 16)))
        .await
        .unwrap();
    store
        .create_session(&session("c1", "bob", "session", (2, 12)))
        .await
        .unwrap();
    // Expiring exactly at the instant counts as expired.
    assert_eq!(
        store.purge_sessions(at(2026, 3, 2, 12, 0)).await.unwrap(),
        1
    );
    assert_eq!(hashes_of(&store, &ALL).await, ["a1", "b1"]);
    assert_eq!(store.purge_sessions(at(2026, 4, 1, 0, 0)).await.unwrap(), 2);
    assert_eq!(hashes_of(&store, &ALL).await, Vec::<String>::new());
}

async fn disabling_a_user_ends_their_sessions_and_records_who_and_when(store: Arc<dyn Store>) {
    for name in ["carol", "alice", "bob"] {
        store.create_user(&user(name)).await.unwrap();
    }
    store
        .create_session(&session("a1", "alice", "session", (2, 16)))
        .await
        .unwrap();
    store
        .create_session(&session("a2", "alice", "api", (30, 8)))
        .await
        .unwrap();
    store
        .create_session(&session("b1", "bob", "session", (2, 16)))
        .await
        .unwrap();
    let off = UserChange {
        username: "alice".into(),
        active: false,
        actor: "quantri".into(),
        at: at(2026, 3, 2, 10, 0),
    };
    store.set_user_active(&off).await.unwrap();
    assert!(!store.user("alice").await.unwrap().unwrap().active);
    assert_eq!(hashes_of(&store, &ALL).await, ["b1"]);
    let on = UserChange {
        active: true,
        actor: "cli".into(),
        at: at(2026, 3, 2, 11, 0),
        ..off.clone()
    };
    store.set_user_active(&on).await.unwrap();
    assert!(store.user("alice").await.unwrap().unwrap().active);
    assert_eq!(store.user_changes("alice").await.unwrap(), [off, on]);
    assert!(store.user_changes("bob").await.unwrap().is_empty());
    let nobody = UserChange {
        username: "nobody".into(),
        active: false,
        actor: "quantri".into(),
        at: at(2026, 3, 2, 10, 0),
    };
    assert!(matches!(
        store.set_user_active(&nobody).await,
        Err(StoreError::NotFound(_))
    ));
    let names: Vec<String> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, ["alice", "bob", "carol"]);
}

async fn the_store_is_ready_to_write(store: Arc<dyn Store>) {
    assert!(store.alive());
    store.ready().await.unwrap();
}
