//! The 2025 organisation through the API (docs/rules.md §2.2): a merged unit's desk is refused
//! with a stable code and its successor named; the registers of the successor may include the
//! predecessors' dossiers.

use crate::both;
use crate::support::{Server, intake_body};
use axum::http::StatusCode;
use chrono::NaiveDate;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, PROVINCE, WARD1, WARD2};
use serde_json::json;

/// Ward two merged into ward one after 30/11/2026; the clock moves to 01/12/2026 09:00.
async fn merge_ward_two(s: &Server) {
    let file = json!({ "format": "motcua.units.v1", "units": [
        { "code": PROVINCE, "name": "Ủy ban nhân dân tỉnh Thử Nghiệm", "kind": "province",
          "parent": null },
        { "code": WARD2, "name": "Ủy ban nhân dân phường Hai", "kind": "ward", "parent": PROVINCE,
          "valid_to": "2026-11-30", "successor": WARD1 },
    ]});
    s.f.app
        .import_units(&s.f.operator(), &file.to_string())
        .await
        .unwrap();
    s.f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
    );
}

async fn a_merged_units_desk_is_refused_and_its_register_passes_on(backend: Backend) {
    let s = Server::new(backend).await;
    s.intake(WARD1).await;
    s.intake(WARD2).await;
    merge_ward_two(&s).await;
    let desk = s.token(Role::TiepNhan, WARD2).await;
    let a = s
        .post("/api/v1/dossiers", Some(&desk), &intake_body("1.000894"))
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", a.body);
    assert_eq!(a.code(), "unit_closed");
    assert_eq!(
        a.body["error"]["message"],
        "Đơn vị Ủy ban nhân dân phường Hai đã ngừng hoạt động từ 01/12/2026; tiếp nhận tại Ủy ban \
         nhân dân phường Một (T01.W1)"
    );
    let leader = s.token(Role::LanhDao, WARD1).await;
    let register = format!("/api/v1/reports/register?from=2026-11-01&to=2026-11-30&unit={WARD1}");
    let rows = |a: &crate::support::Answer| -> Vec<String> {
        a.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let own = s.get(&register, Some(&leader)).await;
    assert_eq!(own.status, StatusCode::OK, "{:?}", own.body);
    assert_eq!(rows(&own), ["T01.W1-261125-0001"]);
    let all = s
        .get(&format!("{register}&with_predecessors=true"), Some(&leader))
        .await;
    assert_eq!(all.status, StatusCode::OK, "{:?}", all.body);
    assert_eq!(rows(&all), ["T01.W1-261125-0001", "T01.W2-261125-0001"]);
}

both!(a_merged_units_desk_is_refused_and_its_register_passes_on);
