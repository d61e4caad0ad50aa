//! `/healthz` (liveness, from memory), `/readyz` (a real write) and `Cache-Control: no-store`
//! on every dynamic answer.

use crate::both;
use crate::support::Server;
use axum::http::StatusCode;
use motcua_domain::org::Role;
use motcua_testkit::{Backend, WARD1};
use serde_json::json;
use std::time::Instant;

both!(
    ready_while_the_database_takes_writes,
    every_dynamic_answer_is_no_store
);

async fn ready_while_the_database_takes_writes(backend: Backend) {
    let s = Server::new(backend).await;
    let a = s.get("/readyz", None).await;
    assert_eq!(
        (a.status, a.body),
        (StatusCode::OK, json!({ "status": "ready" }))
    );
    assert_eq!(s.get("/healthz", None).await.status, StatusCode::OK);
}

/// Another process holds SQLite's write lock (a long import, a stuck tool): the writer cannot
/// write, so `/readyz` answers 503 within its timeout; once the lock is released it is ready
/// again. Liveness stays 200: the process itself is fine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_ready_while_sqlite_writes_cannot_be_made() {
    let s = Server::new(Backend::Sqlite).await;
    let path = s.f.db.url.trim_start_matches("sqlite:").to_owned();
    let (locked, release) = std::sync::mpsc::channel();
    let (unlock, wait) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(path).unwrap();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        locked.send(()).unwrap();
        wait.recv().unwrap();
        c.execute_batch("ROLLBACK").unwrap();
    });
    release.recv().unwrap();
    let started = Instant::now();
    let a = s.get("/readyz", None).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.body["status"], "unavailable");
    assert!(started.elapsed() < motcua_web::health::READY_TIMEOUT * 2);
    assert_eq!(s.get("/healthz", None).await.status, StatusCode::OK);
    unlock.send(()).unwrap();
    holder.join().unwrap();
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
}

/// A PostgreSQL server that has become read-only (a standby after a fail-over, or set so by an
/// operator) cannot take writes: not ready.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_ready_while_postgres_is_read_only() {
    let s = Server::new(Backend::Postgres).await;
    let name = s.f.db.url.rsplit('/').next().unwrap().to_owned();
    let admin = s.f.db.url.replace(&name, "postgres");
    let set = |value: &'static str| {
        let (admin, name) = (admin.clone(), name.clone());
        async move {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
            let sql = format!("ALTER DATABASE {name} SET default_transaction_read_only = {value}");
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .unwrap();
            // The pool's connections keep their setting: end them, the pool opens new ones.
            let end = format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            );
            sqlx::raw_sql(sqlx::AssertSqlSafe(end))
                .execute(&mut c)
                .await
                .unwrap();
        }
    };
    set("on").await;
    let a = s.get("/readyz", None).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", a.body);
    set("off").await;
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
}

async fn every_dynamic_answer_is_no_store(backend: Backend) {
    let s = Server::new(backend).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let intake = s.intake(WARD1).await;
    let code = intake["code"].as_str().unwrap();
    let dossier = format!("/api/v1/dossiers/{code}");
    let public = format!("/api/v1/public/dossiers/{code}?phone=0912345678");
    for (uri, token, status) in [
        ("/healthz", None, StatusCode::OK),
        ("/readyz", None, StatusCode::OK),
        ("/api/v1/dossiers", Some(token.as_str()), StatusCode::OK),
        (dossier.as_str(), Some(token.as_str()), StatusCode::OK),
        ("/api/v1/dossiers", None, StatusCode::UNAUTHORIZED),
        (public.as_str(), None, StatusCode::OK),
        ("/dang-nhap", None, StatusCode::OK),
        ("/can-bo", None, StatusCode::SEE_OTHER),
        ("/tra-cuu", None, StatusCode::OK),
        ("/khong-co", None, StatusCode::NOT_FOUND),
    ] {
        let a = s.get(uri, token).await;
        assert_eq!(a.status, status, "{uri}");
        assert_eq!(a.headers["cache-control"], "no-store", "{uri}");
    }
    let a = s.get("/static/site.css", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age"),
        "static assets keep their cache"
    );
}
