//! Reports through the API: the 13 columns with real numbers, exports, the 766 index and its
//! drill-down, the register, and who may read them.

use crate::both;
use crate::support::{Server, intake_body};
use axum::http::{StatusCode, header};
use chrono::{Duration, NaiveDate};
use motcua_app::IntakeRequest;
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, Backend, DEPARTMENT, MARRIAGE, PROVINCE, WARD1, WARD2};
use serde_json::{Value, json};

both!(
    the_tthc_report_has_real_numbers_and_exports,
    reports_need_a_report_role_over_the_unit,
    the_766_index_drills_down_to_dossiers,
    the_register_lists_the_desk_s_dossiers,
);

/// Tháng 12/2026 (15/11 – 14/12/2026).
const DECEMBER: &str = "period=month:2026-12";

/// At 25/11/2026 09:00, ward one's desk receives two marriages for itself and a building permit
/// for the department. The first marriage is resolved early on 27/11 with an electronic result;
/// the permit is resolved late on 03/12 10:00, where the clock stays. Returns the three codes.
async fn three_dossiers(s: &Server) -> [String; 3] {
    let f = &s.f;
    let desk = f.caller(Role::TiepNhan, WARD1);
    let mut codes = Vec::new();
    for (procedure, competent) in [
        (MARRIAGE, None),
        (MARRIAGE, None),
        (BUILDING, Some(DEPARTMENT)),
    ] {
        let mut body = intake_body(procedure);
        body["competent_unit"] = json!(competent);
        let req: IntakeRequest = serde_json::from_value(body).unwrap();
        let view = f.app.intake(&desk, req, None).await.unwrap();
        codes.push(view.dossier.code.to_string());
    }
    let resolve = |file: Option<&str>| Action::Resolve {
        approved: true,
        reasons: String::new(),
        result_file: file.map(str::to_owned),
    };
    f.advance(Duration::days(2));
    f.app
        .act(
            &f.caller(Role::LanhDao, WARD1),
            &codes[0],
            f.version(&codes[0]).await,
            resolve(Some("kq.pdf")),
        )
        .await
        .unwrap();
    f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    );
    f.app
        .act(
            &f.caller(Role::LanhDao, DEPARTMENT),
            &codes[2],
            f.version(&codes[2]).await,
            resolve(None),
        )
        .await
        .unwrap();
    [codes[0].clone(), codes[1].clone(), codes[2].clone()]
}

fn n(v: &Value, group: &str, key: &str) -> u64 {
    v[group][key].as_u64().unwrap()
}

/// Column 3 = 7 + 11 for the totals and every row; the totals are the sums of the units and of
/// the fields.
fn check_invariants(v: &Value) {
    for row in std::iter::once(v)
        .chain(v["units"].as_array().unwrap())
        .chain(v["fields"].as_array().unwrap())
    {
        assert_eq!(
            n(row, "received", "total"),
            n(row, "resolved", "total") + n(row, "pending", "total"),
            "{row}"
        );
    }
    for (group, keys) in [
        (
            "received",
            ["total", "online", "direct_postal", "carried_over"].as_slice(),
        ),
        ("resolved", &["total", "early", "on_time", "late"]),
        ("pending", &["total", "not_due", "overdue"]),
    ] {
        for key in keys {
            for list in ["units", "fields"] {
                let sum: u64 = v[list]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| n(r, group, key))
                    .sum();
                assert_eq!(sum, n(v, group, key), "{list} {group}.{key}");
            }
        }
    }
}

