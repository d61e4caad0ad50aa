//! The dossier page, its action forms, and escaping.

use crate::site::Site;
use axum::http::StatusCode;
use motcua_domain::dossier::Status;
use motcua_domain::org::Role;
use motcua_testkit::{BUILDING, DEPARTMENT, MARRIAGE, WARD1};

#[tokio::test]
async fn the_dossier_page_shows_the_explanation_steps_history_and_allowed_actions() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Trần Thị Bình")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&leader))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Cách tính hạn trả kết quả",
        "Thời hạn giải quyết: 3 ngày làm việc",
        "Hẹn trả kết quả: 09 giờ 00 phút ngày 30/11/2026.",
        "Phiếu kiểm soát quá trình giải quyết",
        "1. Thẩm định hồ sơ",
        "Chuyên viên xử lý",
        "Lịch sử xử lý",
        "Tiếp nhận hồ sơ",
        "0912 345 678",
        "12 Trần Hưng Đạo",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    for action in [
        "assign",
        "complete_step",
        "request_supplement",
        "transfer",
        "resolve",
        "stop",
        "apologize",
    ] {
        assert!(
            page.body
                .contains(&format!("name=\"action\" value=\"{action}\"")),
            "{action} missing"
        );
    }
    assert!(
        page.body
            .contains(&format!("name=\"csrf_token\" value=\"{}\"", leader.csrf))
    );
    assert!(
        !page.body.contains("value=\"return_result\""),
        "not resolved yet"
    );
    assert!(
        !page.body.contains("value=\"withdraw\""),
        "a desk officer's action"
    );

    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&desk))
        .await;
    assert!(page.body.contains("name=\"action\" value=\"withdraw\""));
    assert!(!page.body.contains("value=\"assign\""), "a leader's action");
}

#[tokio::test]
async fn an_action_without_the_csrf_token_is_refused_and_with_it_works() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Lê Văn Cường")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let fields = [("action", "assign"), ("to", "chuyen_vien.w1")];

    let page = site.act(&code, Some(&leader), &fields).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Không có quyền truy cập") && page.body.contains("tải lại trang"));
    let page = site
        .act(
            &code,
            Some(&leader),
            &[("csrf_token", "gia-mao"), fields[0], fields[1]],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let actor = site.f.caller(Role::LanhDao, WARD1);
    assert_eq!(
        site.f
            .app
            .dossier(&actor, &code)
            .await
            .unwrap()
            .dossier
            .status,
        Status::Received
    );

    let page = site
        .act(
            &code,
            Some(&leader),
            &[("csrf_token", &leader.csrf), fields[0], fields[1]],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), format!("/can-bo/ho-so/{code}?xong=assign"));
    let view = site.f.app.dossier(&actor, &code).await.unwrap();
    assert_eq!(view.dossier.status, Status::InProgress);
    assert_eq!(
        view.dossier.steps[0].assignee.as_deref(),
        Some("chuyen_vien.w1")
    );
    let page = site.get(page.location(), Some(&leader)).await;
    assert!(page.body.contains("Đã thực hiện: Phân công xử lý."));
    assert!(
        page.body
            .contains("Bước 1: Thẩm định hồ sơ — giao cho chuyen_vien.w1")
    );
}

#[tokio::test]
async fn a_refused_action_shows_the_reason_in_vietnamese() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Phạm Thị Dung")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .act(
            &code,
            Some(&leader),
            &[
                ("csrf_token", &leader.csrf),
                ("action", "stop"),
                ("reason", "  "),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("Thiếu lý do dừng giải quyết"),
        "{}",
        page.body
    );
    let page = site
        .act(
            &code,
            Some(&leader),
            &[("csrf_token", &leader.csrf), ("action", "return_result")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "a desk officer's action"
    );
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .act(
            &code,
            Some(&desk),
            &[("csrf_token", &desk.csrf), ("action", "return_result")],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.body
            .contains("khi hồ sơ đang ở trạng thái «Đã tiếp nhận»"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn html_in_names_is_escaped() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "<script>alert(1)</script>")
        .await
        .dossier
        .code
        .to_string();
    let desk = site.login(Role::TiepNhan, WARD1).await;
    for path in [
        "/can-bo".to_owned(),
        format!("/can-bo/ho-so/{code}"),
        format!("/can-bo/ho-so/{code}/bien-nhan"),
    ] {
        let page = site.get(&path, Some(&desk)).await;
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {}",
            page.body
        );
        assert!(!page.body.contains("<script>alert"), "{path}");
    }
}

