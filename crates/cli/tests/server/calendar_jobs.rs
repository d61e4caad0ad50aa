//! `motcua calendar change` from the server's command line: the change is recorded and the
//! recomputation of the open dossiers' due instants runs to the end; the same change again
//! records nothing; `motcua calendar work` finds nothing left.

use crate::support::*;
use chrono::{Datelike, Days, Weekday};
use motcua_app::clock::{Clock, SystemClock};

#[test]
fn a_calendar_change_from_the_command_line_runs_to_the_end_once() {
    let dir = temp_dir("calendar-change");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    run(&db, &["seed", "--demo", "--dossiers", "120"], "");
    // The next working day after tomorrow, where open dossiers' deadlines run.
    let mut day = SystemClock.now().date() + Days::new(2);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day + Days::new(1);
    }
    let date = day.to_string();
    let args = [
        "calendar",
        "change",
        "--date",
        date.as_str(),
        "--kind",
        "holiday",
        "--reason",
        "Nghỉ đột xuất",
        "--reference",
        "7/TB-UBND",
    ];
    let out = run(&db, &args, "");
    assert!(
        out.starts_with("Đã ghi thay đổi lịch (công việc số 1; "),
        "{out}"
    );
    assert!(out.contains("Đã tính lại hạn: xem xét "), "{out}");
    let again = run(&db, &args, "");
    assert!(
        again.starts_with("Thay đổi này đã được ghi trước đó (công việc số 1); không ghi thêm."),
        "{again}"
    );
    assert_eq!(
        run(&db, &["calendar", "work"], ""),
        "Không còn thay đổi lịch nào chờ tính lại hạn.\n"
    );
    let bad = motcua()
        .args([
            "calendar",
            "change",
            "--date",
            "2026-13-01",
            "--kind",
            "holiday",
        ])
        .args(["--reason", "x", "--reference", "y"])
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("ngày không hợp lệ"));
    let _ = std::fs::remove_dir_all(dir);
}

/// `motcua serve` works on calendar jobs by itself: the API answers 202 at once and the job is
/// done shortly after, without any other command.
#[tokio::test]
async fn the_server_recomputes_in_the_background_after_a_202() {
    let dir = temp_dir("calendar-serve");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    run(&db, &["seed", "--demo", "--dossiers", "120"], "");
    create_user(
        &db,
        "lich.quantri",
        "quan_tri",
        "000.00.00.H99",
        "matkhau-lich-123",
    );
    let server = Server::start(&db, &dir).await;
    let token = token(server.port, "lich.quantri", "matkhau-lich-123").await;
    let auth = format!("Bearer {token}");
    let change = serde_json::json!({ "date": "2026-12-31", "kind": "holiday",
        "reason": "Nghỉ đột xuất", "reference": "8/TB-UBND" });
    let r = request(
        server.port,
        "POST",
        "/api/v1/calendar/days",
        Some(&change),
        &[("authorization", &auth)],
    )
    .await
    .unwrap();
    assert_eq!(r.status, 202, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let job = loop {
        let r = request(
            server.port,
            "GET",
            &format!("/api/v1/calendar/jobs/{id}"),
            None,
            &[("authorization", &auth)],
        )
        .await
        .unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        let job = r.json();
        if job["state"] == "done" {
            break job;
        }
        assert!(std::time::Instant::now() < deadline, "{job}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(job["examined"], job["total"], "{job}");
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}
