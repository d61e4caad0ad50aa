//! Passwords at rest: an Argon2id hash with its own salt, never the password.

use motcua_app::NewUser;
use motcua_domain::org::{Grant, Role};
use motcua_testkit::{Backend, WARD1, fixture};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_stored_as_salted_argon2id_hashes() {
    let f = fixture(Backend::Sqlite).await;
    let unit = f.actor(Role::TiepNhan, WARD1).grants[0].unit.clone();
    let password = "mot-mat-khau-dai";
    for name in ["an.nguyen", "binh.tran"] {
        let user = NewUser {
            username: name.into(),
            full_name: name.into(),
            password: password.into(),
            grants: vec![Grant {
                role: Role::TiepNhan,
                unit: unit.clone(),
            }],
        };
        f.app.create_user(&f.operator(), user).await.unwrap();
    }
    let an = f
        .store
        .user("an.nguyen")
        .await
        .unwrap()
        .unwrap()
        .password_hash;
    let binh = f
        .store
        .user("binh.tran")
        .await
        .unwrap()
        .unwrap()
        .password_hash;
    assert!(an.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{an}");
    assert!(!an.contains(password));
    // The same password, two salts: two different hashes.
    assert_ne!(an, binh);
    assert!(f.app.login("an.nguyen", password).await.is_ok());
    assert!(f.app.login("an.nguyen", "mot-mat-khau-khac").await.is_err());
}
