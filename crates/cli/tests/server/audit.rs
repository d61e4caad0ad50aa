//! `motcua audit verify` as an operator runs it: whole after a demo seeding, exit status 2 and
//! the broken link named after an event is edited in the database.

use crate::support::{motcua, run};
use motcua_testkit::{Backend, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_event_fails_audit_verify_and_is_named() {
    let db = TestDb::new(Backend::Sqlite).await;
    run(&db.url, &["seed", "--demo", "--dossiers", "20"], "");
    let out = run(&db.url, &["audit", "verify"], "");
    assert!(out.contains("Lịch sử nguyên vẹn"), "{out}");

    let code = db
        .strings("SELECT dossier_code FROM dossier_events WHERE seq = 2 ORDER BY dossier_code")
        .await
        .remove(0);
    db.execute(&format!(
        "UPDATE dossier_events SET data = json_set(data, '$.actor', 'nguoi_khac') \
         WHERE dossier_code = '{code}' AND seq = 2"
    ))
    .await
    .unwrap();
    let out = motcua()
        .args(["audit", "verify"])
        .env("MOTCUA_DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "mắt xích hỏng: hồ sơ {code}, sự kiện số 2: nội dung đã bị sửa"
        )),
        "{err}"
    );
}
