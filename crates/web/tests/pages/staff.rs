//! Sign-in, sign-out and the staff home.

use crate::site::{Site, hidden};
use axum::http::StatusCode;
use chrono::Duration;
use motcua_domain::org::Role;
use motcua_testkit::{MARRIAGE, WARD1, WARD2, password, username};

#[tokio::test]
async fn the_login_page_renders_in_vietnamese_with_labels() {
    let site = Site::new().await;
    let page = site.get("/dang-nhap?next=/can-bo/tiep-nhan", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"vi\">"));
    assert!(page.body.contains("name=\"viewport\""));
    assert!(
        page.body
            .contains("<label for=\"username\">Tên đăng nhập</label>")
    );
    assert!(
        page.body
            .contains("<label for=\"password\">Mật khẩu</label>")
    );
    assert_eq!(
        hidden(&page.body, "next").as_deref(),
        Some("/can-bo/tiep-nhan")
    );
    assert!(!page.body.contains("<script>"), "no inline scripts");
}

#[tokio::test]
async fn a_wrong_password_shows_the_error_and_sets_no_cookie() {
    let site = Site::new().await;
    let name = username(Role::TiepNhan, WARD1);
    let page = site
        .sign_in(&[
            ("username", &name),
            ("password", "sai-mat-khau"),
            ("next", "/"),
        ])
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
    assert!(
        page.body.contains(&format!("value=\"{name}\"")),
        "the name is kept"
    );
    assert_eq!(page.cookie_named("motcua_session"), None);
}

#[tokio::test]
async fn signing_in_sets_the_cookie_and_goes_only_to_local_pages() {
    let site = Site::new().await;
    let name = username(Role::TiepNhan, WARD1);
    let pw = password(Role::TiepNhan);
    let page = site
        .sign_in(&[
            ("username", &name),
            ("password", &pw),
            ("next", "/can-bo/tiep-nhan"),
        ])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/can-bo/tiep-nhan");
    // The session cookie, beside the one that clears the sign-in form's token (in any order).
    let cookie = page.cookie_named("motcua_session").unwrap_or_default();
    assert!(cookie.starts_with("motcua_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=28800"), "8 hours: {cookie}");
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let page = site
            .sign_in(&[("username", &name), ("password", &pw), ("next", evil)])
            .await;
        assert_eq!(page.location(), "/can-bo", "{evil}");
    }
}

#[tokio::test]
async fn too_many_failures_give_the_429_page() {
    let site = Site::new().await;
    let name = username(Role::TiepNhan, WARD1);
    for _ in 0..5 {
        let page = site
            .sign_in(&[("username", &name), ("password", "sai")])
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let pw = password(Role::TiepNhan);
    let page = site
        .sign_in(&[("username", &name), ("password", &pw)])
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.contains("Quá nhiều lần thử"), "{}", page.body);
    assert_eq!(
        page.headers["retry-after"], "1",
        "one second after the fifth failure"
    );
}

#[tokio::test]
async fn staff_pages_need_a_session_and_signed_in_staff_skip_the_landing_page() {
    let site = Site::new().await;
    let page = site.get("/can-bo", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/dang-nhap?next=/can-bo");
    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site.get("/", Some(&session)).await;
    assert_eq!(page.location(), "/can-bo");
    let page = site.get("/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Tra cứu hồ sơ"));
}

#[tokio::test]
async fn signing_out_needs_the_csrf_token_and_ends_the_session() {
    let site = Site::new().await;
    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .post("/dang-xuat", Some(&session), &[("csrf_token", "sai")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = site
        .post(
            "/dang-xuat",
            Some(&session),
            &[("csrf_token", &session.csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.cookie_named("motcua_session")
            .is_some_and(|c| c.contains("Max-Age=0"))
    );
    assert_eq!(
        site.get("/can-bo", Some(&session)).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_staff_home_lists_dossiers_in_scope_with_due_colours() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Nguyễn Văn An")
        .await
        .dossier
        .code
        .to_string();
    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site.get("/can-bo", Some(&session)).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        code.as_str(),
        "Đăng ký kết hôn",
        "Nguyễn Văn An",
        "Đã tiếp nhận",
        "09:00 thứ Tư, 25/11/2026",
        "09:00 thứ Hai, 30/11/2026",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(page.body.contains("<strong>0</strong> hồ sơ quá hạn"));

    site.f.advance(Duration::days(5)); // Monday 30/11 09:00: due now, hence overdue
    let expired = site.get("/can-bo", Some(&session)).await;
    assert_eq!(
        expired.status,
        StatusCode::SEE_OTHER,
        "a session lasts 8 hours"
    );
    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site.get("/can-bo", Some(&session)).await;
    assert!(
        page.body.contains("<strong>1</strong> hồ sơ quá hạn"),
        "{}",
        page.body
    );
    assert!(page.body.contains("class=\"overdue\""));
    site.f.advance(Duration::minutes(-60)); // 08:00 the same day: due today
    let page = site.get("/can-bo", Some(&session)).await;
    assert!(
        page.body
            .contains("<strong>1</strong> hồ sơ đến hạn hôm nay"),
        "{}",
        page.body
    );
    assert!(page.body.contains("class=\"due-today\""));

    let other = site.login(Role::TiepNhan, WARD2).await;
    let page = site.get("/can-bo", Some(&other)).await;
    assert!(!page.body.contains(&code), "another ward does not see it");
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&other))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_inbox_pages_with_a_keyset_link_and_filters_by_status() {
    let site = Site::new().await;
    for i in 0..21 {
        site.intake(MARRIAGE, &format!("Người nộp {i:02}")).await;
        site.f.advance(Duration::minutes(1));
    }
    let session = site.login(Role::TiepNhan, WARD1).await;
    let page = site.get("/can-bo", Some(&session)).await;
    assert!(page.body.contains("Người nộp 20") && !page.body.contains("Người nộp 00"));
    let at = page
        .body
        .find("href=\"/can-bo?trang_thai=")
        .expect("a next-page link");
    let link = &page.body[at + 6..];
    let link = link[..link.find('"').unwrap()].replace("&amp;", "&");
    let next = site.get(&link, Some(&session)).await;
    assert!(next.body.contains("Người nộp 00") && !next.body.contains("Người nộp 20"));
    let page = site
        .get("/can-bo?trang_thai=returned", Some(&session))
        .await;
    assert!(page.body.contains("Không có hồ sơ nào"));
}