async fn the_tthc_report_has_real_numbers_and_exports(backend: Backend) {
    let s = Server::new(backend).await;
    three_dossiers(&s).await;
    let token = s.token(Role::Cchc, PROVINCE).await;
    let a = s
        .get(&format!("/api/v1/reports/tthc?{DECEMBER}"), Some(&token))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let v = &a.body;
    assert_eq!(
        v["received"],
        json!({ "total": 3, "online": 0, "direct_postal": 3, "carried_over": 0 })
    );
    assert_eq!(
        v["resolved"],
        json!({ "total": 2, "early": 1, "on_time": 0, "late": 1 })
    );
    assert_eq!(
        v["pending"],
        json!({ "total": 1, "not_due": 0, "overdue": 1 })
    );
    assert_eq!(
        v["period"]["label"],
        "Tháng 12/2026 (15/11/2026 – 14/12/2026)"
    );
    assert_eq!(v["unit"]["code"], PROVINCE);
    let units: Vec<(&str, u64)> = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["code"].as_str().unwrap(), n(u, "received", "total")))
        .collect();
    assert_eq!(
        units,
        [(PROVINCE, 0), (DEPARTMENT, 1), (WARD1, 2), (WARD2, 0)]
    );
    assert_eq!(
        v["units"][1]["resolved"]["late"], 1,
        "the permit counts for the department"
    );
    assert_eq!(v["fields"][0]["name"], "Hộ tịch");
    assert_eq!(v["fields"][1]["code"], "xay-dung");
    check_invariants(v);

    // One ward only, by range: the same ward figures.
    let a = s
        .get(
            &format!("/api/v1/reports/tthc?from=2026-11-15&to=2026-12-14&unit={WARD1}"),
            Some(&token),
        )
        .await;
    assert_eq!(a.body["units"].as_array().unwrap().len(), 1);
    assert_eq!(a.body["received"]["total"], 2);
    assert_eq!(a.body["period"]["name"], "15/11/2026 – 14/12/2026");

    let a = s
        .get(
            &format!("/api/v1/reports/tthc?{DECEMBER}&format=csv"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        a.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"bao-cao-tthc_T01_2026-11-15_2026-12-14.csv\""
    );
    let csv = a.body.as_str().unwrap();
    assert!(csv.starts_with("\u{feff}(1) STT,"), "{csv}");
    assert!(
        csv.contains("\r\n,Tổng cộng,3,0,3,0,2,1,0,1,1,0,1\r\n"),
        "{csv}"
    );

    let a = s
        .get(
            &format!("/api/v1/reports/tthc?{DECEMBER}&format=xlsx"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(
        a.headers[header::CONTENT_TYPE],
        motcua_report::XLSX_MEDIA_TYPE
    );
    assert!(a.body.as_str().unwrap().starts_with("PK"), "a zip archive");

    // The fields of each unit under it, when asked (docs/rules.md §8.6).
    let a = s
        .get(
            &format!("/api/v1/reports/tthc?{DECEMBER}&fields_by_unit=true"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let fields = |u: usize| -> Vec<(String, u64)> {
        a.body["units"][u]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_owned(),
                    n(f, "received", "total"),
                )
            })
            .collect()
    };
    assert!(
        fields(0).is_empty(),
        "the province has no dossier of its own"
    );
    assert_eq!(fields(1), [("xay-dung".to_owned(), 1)]);
    assert_eq!(fields(2), [("ho-tich".to_owned(), 2)]);
    assert_eq!(a.body["units"][2]["fields"][0]["pending"]["overdue"], 1);
    let csv = s
        .get(
            &format!("/api/v1/reports/tthc?{DECEMBER}&fields_by_unit=true&format=csv"),
            Some(&token),
        )
        .await;
    assert!(
        csv.body
            .as_str()
            .unwrap()
            .contains("\r\n3.1,Hộ tịch,2,0,2,0,1,1,0,0,1,0,1\r\n"),
        "{:?}",
        csv.body
    );
}

async fn reports_need_a_report_role_over_the_unit(backend: Backend) {
    let s = Server::new(backend).await;
    let url = format!("/api/v1/reports/tthc?{DECEMBER}");
    assert_eq!(s.get(&url, None).await.status, StatusCode::UNAUTHORIZED);
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let a = s.get(&url, Some(&desk)).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let leader = s.token(Role::LanhDao, WARD1).await;
    assert_eq!(s.get(&url, Some(&leader)).await.status, StatusCode::OK);
    for unit in [PROVINCE, WARD2] {
        let a = s.get(&format!("{url}&unit={unit}"), Some(&leader)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{unit}");
    }
    let admin = s.token(Role::QuanTri, PROVINCE).await;
    let a = s.get(&format!("{url}&unit=T01.X9"), Some(&admin)).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "unknown_unit")
    );
    for (query, needle) in [
        ("period=month:2026-13", "tháng không hợp lệ: 13"),
        ("period=week:1", "«week:1»"),
        ("from=2026-12-01", "cần kỳ báo cáo"),
        ("from=2026-12-01&to=2026-11-01", "sau ngày kết thúc"),
        ("period=year:2026&format=doc", "«doc»"),
    ] {
        let a = s
            .get(&format!("/api/v1/reports/tthc?{query}"), Some(&admin))
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, "invalid_parameter"),
            "{query}"
        );
        let message = a.body["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{query}: {message}");
    }
    let a = s
        .get("/api/v1/reports/index766?period=year:2026", Some(&desk))
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = s
        .get("/api/v1/reports/register?period=year:2026", Some(&desk))
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

