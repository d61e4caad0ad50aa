//! The tamper-evident history (docs/operations.md §8): an event or an audit entry edited directly
//! in the database is found and named; sealed days show removed events; an upgraded database
//! gets its hashes and passes.

use chrono::{Duration, NaiveDate};
use motcua_app::CalendarChange;
use motcua_app::chain::ChainScope;
use motcua_app::usecases::audit::BrokenLink;
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::dossier::{Action, Version};
use motcua_domain::org::Role;
use motcua_domain::stats::Period;
use motcua_testkit::desk_request as request;
use motcua_testkit::{Backend, Fixture, MARRIAGE, WARD1, WARD2, fixture};

async fn two_dossiers(f: &Fixture) -> (String, String) {
    let desk = f.caller(Role::TiepNhan, WARD1);
    let leader = f.caller(Role::LanhDao, WARD1);
    let first = f
        .app
        .intake(&desk, request(MARRIAGE, None, "An"), None)
        .await
        .unwrap();
    let code = first.dossier.code.to_string();
    f.app
        .act(
            &leader,
            &code,
            Version::of(&first.dossier),
            Action::Assign {
                to: "chuyen_vien.w1".into(),
            },
        )
        .await
        .unwrap();
    let second = f
        .app
        .intake(&desk, request(MARRIAGE, None, "Bình"), None)
        .await
        .unwrap();
    (code, second.dossier.code.to_string())
}

async fn verify(f: &Fixture, scope: ChainScope) -> motcua_app::usecases::audit::AuditReport {
    f.app.verify_history(&f.operator(), &scope).await.unwrap()
}

async fn an_event_edited_in_the_database_is_named(backend: Backend) {
    let f = fixture(backend).await;
    let (first, _) = two_dossiers(&f).await;
    let whole = verify(&f, ChainScope::default()).await;
    assert_eq!((whole.events, whole.dossiers), (5, 2));
    assert_eq!(whole.broken, []);

    f.db.execute(&format!(
        "UPDATE dossier_events SET actor = 'nguoi_khac' WHERE dossier_code = '{first}' AND seq = 2"
    ))
    .await
    .unwrap();
    let report = verify(&f, ChainScope::default()).await;
    let broken = BrokenLink::Event {
        code: first.clone(),
        seq: 2,
        reason: "nội dung đã bị sửa",
    };
    assert_eq!(report.broken, std::slice::from_ref(&broken));
    assert_eq!(
        broken.to_string(),
        format!("hồ sơ {first}, sự kiện số 2: nội dung đã bị sửa")
    );
    // The other unit's history is whole; the first unit's is not.
    let ward2 = ChainScope {
        unit: Some(WARD2.into()),
        ..ChainScope::default()
    };
    let other = verify(&f, ward2).await;
    assert_eq!((other.events, other.broken.len()), (0, 0));
    let ward1 = ChainScope {
        unit: Some(WARD1.into()),
        ..ChainScope::default()
    };
    assert_eq!(verify(&f, ward1).await.broken, [broken]);
}

async fn a_sealed_day_shows_an_event_removed_from_the_end(backend: Backend) {
    let f = fixture(backend).await;
    let (_, second) = two_dossiers(&f).await;
    // Wednesday's events are sealed once Thursday has ended.
    f.advance(Duration::days(1));
    assert_eq!(f.app.seal_days().await.unwrap(), 0, "a day of grace");
    f.advance(Duration::days(1));
    assert_eq!(f.app.seal_days().await.unwrap(), 1);
    assert_eq!(f.app.seal_days().await.unwrap(), 0, "sealed once");
    let report = verify(&f, ChainScope::default()).await;
    assert_eq!((report.roots, report.broken.len()), (1, 0));

    // The last event of a dossier leaves its chain whole, but not the day's root.
    f.db.execute(&format!(
        "DELETE FROM dossier_events WHERE dossier_code = '{second}' AND seq = 2"
    ))
    .await
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let report = verify(&f, ChainScope::default()).await;
    let broken = BrokenLink::Root {
        unit: WARD1.into(),
        day,
        reason: "đã niêm phong 5 sự kiện, nay có 4".into(),
    };
    // The dossier's version still counts the removed event.
    let removed = BrokenLink::Event {
        code: second.clone(),
        seq: 2,
        reason: "sự kiện cuối đã bị xóa hoặc thêm (không khớp phiên bản hồ sơ)",
    };
    assert_eq!(report.broken, [removed, broken.clone()]);
    assert_eq!(
        broken.to_string(),
        format!("gốc ngày 25/11/2026 của đơn vị {WARD1}: đã niêm phong 5 sự kiện, nay có 4")
    );
    // A range of days without that one is whole.
    let later = ChainScope {
        from: day.succ_opt(),
        ..ChainScope::default()
    };
    assert_eq!(verify(&f, later).await.broken, []);
}

