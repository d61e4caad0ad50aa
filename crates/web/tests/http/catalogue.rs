//! The public catalogue and the units.

use crate::both;
use crate::support::{Server, encode};
use axum::http::StatusCode;
use motcua_testkit::{Backend, CERTIFY, MARRIAGE};

both!(
    search_ignores_case_and_diacritics,
    a_procedure_shows_its_limit_fees_and_process,
    units_are_listed_with_their_parents,
);

async fn search_ignores_case_and_diacritics(backend: Backend) {
    let s = Server::new(backend).await;
    for q in ["dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "KET hon"] {
        let a = s
            .get(&format!("/api/v1/procedures?q={}", encode(q)), None)
            .await;
        assert_eq!(a.status, StatusCode::OK);
        let items = a.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{q}: {items:?}");
        assert_eq!(items[0]["name"], "Đăng ký kết hôn");
        assert_eq!(items[0]["code"], MARRIAGE);
        assert_eq!(items[0]["time_limit_text"], "3 ngày làm việc");
    }
    let all = s.get("/api/v1/procedures", None).await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 3);
    let none = s.get("/api/v1/procedures?q=khong%20co%20gi", None).await;
    assert_eq!(none.body["items"], serde_json::json!([]));
}

async fn a_procedure_shows_its_limit_fees_and_process(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s.get(&format!("/api/v1/procedures/{CERTIFY}"), None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["time_limit"]["unit"], "same_day");
    assert_eq!(a.body["total_fee"], 2000);
    assert_eq!(a.body["fees"][0]["amount"], 2000);
    assert_eq!(a.body["payment_pause_allowed"], true);
    assert_eq!(a.body["steps"].as_array().unwrap().len(), 2);
    let a = s.get("/api/v1/procedures/1.999999", None).await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
    let a = s.get("/api/v1/procedures/abc", None).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_parameter")
    );
    assert_eq!(a.body["error"]["field"], "code");
}

async fn units_are_listed_with_their_parents(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s.get("/api/v1/units", None).await;
    assert_eq!(a.status, StatusCode::OK);
    let items = a.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    let ward = items.iter().find(|u| u["code"] == "T01.W1").unwrap();
    assert_eq!(ward["parent"], "T01");
    assert_eq!(ward["kind"], "ward");
    assert_eq!(ward["kind_label"], "Phường");
}
