//! Pages without sign-in: the catalogue, the look-up, error pages and the stylesheet.

use crate::site::{PHONE, Site};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use motcua_testkit::{BUILDING, CERTIFY, MARRIAGE};

#[tokio::test]
async fn the_catalogue_search_ignores_diacritics_and_case() {
    let site = Site::new().await;
    let page = site.get("/thu-tuc?q=dang+ky+KET+hon", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!(
        "<a href=\"/thu-tuc/{MARRIAGE}\">Đăng ký kết hôn</a>"
    )));
    assert!(!page.body.contains("Chứng thực bản sao"));
    assert!(page.body.contains("Tìm thấy 1 thủ tục"));
    let page = site.get("/thu-tuc", None).await;
    assert!(page.body.contains("Có 3 thủ tục"));
    assert!(page.body.contains("2.000 đồng") && page.body.contains("Không thu"));
}

#[tokio::test]
async fn a_procedure_page_has_components_time_limit_fees_steps_and_legal_bases() {
    let site = Site::new().await;
    let page = site.get(&format!("/thu-tuc/{BUILDING}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Cấp giấy phép xây dựng",
        "5 ngày làm việc",
        "Lệ phí: 150.000 đồng",
        "Tờ khai",
        "Thẩm định hồ sơ",
        "Luật Hộ tịch 2014",
        "1/QĐ-UBND ngày 01/07/2025",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(!page.body.contains("chưa ghi đủ bộ phận tạo thành"));
    let page = site.get(&format!("/thu-tuc/{CERTIFY}"), None).await;
    assert!(page.body.contains("trong ngày (tiếp nhận trước 15:00)"));
    for missing in ["/thu-tuc/9.999999", "/thu-tuc/khong-co"] {
        let page = site.get(missing, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(page.body.contains("Không tìm thấy trang"));
    }
}

#[tokio::test]
async fn a_procedure_page_names_the_constituent_parts_its_entry_lacks() {
    let site = Site::new().await;
    let procedures = site.f.store.procedures().await.unwrap();
    let mut spec = procedures
        .into_iter()
        .find(|p| p.spec.code.as_str() == BUILDING)
        .unwrap()
        .spec;
    spec.code = motcua_domain::ids::ProcedureCode::parse("1.999001").unwrap();
    spec.components.clear();
    spec.applicant_types.clear();
    site.f.store.import_procedures(&[spec]).await.unwrap();
    let page = site.get("/thu-tuc/1.999001", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(
            "chưa ghi đủ bộ phận tạo thành của thủ tục (Nghị định 63/2010/NĐ-CP, Điều 8): \
             thiếu thành phần, số lượng hồ sơ, đối tượng thực hiện."
        ),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_look_up_answers_with_the_right_number_and_the_same_message_otherwise() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Vũ Văn Hải")
        .await
        .dossier
        .code
        .to_string();
    let page = site
        .get(&format!("/tra-cuu?ma={code}&so=0912345678"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for text in [
        "Đăng ký kết hôn",
        "Đã tiếp nhận",
        "09 giờ 00 phút, ngày 30/11/2026",
        "Hẹn trả kết quả lúc 09 giờ 00 phút ngày 30/11/2026",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(
        !page.body.contains("Vũ Văn Hải"),
        "no personal data on the public page"
    );
    let page = site
        .post("/tra-cuu", None, &[("ma", &code), ("so", "001090000123")])
        .await;
    assert_eq!(page.status, StatusCode::OK, "the ID number works too");

    let wrong_number = site
        .post("/tra-cuu", None, &[("ma", &code), ("so", "0900000000")])
        .await;
    let wrong_code = site
        .post(
            "/tra-cuu",
            None,
            &[("ma", "T01.W1-261125-0099"), ("so", PHONE)],
        )
        .await;
    for page in [&wrong_number, &wrong_code] {
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(
            page.body
                .contains("Không tìm thấy hồ sơ với mã hồ sơ và số điện thoại")
        );
        assert!(!page.body.contains("Đăng ký kết hôn"));
    }
    let page = site.get(&format!("/tra-cuu?ma={code}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("value=\"{code}\"")),
        "the code from the receipt link"
    );
}

#[tokio::test]
async fn the_look_up_is_rate_limited() {
    let site = Site::new().await;
    let mut last = StatusCode::OK;
    for _ in 0..31 {
        last = site
            .post(
                "/tra-cuu",
                None,
                &[("ma", "T01.W1-261125-0001"), ("so", "0900000000")],
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn error_pages_are_html_in_vietnamese() {
    let site = Site::new().await;
    let request = Request::get("/khong-co-trang-nay")
        .header("x-request-id", "req-7")
        .body(Body::empty())
        .unwrap();
    let page = site.send(request).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.body.contains("<html lang=\"vi\">") && page.body.contains("Không tìm thấy trang"));
}

#[tokio::test]
async fn the_stylesheet_is_embedded_and_cached_long() {
    let site = Site::new().await;
    let page = site.get("/static/site.css", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    assert!(page.body.contains("@media print"));
    let home = site.get("/", None).await;
    assert!(home.body.contains("/static/site.css?v="));
    assert_eq!(
        site.get("/static/khong-co.css", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_look_up_normalises_the_number_and_keeps_it_after_an_error() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Vũ Văn Hải")
        .await
        .dossier
        .code
        .to_string();
    for written in ["+84 912 345 678", "84912345678", "0912.345.678"] {
        let page = site
            .post("/tra-cuu", None, &[("ma", &code), ("so", written)])
            .await;
        assert_eq!(page.status, StatusCode::OK, "{written}: {}", page.body);
        assert!(page.body.contains("Đã tiếp nhận"), "{written}");
    }
    let page = site
        .post("/tra-cuu", None, &[("ma", &code), ("so", "09-12")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("value=\"09-12\""),
        "the number typed is kept: {}",
        page.body
    );
    assert!(
        page.body.contains("aria-describedby=\"so-error\"")
            && page.body.contains("id=\"so-error\""),
        "the message is next to the field"
    );
    let page = site
        .post("/tra-cuu", None, &[("ma", &code), ("so", "0900000000")])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("value=\"0900000000\""));
}
