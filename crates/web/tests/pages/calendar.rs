//! The administrators' calendar page: a change answers at once and the page shows the
//! recomputation's progress, reloading itself (no JavaScript) until it is done.

use crate::site::Site;
use axum::http::StatusCode;
use motcua_domain::org::Role;
use motcua_testkit::{MARRIAGE, PROVINCE, WARD1};

/// The table row of job `id`.
fn row(html: &str, id: i64) -> &str {
    let at = html
        .find(&format!("id=\"cong-viec-{id}\""))
        .unwrap_or_else(|| panic!("no row for job {id} in {html}"));
    let rest = &html[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

#[tokio::test]
async fn a_change_shows_its_progress_until_the_worker_is_done() {
    let site = Site::new().await;
    site.intake(MARRIAGE, "Nguyễn Văn An").await;
    let admin = site.login(Role::QuanTri, PROVINCE).await;
    let page = site.get("/can-bo/lich-lam-viec", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("<a href=\"/can-bo/lich-lam-viec\">Lịch làm việc</a>")
    );
    assert!(page.body.contains("Chưa có thay đổi lịch nào."));
    assert!(!page.body.contains("http-equiv=\"refresh\""));

    let fields = [
        ("csrf_token", admin.csrf.as_str()),
        ("calendar", "ccvc"),
        ("date", "2026-11-27"),
        ("kind", "holiday"),
        ("reason", "Nghỉ bù"),
        ("reference", "1/TB-UBND"),
    ];
    let done = site
        .post("/can-bo/lich-lam-viec", Some(&admin), &fields)
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/can-bo/lich-lam-viec?cong-viec=1");
    let page = site.get(done.location(), Some(&admin)).await;
    assert!(
        page.body.contains("Đã ghi thay đổi lịch (công việc số 1)"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<meta http-equiv=\"refresh\" content=\"5\">")
    );
    assert!(page.body.contains("id=\"cap-nhat\""));
    let r = row(&page.body, 1);
    for text in [
        "27/11/2026",
        "ngày lễ, Tết",
        "Chờ xử lý",
        "0 / 1",
        "Nghỉ bù (1/TB-UBND)",
    ] {
        assert!(r.contains(text), "{text} missing in {r}");
    }

    assert_eq!(site.f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    let page = site.get("/can-bo/lich-lam-viec", Some(&admin)).await;
    assert!(!page.body.contains("http-equiv=\"refresh\""));
    let r = row(&page.body, 1);
    assert!(r.contains("Đã xong") && r.contains("1 / 1"), "{r}");

    // The same change again: nothing new.
    let again = site
        .post("/can-bo/lich-lam-viec", Some(&admin), &fields)
        .await;
    assert_eq!(
        again.location(),
        "/can-bo/lich-lam-viec?cong-viec=1&da-co=true"
    );
    let page = site.get(again.location(), Some(&admin)).await;
    assert!(page.body.contains("đã được ghi trước đó (công việc số 1)"));
    assert!(!page.body.contains("id=\"cong-viec-2\""));

    // Not an administrator: refused.
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let refused = site.get("/can-bo/lich-lam-viec", Some(&desk)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
