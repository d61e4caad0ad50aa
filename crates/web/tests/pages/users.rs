//! The administrators' page of user accounts: list, lock and unlock.

use crate::site::Site;
use axum::http::StatusCode;
use motcua_domain::org::Role;
use motcua_testkit::{WARD1, WARD2, username};

/// The table row of account `name`.
fn row<'a>(html: &'a str, name: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"nguoi-dung-{name}\""))
        .unwrap_or_else(|| panic!("no row for {name} in {html}"));
    let rest = &html[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

#[tokio::test]
async fn an_administrator_locks_and_unlocks_an_account_of_their_ward() {
    let site = Site::new().await;
    let admin = site.login(Role::QuanTri, WARD1).await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let name = username(Role::TiepNhan, WARD1);

    let page = site.get("/can-bo/nguoi-dung", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("<a href=\"/can-bo/nguoi-dung\">Người dùng</a>")
    );
    let r = row(&page.body, &name);
    for text in [
        "Ủy ban nhân dân phường Một",
        "Cán bộ tiếp nhận (Một cửa)",
        "Đang hoạt động",
        "<summary>Khóa tài khoản</summary>",
        "Người dùng bị đăng xuất ngay trên mọi thiết bị",
        "action=\"/can-bo/nguoi-dung/khoa\"",
        &format!("name=\"csrf_token\" value=\"{}\"", admin.csrf),
    ] {
        assert!(r.contains(text), "{text} missing in {r}");
    }
    assert!(
        !page.body.contains(&username(Role::TiepNhan, WARD2)),
        "another ward's users are not listed"
    );
    let own = row(&page.body, &username(Role::QuanTri, WARD1));
    assert!(
        own.contains("Tài khoản của bạn") && !own.contains("<form"),
        "{own}"
    );

    let done = site
        .post(
            "/can-bo/nguoi-dung/khoa",
            Some(&admin),
            &[("csrf_token", &admin.csrf), ("username", &name)],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        done.location(),
        format!("/can-bo/nguoi-dung?xong=khoa&ten={name}")
    );
    let page = site.get(done.location(), Some(&admin)).await;
    assert!(page.body.contains(&format!(
        "<p class=\"notice\" role=\"status\">Đã khóa tài khoản «{name}»."
    )));
    let r = row(&page.body, &name);
    assert!(
        r.contains("<span class=\"badge locked\">Đã khóa</span>"),
        "{r}"
    );
    assert!(r.contains("action=\"/can-bo/nguoi-dung/mo-khoa\"") && r.contains(">Mở khóa</button>"));
    // The desk officer's browser session ended at once.
    let home = site.get("/can-bo", Some(&desk)).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert!(
        home.location().starts_with("/dang-nhap"),
        "{}",
        home.location()
    );

    let done = site
        .post(
            "/can-bo/nguoi-dung/mo-khoa",
            Some(&admin),
            &[("csrf_token", &admin.csrf), ("username", &name)],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = site.get(done.location(), Some(&admin)).await;
    assert!(
        page.body
            .contains(&format!("Đã mở khóa tài khoản «{name}»"))
    );
    assert!(row(&page.body, &name).contains("Đang hoạt động"));
    site.login(Role::TiepNhan, WARD1).await;
}

#[tokio::test]
async fn only_administrators_reach_the_page_and_only_for_their_units() {
    let site = Site::new().await;
    let leader = site.login(Role::LanhDao, WARD1).await;
    let home = site.get("/can-bo", Some(&leader)).await;
    assert!(!home.body.contains("/can-bo/nguoi-dung"), "no menu entry");
    let page = site.get("/can-bo/nguoi-dung", Some(&leader)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("quản lý tài khoản người dùng"),
        "{}",
        page.body
    );
    let name = username(Role::TiepNhan, WARD1);
    let lock = site
        .post(
            "/can-bo/nguoi-dung/khoa",
            Some(&leader),
            &[("csrf_token", &leader.csrf), ("username", &name)],
        )
        .await;
    assert_eq!(lock.status, StatusCode::FORBIDDEN);

    let other = site.login(Role::QuanTri, WARD2).await;
    let lock = site
        .post(
            "/can-bo/nguoi-dung/khoa",
            Some(&other),
            &[("csrf_token", &other.csrf), ("username", &name)],
        )
        .await;
    assert_eq!(lock.status, StatusCode::FORBIDDEN);
    let admin = site.login(Role::QuanTri, WARD1).await;
    let forged = site
        .post(
            "/can-bo/nguoi-dung/khoa",
            Some(&admin),
            &[("csrf_token", "gia-mao"), ("username", &name)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let page = site.get("/can-bo/nguoi-dung", Some(&admin)).await;
    assert!(
        row(&page.body, &name).contains("Đang hoạt động"),
        "nothing was locked"
    );
    let self_lock = site
        .post(
            "/can-bo/nguoi-dung/khoa",
            Some(&admin),
            &[
                ("csrf_token", &admin.csrf),
                ("username", &username(Role::QuanTri, WARD1)),
            ],
        )
        .await;
    assert_eq!(self_lock.status, StatusCode::FORBIDDEN);
}
