//! Probes for load balancers and supervisors.
//!
//! `/healthz` (liveness) answers from memory: 200 `{"status":"ok"}` while the process serves
//! and the store can still write at all, 503 once the store knows it cannot (the SQLite writer
//! thread has ended), so that a supervisor restarts the process. `/readyz` (readiness) makes a
//! real write through the store — a transaction through the SQLite writer, a query on a
//! writable PostgreSQL — and answers 503 if it fails or takes longer than [`READY_TIMEOUT`],
//! so that a load balancer sends requests elsewhere meanwhile. It also answers 503 when a
//! calendar job is stuck: work left and neither a claim nor a saved batch for
//! [`motcua_app::usecases::calendar_jobs::STUCK_AFTER`] — no worker of any instance is making
//! progress, so due instants stay wrong until an operator looks.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

/// Longest wait for the write probe of `/readyz`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if state.app.store().alive() {
        (StatusCode::OK, Json(json!({ "status": "ok" })))
    } else {
        tracing::error!("health: the store can no longer write");
        unavailable()
    }
}

/// `GET /readyz`.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let probe = async {
        state.app.store().ready().await?;
        let stuck =
            state.app.stuck_calendar_jobs().await.map_err(|e| {
                motcua_app::store::StoreError::Database(format!("calendar jobs: {e}"))
            })?;
        Ok::<_, motcua_app::store::StoreError>(stuck)
    };
    match tokio::time::timeout(READY_TIMEOUT, probe).await {
        Ok(Ok(stuck)) if !stuck.is_empty() => {
            let jobs: Vec<i64> = stuck.iter().map(|j| j.id).collect();
            tracing::error!(?jobs, "readiness: calendar jobs are stuck");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({
                    "status": "unavailable",
                    "message": "Việc tính lại hạn sau thay đổi lịch làm việc bị treo",
                    "stuck_calendar_jobs": jobs,
                })),
            )
        }
        Ok(Ok(_)) => (StatusCode::OK, Json(json!({ "status": "ready" }))),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "readiness: the write probe failed");
            unavailable()
        }
        Err(_) => {
            tracing::error!(
                timeout_ms = READY_TIMEOUT.as_millis(),
                "readiness: the write probe timed out"
            );
            unavailable()
        }
    }
}

fn unavailable() -> (StatusCode, Json<Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({
            "status": "unavailable",
            "message": "Không ghi được vào cơ sở dữ liệu",
        })),
    )
}
