#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fixture itself: both backends give the same organisation, catalogue and users.

use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, WARD1, fixture, password, start, username};

#[tokio::test]
async fn the_fixture_is_the_same_on_both_backends() {
    for backend in Backend::ALL {
        let f = fixture(backend).await;
        assert_eq!(f.now(), start());
        assert_eq!(
            f.app.org().await.unwrap().units().len(),
            4,
            "{}",
            backend.name()
        );
        assert_eq!(f.app.search_procedures("").await.unwrap().len(), 3);
        assert_eq!(
            f.app.procedure(MARRIAGE).await.unwrap().spec.name,
            "Đăng ký kết hôn"
        );
        let name = username(Role::TiepNhan, WARD1);
        assert_eq!(name, "tiep_nhan.w1");
        let actor = f.app.login(&name, &password(Role::TiepNhan)).await.unwrap();
        assert_eq!(actor, f.actor(Role::TiepNhan, WARD1));
        f.advance(chrono::Duration::hours(1));
        assert_eq!(f.now(), start() + chrono::Duration::hours(1));
    }
}
