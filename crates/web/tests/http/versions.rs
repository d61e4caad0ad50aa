//! The dossier version over HTTP (docs/rules.md §6.12): `ETag` on reads, `If-Match` on actions,
//! 409 `stale_version` with the current state, 428 `version_required` without it.

use crate::both;
use crate::support::Server;
use axum::http::{StatusCode, header};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, WARD1};
use serde_json::json;

both!(
    a_dossier_is_read_with_its_version_in_the_etag,
    a_stale_if_match_is_refused_with_the_current_state,
    an_action_without_if_match_is_refused_and_writes_nothing,
);

async fn a_dossier_is_read_with_its_version_in_the_etag(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = s
        .get(&format!("/api/v1/dossiers/{code}"), Some(&leader))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::ETAG], "\"2\"");
    assert_eq!(a.body["version"], 2);
}

async fn a_stale_if_match_is_refused_with_the_current_state(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let leader = s.token(Role::LanhDao, WARD1).await;
    let assign = json!({ "action": "assign", "to": "chuyen_vien.w1" });
    let a = s.act_at(&leader, &code, Some("\"2\""), &assign).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.headers[header::ETAG], "\"3\"");
    assert_eq!(
        (&a.body["version"], &a.body["status"]),
        (&json!(3), &json!("in_progress"))
    );

    // A second screen, loaded at version 2, completes the step: refused, with the state now.
    let complete = json!({ "action": "complete_step" });
    let a = s.act_at(&leader, &code, Some("\"2\""), &complete).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert_eq!(
        a.body,
        json!({ "error": {
            "code": "stale_version",
            "message": "Hồ sơ đã được người khác cập nhật (nay ở phiên bản 3, trạng thái «Đang \
                        giải quyết»); vui lòng xem lại hồ sơ rồi thực hiện lại thao tác",
            "field": null,
            "current": { "version": 3, "status": "in_progress" },
        }})
    );
    assert_eq!(s.f.version(&code).await.get(), 3, "nothing written");

    // With the version it now reads, the same action is done.
    let a = s.act_at(&leader, &code, Some("\"3\""), &complete).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["current_step"], 1);
    assert_eq!(a.headers[header::ETAG], "\"4\"");
}

async fn an_action_without_if_match_is_refused_and_writes_nothing(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let leader = s.token(Role::LanhDao, WARD1).await;
    let assign = json!({ "action": "assign", "to": "chuyen_vien.w1" });
    let a = s.act_at(&leader, &code, None, &assign).await;
    assert_eq!(a.status, StatusCode::PRECONDITION_REQUIRED);
    assert_eq!(a.code(), "version_required");
    assert_eq!(
        a.body["error"]["message"],
        "Thao tác cần kèm phiên bản hồ sơ đã xem: header If-Match: \"<phiên bản>\" (giá trị \
         của header ETag khi đọc hồ sơ)"
    );
    for bad in ["2", "W/\"2\"", "*", "\"2\", \"3\"", "\"0\""] {
        let a = s.act_at(&leader, &code, Some(bad), &assign).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            (a.code(), &a.body["error"]["field"]),
            ("invalid_parameter", &json!("If-Match"))
        );
    }
    assert_eq!(s.f.version(&code).await.get(), 2, "nothing written");
}
