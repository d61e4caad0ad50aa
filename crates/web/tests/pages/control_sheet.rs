//! The printable control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ) and the hand-overs
//! between the desk and the competent body (docs/rules.md §6.6).

use crate::site::Site;
use axum::http::StatusCode;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, DEPARTMENT, WARD1, WARD2};

#[tokio::test]
async fn the_control_sheet_lists_every_hand_over_with_units_times_and_outcomes() {
    let site = Site::new().await;
    // Received at ward one's desk for the department (Wednesday 25/11/2026 09:00).
    let code = site
        .intake(BUILDING, "Lê Văn Cường")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, DEPARTMENT).await;
    let clerk = site.login(Role::ChuyenVien, DEPARTMENT).await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let steps: [(&_, Vec<(&str, &str)>); 4] = [
        (
            &leader,
            vec![("action", "assign"), ("to", "chuyen_vien.d1")],
        ),
        (
            &clerk,
            vec![("action", "complete_step"), ("to", "lanh_dao.d1")],
        ),
        (&leader, vec![("action", "resolve"), ("approved", "1")]),
        (&desk, vec![("action", "return_result"), ("method", "desk")]),
    ];
    for (session, mut fields) in steps {
        fields.push(("csrf_token", &session.csrf));
        let page = site.act(&code, Some(session), &fields).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{fields:?}: {}",
            page.body
        );
    }

    let dossier = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&desk))
        .await;
    for text in [
        "In phiếu kiểm soát",
        "Bàn giao hồ sơ cho cơ quan giải quyết: Ủy ban nhân dân phường Một (T01.W1) → Sở Xây dựng (T01.D1)",
        "Chuyển kết quả về nơi trả kết quả: Sở Xây dựng (T01.D1) → Ủy ban nhân dân phường Một (T01.W1)",
        "Kết quả về nơi trả kết quả trong hạn",
    ] {
        assert!(dossier.body.contains(text), "{text} missing");
    }

    let sheet = site
        .get(
            &format!("/can-bo/ho-so/{code}/phieu-kiem-soat"),
            Some(&desk),
        )
        .await;
    assert_eq!(sheet.status, StatusCode::OK);
    let body = &sheet.body;
    let lines = [
        // 1. The desk hands the papers over on reception (the process has no desk step).
        "Giao: Trung tâm Phục vụ hành chính công — Ủy ban nhân dân phường Một (T01.W1)<br>Nhận: Sở Xây dựng (T01.D1)",
        "Hồ sơ đến cơ quan giải quyết: 09:00 thứ Tư, 25/11/2026",
        // 2. The clerk's step, done on time, to the leader.
        "Giao: Sở Xây dựng (T01.D1) — Thẩm định hồ sơ: chuyen_vien.d1<br>Nhận: Sở Xây dựng (T01.D1) — Phê duyệt: lanh_dao.d1",
        // 3. The leader's step, closed by the decision.
        "Bước khép lại khi có kết quả",
        // 4. The result back to the desk.
        "Giao: Sở Xây dựng (T01.D1)<br>Nhận: Trung tâm Phục vụ hành chính công — Ủy ban nhân dân phường Một (T01.W1)",
        // 5. The result to the applicant.
        "Nhận: Người nộp hồ sơ: Lê Văn Cường",
    ];
    let mut from = 0;
    for line in lines {
        let at = body[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line} missing or out of order"));
        from += at + line.len();
    }
    for text in [
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Mẫu số 06 — Thông tư số 03/2025/TT-VPCP",
        "Cơ quan (bộ phận) giải quyết hồ sơ: <strong>Sở Xây dựng (T01.D1)</strong>",
        "Cơ quan phối hợp giải quyết hồ sơ: Không có",
        "Người giao",
        "Trước hạn",
    ] {
        assert!(body.contains(text), "{text} missing");
    }

    // Someone of another ward cannot read it.
    let other = site.login(Role::TiepNhan, WARD2).await;
    let page = site
        .get(
            &format!("/can-bo/ho-so/{code}/phieu-kiem-soat"),
            Some(&other),
        )
        .await;
    assert_ne!(page.status, StatusCode::OK);
}
