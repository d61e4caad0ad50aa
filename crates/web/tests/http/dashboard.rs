//! The dashboard's figures through the API: real numbers, and who may read them.

use crate::both;
use crate::support::Server;
use axum::http::StatusCode;
use chrono::{Duration, NaiveDate};
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, PROVINCE, WARD1};

both!(
    the_dashboard_has_real_numbers,
    the_dashboard_needs_a_report_role_and_a_json_period,
);

/// Calendar November 2026.
const NOVEMBER: &str = "/api/v1/reports/dashboard?period=calendar-month:2026-11";

async fn the_dashboard_has_real_numbers(backend: Backend) {
    let s = Server::new(backend).await;
    // 25/11 09:00: two marriages at ward one (due 30/11 09:00); the first resolved on 27/11;
    // read on 02/12 08:00, the second is overdue.
    let first = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    s.intake(WARD1).await;
    s.f.advance(Duration::days(2));
    let resolve = Action::Resolve {
        approved: true,
        reasons: String::new(),
        result_file: None,
    };
    s.f.app
        .act(
            &s.f.caller(Role::LanhDao, WARD1),
            &first,
            s.f.version(&first).await,
            resolve,
        )
        .await
        .unwrap();
    s.f.set_now(
        NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap(),
    );
    let token = s.token(Role::Cchc, PROVINCE).await;
    let a = s.get(NOVEMBER, Some(&token)).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let v = &a.body;
    assert_eq!(v["unit"]["code"], PROVINCE);
    assert_eq!(
        v["period"]["label"],
        "Tháng 11/2026 (01/11/2026 – 30/11/2026)"
    );
    assert_eq!(v["now"], "2026-12-02T08:00:00+07:00");
    assert_eq!(
        (v["overdue_now"].as_u64(), v["due_today"].as_u64()),
        (Some(1), Some(0))
    );
    let total = &v["total"];
    assert_eq!(total["received"]["total"], 2);
    assert_eq!(total["resolved"]["early"], 1);
    assert_eq!(total["pending"]["overdue"], 1);
    assert_eq!(total["on_time_rate"]["rate"], 1.0);
    assert_eq!(total["on_time_rate"]["rate_text"], "100,00%");

    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0]["from"], "2025-12-01");
    assert_eq!(months[11]["to"], "2026-11-30");
    assert_eq!(months[11]["received"]["direct_postal"], 2);
    assert_eq!(months[10]["received"]["total"], 0);
    assert_eq!(months[10]["on_time_rate"]["rate"], serde_json::Value::Null);
    assert_eq!(months[10]["on_time_rate"]["rate_text"], "Không phát sinh");

    let fields = v["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0]["name"], "Hộ tịch");
    assert_eq!(fields[0]["received"]["total"], 2);

    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 3);
    assert_eq!(ranking[0]["rank"], 1);
    assert_eq!(ranking[0]["unit"]["code"], WARD1);
    assert_eq!(ranking[0]["resolved"]["total"], 1);
    assert!(ranking[0]["index766"]["normalised"].as_f64().unwrap() > 0.0);

    let groups = v["index766"]["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    let on_time = groups.iter().find(|g| g["code"] == "TDGQ").unwrap();
    assert!(on_time["points"].as_f64().unwrap() > 0.0, "{on_time}");
    assert!(on_time["points_text"].as_str().unwrap().contains(','));
}

async fn the_dashboard_needs_a_report_role_and_a_json_period(backend: Backend) {
    let s = Server::new(backend).await;
    assert_eq!(s.get(NOVEMBER, None).await.status, StatusCode::UNAUTHORIZED);
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let a = s.get(NOVEMBER, Some(&desk)).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let leader = s.token(Role::LanhDao, WARD1).await;
    assert_eq!(s.get(NOVEMBER, Some(&leader)).await.status, StatusCode::OK);
    let a = s
        .get(&format!("{NOVEMBER}&unit={PROVINCE}"), Some(&leader))
        .await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    for query in [
        "period=month:2026-13",
        "period=year:2026&format=csv",
        "to=2026-11-01",
    ] {
        let a = s
            .get(&format!("/api/v1/reports/dashboard?{query}"), Some(&leader))
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, "invalid_parameter"),
            "{query}"
        );
    }
}
