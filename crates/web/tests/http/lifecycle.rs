//! Actions through the whole life of a dossier, with permissions and calendar changes.

use crate::both;
use crate::support::{Answer, Server};
use axum::http::StatusCode;
use chrono::Duration;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, PROVINCE, WARD1, WARD2, username};
use serde_json::{Value, json};

both!(
    a_dossier_goes_from_intake_to_return,
    illegal_transitions_are_conflicts_in_vietnamese,
    officers_act_only_where_they_hold_the_role,
    a_calendar_change_moves_open_due_dates,
);

async fn act(s: &Server, token: &str, code: &str, action: Value) -> Answer {
    s.act(token, code, &action).await
}

async fn a_dossier_goes_from_intake_to_return(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let leader = s.token(Role::LanhDao, WARD1).await;
    let specialist = s.token(Role::ChuyenVien, WARD1).await;
    let to = username(Role::ChuyenVien, WARD1);

    let a = act(&s, &leader, &code, json!({ "action": "assign", "to": to })).await;
    assert_eq!(
        (a.status, &a.body["status"]),
        (StatusCode::OK, &json!("in_progress")),
        "{:?}",
        a.body
    );
    assert_eq!(a.body["steps"][0]["assignee"], to.as_str());

    // A supplement stops the clock; an hour later the due date has moved by an hour.
    s.f.advance(Duration::hours(1));
    let a = act(
        &s,
        &specialist,
        &code,
        json!({ "action": "request_supplement", "items": ["Bản sao CCCD"] }),
    )
    .await;
    assert_eq!(a.body["status"], "supplement_requested");
    assert_eq!(a.body["due_at"], Value::Null);
    s.f.advance(Duration::hours(1));
    let a = act(&s, &desk, &code, json!({ "action": "receive_supplement" })).await;
    assert_eq!(a.body["status"], "in_progress", "{:?}", a.body);
    assert_eq!(a.body["due_at"], "2026-11-30T10:00:00+07:00");

    let a = act(
        &s,
        &specialist,
        &code,
        json!({ "action": "complete_step", "note": "Đủ điều kiện" }),
    )
    .await;
    assert_eq!(
        (a.status, a.body["current_step"].clone()),
        (StatusCode::OK, json!(1)),
        "{:?}",
        a.body
    );
    let a = act(&s, &leader, &code, json!({ "action": "complete_step" })).await;
    assert_eq!(a.body["current_step"], Value::Null);
    let a = act(
        &s,
        &leader,
        &code,
        json!({ "action": "resolve", "approved": true }),
    )
    .await;
    assert_eq!(
        (a.status, &a.body["status"]),
        (StatusCode::OK, &json!("resolved")),
        "{:?}",
        a.body
    );
    assert_eq!(a.body["time_class"], "early");
    let a = act(
        &s,
        &desk,
        &code,
        json!({ "action": "return_result", "method": "desk" }),
    )
    .await;
    assert_eq!(a.body["status"], "returned");
    assert_eq!(a.body["status_label"], "Đã trả kết quả");
    assert_eq!(a.body["returned"]["at"], "2026-11-25T11:00:00+07:00");

    let detail = s
        .get(&format!("/api/v1/dossiers/{code}"), Some(&desk))
        .await;
    let types: Vec<&str> = detail.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "created",
            "received",
            "assigned",
            "paused",
            "resumed",
            "step_completed",
            "step_completed",
            "resolved",
            "result_returned"
        ]
    );
}

async fn illegal_transitions_are_conflicts_in_vietnamese(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let desk = s.token(Role::TiepNhan, WARD1).await;
    let a = act(
        &s,
        &desk,
        &code,
        json!({ "action": "return_result", "method": "desk" }),
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::CONFLICT, "invalid_transition")
    );
    assert_eq!(
        a.body["error"]["message"],
        "Không thể thực hiện «return_result» khi hồ sơ đang ở trạng thái «Đã tiếp nhận»"
    );
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = act(
        &s,
        &leader,
        &code,
        json!({ "action": "resolve", "approved": false }),
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "missing_field")
    );
    let a = act(&s, &leader, &code, json!({ "action": "fly" })).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "invalid_json")
    );
}

