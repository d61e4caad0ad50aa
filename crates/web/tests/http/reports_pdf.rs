//! The reports as PDF attachments: Biểu II.06a, the 766 index and the register.

use crate::both;
use crate::support::{Answer, Server};
use axum::http::{StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, PROVINCE, WARD1};

both!(reports_download_as_pdf);

/// Tháng 12/2026 (15/11 – 14/12/2026).
const DECEMBER: &str = "period=month:2026-12";

fn assert_pdf(a: &Answer, file_name: &str) {
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        a.headers[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"{file_name}\"").as_str()
    );
    assert_eq!(a.headers[header::CACHE_CONTROL], "no-store");
    let body = a.body.as_str().unwrap();
    assert!(body.starts_with("%PDF-"), "{}", &body[..body.len().min(16)]);
}

async fn reports_download_as_pdf(backend: Backend) {
    let s = Server::new(backend).await;
    s.intake(WARD1).await;
    let token = s.token(Role::Cchc, PROVINCE).await;
    let get = |what: &str, query: &str| format!("/api/v1/reports/{what}?{DECEMBER}{query}");

    let a = s.get(&get("tthc", "&format=pdf"), Some(&token)).await;
    assert_pdf(&a, "bao-cao-tthc_T01_2026-11-15_2026-12-14.pdf");
    let a = s.get(&get("index766", "&format=pdf"), Some(&token)).await;
    assert_pdf(&a, "chi-so-766_T01_2026-11-15_2026-12-14.pdf");
    let a = s.get(&get("register", "&format=pdf"), Some(&token)).await;
    assert_pdf(&a, "so-theo-doi_T01_2026-11-15_2026-12-14.pdf");

    // The index has no spreadsheet; a desk officer sees no report, in PDF neither.
    let a = s.get(&get("index766", "&format=csv"), Some(&token)).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_parameter")
    );
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let a = s.get(&get("tthc", "&format=pdf"), Some(&desk)).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}
