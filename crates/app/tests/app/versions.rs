//! Actions carry the version of the dossier they were decided on (docs/rules.md §6.12): an action
//! decided on a stale screen is refused with the current state, and of several servers acting
//! on the same version, exactly one writes.

use motcua_app::{App, AppError};
use motcua_domain::dossier::{Action, Status, Version};
use motcua_domain::org::Role;
use motcua_testkit::desk_request as request;
use motcua_testkit::{Backend, MARRIAGE, WARD1, fixture};

fn complete() -> Action {
    Action::CompleteStep {
        to: None,
        note: String::new(),
    }
}

async fn a_stale_version_is_refused_with_the_current_state(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    let leader = f.caller(Role::LanhDao, WARD1);
    let d = f
        .app
        .intake(&desk, request(MARRIAGE, None, "An"), None)
        .await
        .unwrap();
    let code = d.dossier.code.to_string();
    let seen = Version::of(&d.dossier);
    assert_eq!(seen.get(), 2, "created and received");
    // Another officer assigns the dossier meanwhile.
    let assigned = f
        .app
        .act(
            &leader,
            &code,
            seen,
            Action::Assign {
                to: "chuyen_vien.w1".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(assigned.dossier.version, 3);
    // The first screen still shows version 2: its action is refused, nothing is written.
    let err = f
        .app
        .act(&leader, &code, seen, complete())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "stale_version");
    assert!(
        matches!(
            err,
            AppError::Stale {
                version: 3,
                status: Status::InProgress
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "hồ sơ đã được người khác cập nhật (nay ở phiên bản 3, trạng thái «Đang giải quyết»); \
         vui lòng xem lại hồ sơ rồi thực hiện lại thao tác"
    );
    let now = f.app.dossier(&leader, &code).await.unwrap();
    assert_eq!(now.dossier.version, 3);
    assert_eq!(now.dossier.current_step, Some(0));
    // A version from the future is as stale as one from the past.
    let err = f
        .app
        .act(&leader, &code, Version::parse("9").unwrap(), complete())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "stale_version");
    // Decided on the current version, the action is done.
    let done = f
        .app
        .act(&leader, &code, Version::of(&now.dossier), complete())
        .await
        .unwrap();
    assert_eq!(done.dossier.current_step, Some(1));
    assert_eq!(done.dossier.version, 4);
}

/// Three servers on one database complete the same step of the same dossier at the same time,
/// each having read version `v`: one succeeds, two are told the dossier changed, and the
/// dossier moved exactly one step.
async fn three_servers_completing_the_same_step_move_it_once(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    let leader = f.caller(Role::LanhDao, WARD1);
    let d = f
        .app
        .intake(&desk, request(MARRIAGE, None, "Bình"), None)
        .await
        .unwrap();
    let code = d.dossier.code.to_string();
    let mut servers = Vec::new();
    for _ in 0..3 {
        servers.push(App::new(f.db.store().await, f.clock.clone()));
    }
    let seen = Version::of(&d.dossier);
    let tries = servers.iter().map(|app| {
        let (leader, code) = (leader.clone(), code.clone());
        let app = app.clone();
        tokio::spawn(async move { app.act(&leader, &code, seen, complete()).await })
    });
    let mut done = 0;
    let mut stale = 0;
    for t in tries.collect::<Vec<_>>() {
        match t.await.unwrap() {
            Ok(view) => {
                done += 1;
                assert_eq!(view.dossier.current_step, Some(1));
            }
            Err(e) => {
                assert_eq!(e.code(), "stale_version", "{e:?}");
                stale += 1;
            }
        }
    }
    assert_eq!((done, stale), (1, 2));
    let after = f.app.dossier(&leader, &code).await.unwrap();
    assert_eq!(after.dossier.current_step, Some(1));
    assert_eq!(after.dossier.version, seen.get() + 1);
    assert!(after.dossier.steps[0].finished_at.is_some());
    assert!(after.dossier.steps[1].finished_at.is_none());
    let completed = after
        .events
        .iter()
        .filter(|e| e.kind.code() == "step_completed")
        .count();
    assert_eq!(completed, 1);
}

#[tokio::test]
async fn a_stale_version_is_refused_sqlite() {
    a_stale_version_is_refused_with_the_current_state(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_stale_version_is_refused_postgres() {
    a_stale_version_is_refused_with_the_current_state(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn three_servers_one_step_sqlite() {
    three_servers_completing_the_same_step_move_it_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn three_servers_one_step_postgres() {
    three_servers_completing_the_same_step_move_it_once(Backend::Postgres).await;
}
