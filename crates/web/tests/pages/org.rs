//! The 2025 organisation on the pages (docs/rules.md §2.2): a merged unit's desk sees why it may
//! not receive, and the report page offers its successor the predecessors' dossiers.

use crate::site::Site;
use axum::http::StatusCode;
use chrono::NaiveDate;
use motcua_domain::org::Role;
use motcua_testkit::{MARRIAGE, PROVINCE, WARD1, WARD2};
use serde_json::json;

/// Ward two merged into ward one after 30/11/2026; the clock moves to 01/12/2026 09:00.
async fn merge_ward_two(site: &Site) {
    let file = json!({ "format": "motcua.units.v1", "units": [
        { "code": PROVINCE, "name": "Ủy ban nhân dân tỉnh Thử Nghiệm", "kind": "province",
          "parent": null },
        { "code": WARD2, "name": "Ủy ban nhân dân phường Hai", "kind": "ward", "parent": PROVINCE,
          "valid_to": "2026-11-30", "successor": WARD1 },
    ]});
    site.f
        .app
        .import_units(&site.f.operator(), &file.to_string())
        .await
        .unwrap();
    site.f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
}

#[tokio::test]
async fn a_merged_units_desk_is_told_where_to_receive() {
    let site = Site::new().await;
    merge_ward_two(&site).await;
    let desk = site.login(Role::TiepNhan, WARD2).await;
    let page = site
        .post(
            "/can-bo/tiep-nhan",
            Some(&desk),
            &[
                ("csrf_token", desk.csrf.as_str()),
                ("key", "k1"),
                ("procedure_code", MARRIAGE),
                ("competent_unit", ""),
                ("kind", "citizen"),
                ("name", "Hoàng Văn Em"),
                ("phone", "0987654321"),
                ("id_number", ""),
                ("email", ""),
                ("address", ""),
                ("channel", "desk"),
                ("return_method", "desk"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains(
            "Đơn vị Ủy ban nhân dân phường Hai đã ngừng hoạt động từ 01/12/2026; tiếp nhận tại \
             Ủy ban nhân dân phường Một (T01.W1)"
        ),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_report_page_offers_the_predecessors_dossiers() {
    let site = Site::new().await;
    merge_ward_two(&site).await;
    let leader = site.login(Role::LanhDao, WARD1).await;
    let base = format!("/can-bo/bao-cao?loai=khoang&tu=2026-11-01&den=2026-11-30&don_vi={WARD1}");
    let page = site.get(&base, Some(&leader)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(
        "<input type=\"checkbox\" name=\"tien_nhiem\" value=\"1\"> Gồm cả hồ sơ của đơn vị tiền nhiệm"
    ));
    assert!(!page.body.contains("Ủy ban nhân dân phường Hai"));
    let page = site
        .get(&format!("{base}&tien_nhiem=1"), Some(&leader))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"1\" checked> Gồm cả hồ sơ"));
    assert!(page.body.contains("Ủy ban nhân dân phường Hai"));
    assert!(page.body.contains("with_predecessors=true&amp;format=xlsx"));
}