async fn the_766_index_drills_down_to_dossiers(backend: Backend) {
    let s = Server::new(backend).await;
    let [early, open, late] = three_dossiers(&s).await;
    let token = s.token(Role::Cchc, PROVINCE).await;
    let a = s
        .get(
            &format!("/api/v1/reports/index766?{DECEMBER}"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let on_time = &a.body["groups"][1]["indicators"][0];
    assert_eq!(on_time["code"], "2.1");
    assert_eq!(on_time["numerator"], 1);
    assert_eq!(on_time["denominator"], 3);
    assert_eq!(on_time["rate_text"], "33,33%");
    assert_eq!(on_time["points_text"], "6,67");
    assert_eq!(on_time["losers"]["count"], 2);
    let e_result = &a.body["groups"][4]["indicators"][0];
    assert_eq!(
        (e_result["code"].as_str(), e_result["rate_text"].as_str()),
        (Some("4.1"), Some("50,00%"))
    );
    let satisfaction = &a.body["groups"][5]["indicators"][1];
    assert_eq!(
        (
            satisfaction["code"].as_str(),
            satisfaction["rate_text"].as_str()
        ),
        (Some("5.4"), Some("Chưa có dữ liệu"))
    );
    assert!(satisfaction.get("losers").is_none());
    assert_eq!(a.body["estimate"], true);

    let a = s
        .get(
            &format!("/api/v1/reports/index766/losers?indicator=2.1&{DECEMBER}"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let mut items: Vec<&str> = a.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    items.sort_unstable();
    assert_eq!(items, [open.as_str(), late.as_str()]);
    assert!(!items.contains(&early.as_str()));
    assert_eq!(a.body["label"], "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn");
    let a = s
        .get(
            &format!("/api/v1/reports/index766/losers?indicator=1.1&{DECEMBER}"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
}

async fn the_register_lists_the_desk_s_dossiers(backend: Backend) {
    let s = Server::new(backend).await;
    let [early, open, late] = three_dossiers(&s).await;
    let token = s.token(Role::LanhDao, WARD1).await;
    let a = s
        .get(
            &format!("/api/v1/reports/register?{DECEMBER}"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let rows: Vec<(&str, &str)> = a.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap(),
                r["time_class"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (early.as_str(), "early"),
            (open.as_str(), "overdue"),
            (late.as_str(), "late")
        ]
    );
    assert_eq!(
        a.body["items"][0]["received_at"],
        "2026-11-25T09:00:00+07:00"
    );
    assert_eq!(a.body["items"][2]["competent_unit"], "Sở Xây dựng");
    let a = s
        .get(
            &format!("/api/v1/reports/register?{DECEMBER}&format=xlsx"),
            Some(&token),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .ends_with(".xlsx\"")
    );
    assert_eq!(a.headers[header::CACHE_CONTROL], "no-store");
}