#[tokio::test]
async fn a_dossier_goes_through_its_whole_life_with_the_forms() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Mai Thị Lan")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let clerk = site.login(Role::ChuyenVien, WARD1).await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let act = |who: &'static str, fields: Vec<(&'static str, &'static str)>| (who, fields);
    let steps = [
        act(
            "leader",
            vec![("action", "assign"), ("to", "chuyen_vien.w1")],
        ),
        act(
            "clerk",
            vec![
                ("action", "complete_step"),
                ("to", "lanh_dao.w1"),
                ("note", "Đủ điều kiện"),
            ],
        ),
        act(
            "leader",
            vec![
                ("action", "apologize"),
                ("reason", "Chờ xác minh"),
                ("new_date", "2026-12-09T09:00"),
            ],
        ),
        act(
            "clerk",
            vec![
                ("action", "request_supplement"),
                ("items", "Giấy xác nhận\r\nBản sao CCCD"),
            ],
        ),
        act("desk", vec![("action", "receive_supplement")]),
        act("leader", vec![("action", "resolve"), ("approved", "1")]),
        act(
            "desk",
            vec![("action", "return_result"), ("method", "post")],
        ),
    ];
    for (who, mut fields) in steps {
        let session = match who {
            "leader" => &leader,
            "clerk" => &clerk,
            _ => &desk,
        };
        fields.push(("csrf_token", &session.csrf));
        let page = site.act(&code, Some(session), &fields).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{fields:?}: {}",
            page.body
        );
    }
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&desk))
        .await;
    for text in [
        "Đã trả kết quả",
        "Bước 1: Thẩm định hồ sơ — hoàn thành đúng hạn",
        "Chuyển cho: lanh_dao.w1",
        "Hẹn lại: 09:00 thứ Tư, 09/12/2026",
        "Giấy tờ cần bổ sung: Giấy xác nhận; Bản sao CCCD",
        "Giải quyết: đồng ý",
        "Hình thức: Qua dịch vụ bưu chính",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    assert!(!page.body.contains("name=\"action\""), "nothing left to do");
}

#[tokio::test]
async fn a_second_supplement_request_warns_and_fees_are_recorded() {
    let site = Site::new().await;
    let code = site
        .intake(BUILDING, "Đinh Văn Khoa")
        .await
        .dossier
        .code
        .to_string();
    // Received at the ward, processed by the department.
    let clerk = site.login(Role::ChuyenVien, DEPARTMENT).await;
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let ask = [
        ("csrf_token", clerk.csrf.as_str()),
        ("action", "request_supplement"),
        ("items", "Bản vẽ"),
    ];
    let back = [
        ("csrf_token", desk.csrf.as_str()),
        ("action", "receive_supplement"),
    ];
    assert_eq!(
        site.act(&code, Some(&clerk), &ask).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        site.act(&code, Some(&desk), &back).await.status,
        StatusCode::SEE_OTHER
    );
    // A second request is a leader's: the specialist is no longer offered it.
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&clerk))
        .await;
    assert!(!page.body.contains("value=\"request_supplement\""));
    assert_eq!(
        site.act(&code, Some(&clerk), &ask).await.status,
        StatusCode::FORBIDDEN
    );
    let leader = site.login(Role::LanhDao, DEPARTMENT).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&leader))
        .await;
    assert!(
        page.body
            .contains("Yêu cầu lần nữa do lãnh đạo quyết định, phải ghi lý do")
    );
    assert!(page.body.contains("Lý do của lãnh đạo (bắt buộc)"));
    let again = [
        ("csrf_token", leader.csrf.as_str()),
        ("action", "request_supplement"),
        ("items", "Bản vẽ"),
        ("note", "Bản vẽ thiếu chữ ký của người thiết kế"),
    ];
    let page = site.act(&code, Some(&leader), &again).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "shown at once with the warning"
    );
    assert!(
        page.body
            .contains("Đây là lần yêu cầu bổ sung thứ hai sau khi tiếp nhận")
    );
    assert!(page.body.contains("Chờ bổ sung hồ sơ"));
    assert!(!page.body.contains("Đang tạm dừng tính thời gian từ"));

    let pay = [
        ("csrf_token", desk.csrf.as_str()),
        ("action", "pay"),
        ("method", "desk"),
    ];
    assert_eq!(
        site.act(&code, Some(&desk), &pay).await.status,
        StatusCode::SEE_OTHER
    );
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&desk))
        .await;
    assert!(page.body.contains("150.000 đồng — Nộp tại Bộ phận Một cửa"));
    assert!(page.body.contains("150.000 đồng — đã nộp 25/11/2026"));
}