async fn an_upgraded_database_gets_its_hashes(backend: Backend) {
    let f = fixture(backend).await;
    two_dossiers(&f).await;
    let hashes = "SELECT hash FROM dossier_events ORDER BY dossier_code, seq";
    let before = f.db.strings(hashes).await;
    assert_eq!(before.len(), 5);
    // As written before migration 0022.
    f.db.execute("UPDATE dossier_events SET prev_hash = NULL, hash = NULL, day = NULL")
        .await
        .unwrap();
    f.store.migrate().await.unwrap();
    assert_eq!(f.db.strings(hashes).await, before);
    assert_eq!(verify(&f, ChainScope::default()).await.broken, []);
}

async fn sign_ins_accounts_and_exports_are_audited_in_a_chain(backend: Backend) {
    let f = fixture(backend).await;
    let admin = f.caller(Role::QuanTri, motcua_testkit::PROVINCE);
    f.app
        .login("tiep_nhan.w1", "matkhau-tiep_nhan-123")
        .await
        .unwrap();
    f.app
        .login("tiep_nhan.w1", "sai-mat-khau")
        .await
        .unwrap_err();
    f.app.disable_user(&admin, "chuyen_vien.w2").await.unwrap();
    let holiday = CalendarChange {
        calendar: "ccvc".into(),
        day: CalendarOverride {
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            kind: DayKind::Holiday,
            reason: "Nghỉ bổ sung".into(),
            reference: "Công văn 1/VPCP".into(),
        },
    };
    f.app.change_calendar_day(&admin, holiday).await.unwrap();
    two_dossiers(&f).await;
    let leader = f.caller(Role::LanhDao, WARD1);
    let period = Period::month(2026, 12).unwrap();
    f.app.register(&leader, period, None).await.unwrap();
    let log = f.store.audit_log(0, 100).await.unwrap();
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|r| (r.entry.action.as_str(), r.entry.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("import", "operator:kiem-thu"),
            ("login", "tiep_nhan.w1"),
            ("login_failed", "tiep_nhan.w1"),
            ("user_active", "quan_tri.t01"),
            ("calendar_change", "quan_tri.t01"),
            ("export", "lanh_dao.w1"),
        ]
    );
    assert_eq!(log[3].entry.what["username"], "chuyen_vien.w2");
    assert_eq!(log[3].entry.what["active"], false);
    assert_eq!(log[4].entry.what["day"]["date"], "2026-11-27");
    assert_eq!(log[5].entry.what["report"], "register");
    assert_eq!(log[5].entry.what["rows"], 2);
    let text = format!("{log:?}");
    assert!(
        !text.contains("sai-mat-khau") && !text.contains("matkhau"),
        "{text}"
    );
    assert!(!text.contains("0912"), "no applicant's phone: {text}");
    let report = verify(&f, ChainScope::default()).await;
    assert_eq!((report.entries, report.broken.len()), (6, 0));

    // The log refuses edits; one made after removing that guard is found.
    assert!(
        f.db.execute("UPDATE audit_log SET actor = 'x' WHERE id = 3")
            .await
            .is_err()
    );
    let unguard = if backend == Backend::Postgres {
        "DROP TRIGGER audit_log_append_only ON audit_log"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    f.db.execute(unguard).await.unwrap();
    f.db.execute("UPDATE audit_log SET actor = 'x' WHERE id = 3")
        .await
        .unwrap();
    let report = verify(&f, ChainScope::default()).await;
    let broken = BrokenLink::Entry {
        id: 3,
        reason: "nội dung đã bị sửa",
    };
    assert_eq!(report.broken, std::slice::from_ref(&broken));
    assert_eq!(
        broken.to_string(),
        "nhật ký kiểm toán, mục 3: nội dung đã bị sửa"
    );
}

#[tokio::test]
async fn an_edited_event_is_named_sqlite() {
    an_event_edited_in_the_database_is_named(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_edited_event_is_named_postgres() {
    an_event_edited_in_the_database_is_named(Backend::Postgres).await;
}

#[tokio::test]
async fn a_sealed_day_shows_a_removed_event_sqlite() {
    a_sealed_day_shows_an_event_removed_from_the_end(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_sealed_day_shows_a_removed_event_postgres() {
    a_sealed_day_shows_an_event_removed_from_the_end(Backend::Postgres).await;
}

#[tokio::test]
async fn an_upgraded_database_gets_its_hashes_sqlite() {
    an_upgraded_database_gets_its_hashes(Backend::Sqlite).await;
}

#[tokio::test]
async fn an_upgraded_database_gets_its_hashes_postgres() {
    an_upgraded_database_gets_its_hashes(Backend::Postgres).await;
}

#[tokio::test]
async fn the_audit_log_is_a_chain_sqlite() {
    sign_ins_accounts_and_exports_are_audited_in_a_chain(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_audit_log_is_a_chain_postgres() {
    sign_ins_accounts_and_exports_are_audited_in_a_chain(Backend::Postgres).await;
}
