//! The report pages: the 13-column table, the 766 index with its drill-down, the register, the
//! menu and who may see them.

use crate::site::Site;
use axum::http::StatusCode;
use chrono::Duration;
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_testkit::{MARRIAGE, PROVINCE, WARD1};

/// Two marriages received at ward one on 25/11/2026; the first resolved on 27/11 (early).
async fn two_dossiers(site: &Site) -> (String, String) {
    let first = site
        .intake(MARRIAGE, "Nguyễn Văn An")
        .await
        .dossier
        .code
        .to_string();
    let second = site
        .intake(MARRIAGE, "Trần Thị Bình")
        .await
        .dossier
        .code
        .to_string();
    site.f.advance(Duration::days(2));
    let resolve = Action::Resolve {
        approved: true,
        reasons: String::new(),
        result_file: None,
    };
    site.f
        .app
        .act(
            &site.f.caller(Role::LanhDao, WARD1),
            &first,
            site.f.version(&first).await,
            resolve,
        )
        .await
        .unwrap();
    (first, second)
}

#[tokio::test]
async fn the_report_page_shows_the_form_with_totals_exports_and_print_style() {
    let site = Site::new().await;
    two_dossiers(&site).await;
    let s = site.login(Role::Cchc, PROVINCE).await;
    // Default period: the VPCP month containing today (27/11/2026 → Tháng 12/2026).
    let page = site.get("/can-bo/bao-cao", Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(
        b.contains("Kỳ báo cáo: Tháng 12/2026 (15/11/2026 – 14/12/2026)"),
        "{b}"
    );
    assert!(b.contains("Biểu số II.06a/VPCP/KSTT"));
    assert!(b.contains("<th scope=\"colgroup\" colspan=\"4\">Số hồ sơ nhận giải quyết</th>"));
    assert!(b.contains("<th scope=\"colgroup\" colspan=\"3\">Số hồ sơ đang giải quyết</th>"));
    assert!(b.contains("<th scope=\"col\">(13)</th>"));
    assert!(b.contains("<td class=\"name depth-1\">Ủy ban nhân dân phường Một</td>"));
    // Ward one: 2 received at the desk, 1 resolved early, 1 open and due 30/11 09:00: read on
    // 27/11, before the period ends, it is not yet due (it would be overdue at the end).
    let row = b.split("Ủy ban nhân dân phường Một</td>").nth(1).unwrap();
    let row = &row[..row.find("</tr>").unwrap()];
    let cells: Vec<&str> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| &c[..c.find('<').unwrap()])
        .collect();
    assert_eq!(
        cells,
        ["2", "0", "2", "0", "1", "1", "0", "0", "1", "1", "0"]
    );
    assert!(b.contains("<th scope=\"row\" colspan=\"2\">Tổng cộng</th>"));
    assert!(
        b.contains("href=\"/api/v1/reports/tthc?period=month:2026-12&amp;format=xlsx\""),
        "{b}"
    );
    assert!(b.contains("format=csv"));
    assert!(b.contains("class=\"report-paper\""), "the printable part");
    assert!(
        b.contains("href=\"/can-bo/chi-so-766\""),
        "the menu links the reports"
    );

    let page = site
        .get(
            "/can-bo/bao-cao?loai=quy&nam=2026&quy=4&don_vi=T01.W1",
            Some(&s),
        )
        .await;
    assert!(
        page.body
            .contains("Kỳ báo cáo: Quý IV/2026 (15/09/2026 – 14/12/2026)")
    );
    assert!(page.body.contains("<option value=\"T01.W1\" selected>"));
    assert!(
        page.body
            .contains("period=quarter:2026-4&amp;unit=T01.W1&amp;format=csv")
    );
    let page = site
        .get(
            "/can-bo/bao-cao?loai=khoang&tu=2026-11-01&den=2026-11-30",
            Some(&s),
        )
        .await;
    assert!(
        page.body.contains("Kỳ báo cáo: 01/11/2026 – 30/11/2026"),
        "{}",
        page.body
    );
    assert!(page.body.contains("from=2026-11-01&amp;to=2026-11-30"));
    let page = site
        .get("/can-bo/bao-cao?loai=thang&thang=13", Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);

    let css = site.get("/static/site.css", None).await.body;
    assert!(css.contains("size: A4 landscape"));
}