async fn officers_act_only_where_they_hold_the_role(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let resolve = json!({ "action": "resolve", "approved": true });
    // Another ward cannot even see it.
    let other = s.token(Role::LanhDao, WARD2).await;
    let a = act(&s, &other, &code, resolve.clone()).await;
    assert_eq!((a.status, a.code()), (StatusCode::NOT_FOUND, "not_found"));
    assert_eq!(
        s.get(&format!("/api/v1/dossiers/{code}"), Some(&other))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The same ward without the role: forbidden, in Vietnamese.
    let specialist = s.token(Role::ChuyenVien, WARD1).await;
    let a = act(&s, &specialist, &code, resolve.clone()).await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    assert!(
        a.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Bạn không có quyền")
    );
    // The province's leader holds the role over the whole tree.
    let province = s.token(Role::LanhDao, PROVINCE).await;
    assert_eq!(
        act(&s, &province, &code, resolve).await.status,
        StatusCode::OK
    );
}

async fn a_calendar_change_moves_open_due_dates(backend: Backend) {
    let s = Server::new(backend).await;
    let code = s.intake(WARD1).await["code"].as_str().unwrap().to_owned();
    let change = json!({ "date": "2026-11-26", "kind": "holiday", "reason": "Nghỉ đột xuất",
                         "reference": "99/TB-UBND" });
    let leader = s.token(Role::LanhDao, WARD1).await;
    let a = s
        .post("/api/v1/calendar/days", Some(&leader), &change)
        .await;
    assert_eq!((a.status, a.code()), (StatusCode::FORBIDDEN, "forbidden"));
    let admin = s.token(Role::QuanTri, PROVINCE).await;
    let a = s.post("/api/v1/calendar/days", Some(&admin), &change).await;
    // Accepted at once: the dossiers move in the background.
    assert_eq!(a.status, StatusCode::ACCEPTED, "{:?}", a.body);
    assert_eq!(
        (
            &a.body["state"],
            &a.body["total"],
            &a.body["moved"],
            &a.body["created"]
        ),
        (&json!("pending"), &json!(1), &json!(0), &json!(true))
    );
    let id = a.body["id"].as_i64().unwrap();
    assert_eq!(s.f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    let job = s
        .get(&format!("/api/v1/calendar/jobs/{id}"), Some(&admin))
        .await;
    assert_eq!(job.status, StatusCode::OK, "{:?}", job.body);
    assert_eq!(
        (
            &job.body["state"],
            &job.body["examined"],
            &job.body["moved"]
        ),
        (&json!("done"), &json!(1), &json!(1))
    );
    assert_eq!(job.body["date"], "2026-11-26");
    assert_eq!(job.body["kind"], "holiday");
    // The same change again records nothing and answers the same job.
    let again = s.post("/api/v1/calendar/days", Some(&admin), &change).await;
    assert_eq!(again.status, StatusCode::ACCEPTED);
    assert_eq!(
        (&again.body["id"], &again.body["created"]),
        (&json!(id), &json!(false))
    );
    // Another unit's administrator does not see it.
    let ward_admin = s.token(Role::QuanTri, WARD1).await;
    let hidden = s
        .get(&format!("/api/v1/calendar/jobs/{id}"), Some(&ward_admin))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let d = s
        .get(&format!("/api/v1/dossiers/{code}"), Some(&leader))
        .await;
    assert_eq!(d.body["due_at"], "2026-12-01T09:00:00+07:00");
    assert_eq!(
        d.body["events"].as_array().unwrap().last().unwrap()["type"],
        "due_recomputed"
    );
}
