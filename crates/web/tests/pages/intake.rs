//! The intake form and the receipt.

use crate::site::{Site, hidden};
use axum::http::StatusCode;
use motcua_app::HistoryOptions;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, MARRIAGE, WARD1};

fn fields<'a>(csrf: &'a str, key: &'a str, phone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("key", key),
        ("procedure_code", MARRIAGE),
        ("competent_unit", ""),
        ("kind", "citizen"),
        ("name", "Hoàng Văn Em"),
        ("phone", phone),
        ("id_number", ""),
        ("email", ""),
        ("address", "5 Lê Lợi"),
        ("channel", "desk"),
        ("return_method", "post"),
        ("digitised", "1"),
    ]
}

#[tokio::test]
async fn the_intake_form_creates_a_dossier_and_goes_to_its_receipt() {
    let site = Site::new().await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site.get("/can-bo/tiep-nhan", Some(&desk)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!(
        "<option value=\"{MARRIAGE}\">Đăng ký kết hôn ({MARRIAGE})</option>"
    )));
    assert!(page.body.contains("<label for=\"name\">"));
    let key = hidden(&page.body, "key").unwrap();
    // A random key (256 bits), not a clock reading another user could guess.
    assert_eq!(key.len(), 64);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    let again = site.get("/can-bo/tiep-nhan", Some(&desk)).await;
    assert_ne!(hidden(&again.body, "key").unwrap(), key);

    let page = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &fields(&desk.csrf, &key, "0987654321"),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        page.location(),
        "/can-bo/ho-so/T01.W1-261125-0001/bien-nhan"
    );
    // The same form sent twice (a double click) gives the same dossier.
    let again = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &fields(&desk.csrf, &key, "0987654321"),
        )
        .await;
    assert_eq!(again.location(), page.location());
    let fresh = hidden(
        &site.get("/can-bo/tiep-nhan", Some(&desk)).await.body,
        "key",
    )
    .unwrap();
    assert_ne!(fresh, key);
    let next = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &fields(&desk.csrf, &fresh, "0987654321"),
        )
        .await;
    assert_eq!(
        next.location(),
        "/can-bo/ho-so/T01.W1-261125-0002/bien-nhan"
    );
}

#[tokio::test]
async fn the_intake_form_is_shown_again_with_the_error_and_the_values() {
    let site = Site::new().await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &fields(&desk.csrf, "k1", ""),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("số điện thoại hoặc số định danh"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"Hoàng Văn Em\""));
    let page = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &fields("", "k2", "0987654321"),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "no CSRF token");
    let leader = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&leader),
            &fields(&leader.csrf, "k3", "0987654321"),
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "only the desk receives");
    assert!(
        page.body.contains("Bạn không có quyền tiếp nhận hồ sơ"),
        "{}",
        page.body
    );
}

/// The field's own error, next to it (`aria-describedby`), and what was typed kept.
#[tokio::test]
async fn a_refused_field_shows_its_message_next_to_it_and_keeps_the_values() {
    let site = Site::new().await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let long = "Số 5 Lê Lợi ".repeat(50);
    let cases = [
        ("address", long.as_str(), "Địa chỉ dài quá 500 ký tự"),
        ("phone", "0912 34", "Số điện thoại không hợp lệ"),
        ("email", "an@", "Thư điện tử không hợp lệ"),
        ("id_number", "12345", "Số định danh không hợp lệ"),
        ("name", "Hoàng\u{7} Văn Em", "Họ tên có ký tự điều khiển"),
    ];
    for (i, (field, value, message)) in cases.into_iter().enumerate() {
        let key = format!("bad-{i}");
        let mut sent = fields(&desk.csrf, &key, "0987654321");
        for f in &mut sent {
            if f.0 == field {
                f.1 = value;
            }
        }
        let page = site.post("/can-bo/tiep-nhan", Some(&desk), &sent).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let at = page
            .body
            .find(&format!("id=\"{field}-error\""))
            .unwrap_or_else(|| panic!("{field}: no message by the field: {}", page.body));
        assert!(page.body[at..].contains(message), "{field}: {message}");
        assert!(
            page.body
                .contains(&format!("aria-describedby=\"{field}-error\"")),
            "{field}"
        );
        assert!(page.body.contains("value=\"5 Lê Lợi\"") || field == "address");
        assert!(page.body.contains("value=\"0987654321\"") || field == "phone");
    }
}

#[tokio::test]
async fn the_receipt_has_the_code_the_times_on_form_and_the_fee() {
    let site = Site::new().await;
    let code = site
        .intake(BUILDING, "Đỗ Thị Giang")
        .await
        .dossier
        .code
        .to_string();
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}/bien-nhan"), Some(&desk))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        code.as_str(),
        "Mã hồ sơ: <strong>T01.W1-261125-0001</strong>",
        "Ủy ban nhân dân phường Một",
        "Ủy ban nhân dân tỉnh Thử Nghiệm",
        "Đỗ Thị Giang",
        "Cấp giấy phép xây dựng",
        "Tờ khai — 1 bản chính",
        "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 25/11/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 02/12/2026",
        "150.000 đồng (chưa nộp)",
        "ngày 25 tháng 11 năm 2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP",
        "<strong>Trung tâm Phục vụ hành chính công</strong>",
        "Trung tâm Phục vụ hành chính công (Ủy ban nhân dân phường Một) tiếp nhận hồ sơ của",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(!page.body.contains("<strong>Bộ phận Một cửa</strong>"));
    assert!(
        page.body.contains("<script src=\"/static/print.js"),
        "an external script only"
    );
}

#[tokio::test]
async fn a_dossier_received_under_the_2018_rules_prints_the_2018_receipt() {
    let site = Site::new().await;
    let code = format!("{WARD1}-250630-0003");
    let line = serde_json::json!({
        "code": code,
        "procedure_code": MARRIAGE,
        "receiving_unit": WARD1,
        "channel": "direct",
        "applicant_name": "Lê Văn Cũ",
        "applicant_phone": "0900000001",
        "received_at": "2025-06-30T08:00:00+07:00",
        "due_at": "2025-07-03T08:00:00+07:00",
        "ended_at": null,
        "outcome": null
    })
    .to_string();
    let report = site
        .f
        .app
        .import_history(
            &site.f.operator(),
            line.as_bytes(),
            HistoryOptions::default(),
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(report.imported, 1);
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}/bien-nhan"), Some(&desk))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "<strong>Bộ phận Một cửa</strong>",
        "Bộ phận Một cửa (Ủy ban nhân dân phường Một) tiếp nhận hồ sơ của",
        "Mẫu số 01 — Thông tư số 01/2018/TT-VPCP",
        "Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 30/06/2025",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(!page.body.contains("Trung tâm Phục vụ hành chính công"));
    assert!(!page.body.contains("03/2025/TT-VPCP"));
}
