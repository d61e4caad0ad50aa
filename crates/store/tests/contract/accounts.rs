//! Migrations, units, users and sessions.

use crate::contract;
use crate::support::{a_unit, at};
use motcua_app::store::{SessionRecord, Store, StoreError, UserRecord};
use motcua_domain::org::{Grant, Role};
use std::sync::Arc;

contract!(
    migrating_again_is_harmless,
    units_round_trip_and_update_by_code,
    user_names_are_unique,
    sessions_are_stored_and_deleted,
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