#[tokio::test]
async fn the_page_offers_what_the_use_case_offers_and_people_of_the_holding_unit() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Trịnh Văn Sơn")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&leader))
        .await;
    let caller = site.f.caller(Role::LanhDao, WARD1);
    let view = site.f.app.dossier(&caller, &code).await.unwrap();
    let offered: Vec<&str> = page
        .body
        .match_indices("name=\"action\" value=\"")
        .map(|(i, m)| {
            let rest = &page.body[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let expected: Vec<&str> = view.actions.iter().map(|k| k.code()).collect();
    assert_eq!(offered, expected);
    // The assignee is chosen from a list of the people who may take the step, not typed.
    assert!(
        page.body
            .contains("<select id=\"assign-to\" name=\"to\" required>")
    );
    assert!(page.body.contains("value=\"chuyen_vien.w1\""));
    assert!(page.body.contains("value=\"chuyen_vien.t01\""));
    assert!(!page.body.contains("value=\"chuyen_vien.w2\""));
}

#[tokio::test]
async fn a_form_from_a_stale_page_is_refused_and_the_page_shows_the_dossier_now() {
    let site = Site::new().await;
    let code = site
        .intake(MARRIAGE, "Võ Thị Hạnh")
        .await
        .dossier
        .code
        .to_string();
    let leader = site.login(Role::LanhDao, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{code}"), Some(&leader))
        .await;
    assert!(page.body.contains("name=\"version\" value=\"2\""));
    // Another officer assigns the dossier from another page.
    let assign = [
        ("csrf_token", leader.csrf.as_str()),
        ("action", "assign"),
        ("to", "chuyen_vien.w1"),
    ];
    assert_eq!(
        site.act(&code, Some(&leader), &assign).await.status,
        StatusCode::SEE_OTHER
    );
    // The first page, still at version 2, sends its form.
    let url = format!("/can-bo/ho-so/{code}/thao-tac");
    let stale = [
        ("csrf_token", leader.csrf.as_str()),
        ("action", "stop"),
        ("reason", "Người nộp đề nghị dừng"),
        ("version", "2"),
    ];
    let page = site.post(&url, Some(&leader), &stale).await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(
        page.body.contains(
            "Hồ sơ đã được người khác cập nhật (nay ở phiên bản 3, trạng thái «Đang giải \
             quyết»)"
        ),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("giao cho chuyen_vien.w1"),
        "the page now"
    );
    assert!(page.body.contains("name=\"version\" value=\"3\""));
    let view = site
        .f
        .app
        .dossier(&site.f.caller(Role::LanhDao, WARD1), &code)
        .await
        .unwrap();
    assert_eq!(view.dossier.status, Status::InProgress, "not stopped");
    // A form without the version is refused the same way.
    let page = site.post(&url, Some(&leader), &stale[..3]).await;
    assert_eq!(page.status, StatusCode::PRECONDITION_REQUIRED);
    assert!(
        page.body
            .contains("Biểu mẫu không kèm phiên bản hồ sơ đã xem")
    );
}

#[tokio::test]
async fn accepting_an_online_submission_gives_it_the_code_of_the_reception_day() {
    let site = Site::new().await;
    // Submitted online on Wednesday 25/11/2026, accepted at the desk on Friday 27/11/2026.
    let number = site.f.submit_online(WARD1, MARRIAGE).await;
    site.f.advance(chrono::Duration::days(2));
    let desk = site.login(Role::TiepNhan, WARD1).await;
    let page = site
        .get(&format!("/can-bo/ho-so/{number}"), Some(&desk))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("<h1>Hồ sơ {number}</h1>")));
    assert!(
        page.body
            .contains("Số nộp trực tuyến. Mã hồ sơ được cấp khi tiếp nhận")
    );
    assert!(page.body.contains(r#"value="accept""#));

    let page = site
        .act(
            &number,
            Some(&desk),
            &[("csrf_token", &desk.csrf), ("action", "accept")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let code = format!("{WARD1}-261127-0001");
    assert_eq!(page.location(), format!("/can-bo/ho-so/{code}?xong=accept"));
    let page = site.get(page.location(), Some(&desk)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("<h1>Hồ sơ {code}</h1>")));
    assert!(
        page.body
            .contains(&format!("<dt>Số nộp trực tuyến</dt><dd>{number}"))
    );
    assert!(page.body.contains(&format!("Cấp mã hồ sơ: {code}")));
    assert!(!page.body.contains("Mã hồ sơ được cấp khi tiếp nhận"));
    // The receipt carries the code, and the submission number still opens the dossier.
    let receipt = site
        .get(&format!("/can-bo/ho-so/{code}/bien-nhan"), Some(&desk))
        .await;
    assert!(receipt.body.contains(&code), "{}", receipt.body);
    let page = site
        .get(&format!("/can-bo/ho-so/{number}"), Some(&desk))
        .await;
    assert!(page.body.contains(&format!("<h1>Hồ sơ {code}</h1>")));
}