#[tokio::test]
async fn the_report_page_lists_each_unit_s_fields_under_it_when_asked() {
    let site = Site::new().await;
    two_dossiers(&site).await;
    let s = site.login(Role::Cchc, PROVINCE).await;
    let base = "/can-bo/bao-cao?loai=khoang&tu=2026-11-01&den=2026-11-30";
    let page = site.get(base, Some(&s)).await;
    assert!(page.body.contains(
        "<input type=\"checkbox\" name=\"linh_vuc\" value=\"1\"> Liệt kê lĩnh vực theo từng đơn vị"
    ));
    assert!(!page.body.contains("<td class=\"stt\">2.1</td>"));
    let page = site.get(&format!("{base}&linh_vuc=1"), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("name=\"linh_vuc\" value=\"1\" checked"));
    // Ward one (row 3, after the department) has its marriages under it: Hộ tịch, 2 received, 1 early, 1 open.
    let row = b
        .split("<td class=\"stt\">3.1</td>")
        .nth(1)
        .expect("a field row under ward one");
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("<td class=\"name depth-2\">Hộ tịch</td>"),
        "{row}"
    );
    let cells: Vec<&str> = row
        .split("<td class=\"num\">")
        .skip(1)
        .map(|c| &c[..c.find('<').unwrap()])
        .collect();
    assert_eq!(
        cells,
        ["2", "0", "2", "0", "1", "1", "0", "0", "1", "1", "0"]
    );
    // The exports keep the choice.
    assert!(b.contains("fields_by_unit=true&amp;format=xlsx"), "{b}");
}

#[tokio::test]
async fn desk_officers_see_neither_the_menu_nor_the_pages() {
    let site = Site::new().await;
    let s = site.login(Role::TiepNhan, WARD1).await;
    let home = site.get("/can-bo", Some(&s)).await;
    assert!(!home.body.contains("/can-bo/bao-cao"));
    for path in [
        "/can-bo/bao-cao",
        "/can-bo/chi-so-766",
        "/can-bo/so-theo-doi",
    ] {
        let page = site.get(path, Some(&s)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.body.contains("xem báo cáo"), "{path}");
    }
    let page = site.get("/can-bo/bao-cao", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_766_page_scores_each_indicator_and_links_its_losing_dossiers() {
    let site = Site::new().await;
    let (first, second) = two_dossiers(&site).await;
    let s = site.login(Role::LanhDao, WARD1).await;
    // Calendar month: November 2026, read on 27/11. Both dossiers count; the open one is due on
    // 30/11, not yet due now, so 2.1 keeps both.
    let page = site
        .get("/can-bo/chi-so-766?loai=thang&nam=2026&thang=11", Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("Tháng 11/2026 (01/11/2026 – 30/11/2026)"), "{b}");
    assert!(b.contains("2.1. Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"));
    assert!(b.contains("100,00%"));
    assert!(b.contains("20,00</strong> / 20,00"), "{b}");
    assert!(b.contains("ước tính"));
    // Both scores, labelled; no rating yet, so 5.4 has no data rather than 100%.
    assert!(
        b.contains("<span class=\"label\">Điểm chính thức</span>"),
        "{b}"
    );
    assert!(
        b.contains("<span class=\"label\">Điểm trên phần tính được</span>"),
        "{b}"
    );
    let satisfaction = b
        .find("5.4. Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC")
        .unwrap();
    let row = &b[satisfaction..satisfaction + b[satisfaction..].find("</tr>").unwrap()];
    assert!(
        row.contains("Chưa có dữ liệu") && row.contains("0 / 6,00"),
        "{row}"
    );
    assert!(b.contains("2.2. Thời gian giải quyết trung bình"));
    assert!(b.contains("chỉ số 766 (2.1) tính trên mọi hồ sơ nhận giải quyết"));
    // 4.1 electronic results: the one resolved has none, so it lost the indicator.
    assert!(b.contains("4.1. Tỷ lệ hồ sơ có cấp kết quả điện tử"));
    let link = "/can-bo/chi-so-766/ho-so?chi_so=4.1&amp;loai=thang&amp;nam=2026&amp;thang=11";
    assert!(b.contains(link), "{b}");

    let page = site.get(&link.replace("&amp;", "&"), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Hồ sơ mất điểm chỉ số 4.1"));
    assert!(
        page.body
            .contains(&format!("<a href=\"/can-bo/ho-so/{first}\">"))
    );
    assert!(!page.body.contains(&second));
    let page = site
        .get("/can-bo/chi-so-766/ho-so?chi_so=1.1", Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_register_page_lists_the_dossiers_received() {
    let site = Site::new().await;
    let (first, second) = two_dossiers(&site).await;
    let s = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .get("/can-bo/so-theo-doi?loai=thang&nam=2026&thang=11", Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let b = &page.body;
    assert!(b.contains("SỔ THEO DÕI HỒ SƠ"));
    assert!(b.contains("Mẫu số 07 — Thông tư số 03/2025/TT-VPCP"));
    assert!(b.contains("Trung tâm Phục vụ hành chính công: "), "{b}");
    assert!(b.contains("Chuyển hồ sơ đến cơ quan giải quyết"));
    let (i, j) = (b.find(&first).unwrap(), b.find(&second).unwrap());
    assert!(i < j, "by reception");
    assert!(b.contains("Nguyễn Văn An"));
    assert!(b.contains("25/11/2026 09:00"));
    assert!(b.contains("Trước hạn"));
    assert!(b.contains("/api/v1/reports/register?period=calendar-month:2026-11&amp;format=xlsx"));
}
