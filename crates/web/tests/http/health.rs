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
    not_ready_while_the_database_refuses_a_write,
    not_ready_while_a_calendar_job_is_stuck,
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

/// A database that takes the write lock but cannot commit a change (a full disk, an I/O error:
/// here a trigger refuses it as they would): the probe commits a real row, so it fails and the
/// server is not ready; once writes go through again, ready. An empty transaction would have
/// passed.
async fn not_ready_while_the_database_refuses_a_write(backend: Backend) {
    let s = Server::new(backend).await;
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
    let refuse = match backend {
        Backend::Sqlite => {
            "CREATE TRIGGER refuse_probe BEFORE UPDATE ON readiness \
             BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
        }
        Backend::Postgres => {
            "CREATE FUNCTION refuse_probe() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'could not extend file'; END $$; \
             CREATE TRIGGER refuse_probe BEFORE UPDATE ON readiness \
             FOR EACH ROW EXECUTE FUNCTION refuse_probe()"
        }
    };
    s.f.db.execute(refuse).await.unwrap();
    let a = s.get("/readyz", None).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", a.body);
    assert_eq!(a.body["status"], "unavailable");
    let allow = match backend {
        Backend::Sqlite => "DROP TRIGGER refuse_probe",
        Backend::Postgres => "DROP TRIGGER refuse_probe ON readiness",
    };
    s.f.db.execute(allow).await.unwrap();
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
}

/// A calendar job with work left and no worker progressing for longer than the bound: not
/// ready, naming the job; once a worker finishes it, ready again.
async fn not_ready_while_a_calendar_job_is_stuck(backend: Backend) {
    let s = Server::new(backend).await;
    s.intake(WARD1).await;
    let admin = s.token(Role::QuanTri, motcua_testkit::PROVINCE).await;
    let change = json!({ "date": "2026-11-26", "kind": "holiday", "reason": "Nghỉ đột xuất",
                         "reference": "99/TB-UBND" });
    let job = s.post("/api/v1/calendar/days", Some(&admin), &change).await;
    let id = job.body["id"].clone();
    // Not worked on yet, but within the bound.
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
    s.f.advance(motcua_app::usecases::calendar_jobs::STUCK_AFTER + chrono::TimeDelta::seconds(1));
    let a = s.get("/readyz", None).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE, "{:?}", a.body);
    assert_eq!(a.body["stuck_calendar_jobs"], json!([id]));
    assert_eq!(s.f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    assert_eq!(s.get("/readyz", None).await.status, StatusCode::OK);
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

/// PostgreSQL becomes unreachable (the connections through a proxy in front of it are cut and
/// new ones refused): a request gets, within seconds, a 503 with `Retry-After`, the documented
/// JSON body and the request id; `/readyz` says unavailable. Once it is reachable again, the
/// same request succeeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_postgres_is_a_503_to_retry_with_a_request_id() {
    use axum::body::Body;
    use axum::http::Request;
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    let s = Server::new(Backend::Postgres).await;
    let token = s.token(Role::TiepNhan, WARD1).await;
    let (authority, path) =
        s.f.db
            .url
            .split_once('@')
            .unwrap()
            .1
            .split_once('/')
            .unwrap();
    let target = authority.to_owned();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let links: Arc<Mutex<Vec<tokio::task::AbortHandle>>> = Arc::default();
    let proxy = tokio::spawn({
        let links = Arc::clone(&links);
        async move {
            loop {
                let (mut client, _) = listener.accept().await.unwrap();
                let target = target.clone();
                let link = tokio::spawn(async move {
                    let mut server = tokio::net::TcpStream::connect(target).await.unwrap();
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                });
                links.lock().unwrap().push(link.abort_handle());
            }
        }
    });
    let proxied = format!("postgres://postgres@127.0.0.1:{port}/{path}");
    let store = motcua_store::connect(&proxied).await.unwrap();
    let app = motcua_app::App::new(store, s.f.clock.clone());
    let router = motcua_web::router(motcua_web::AppState::new(app, Default::default()));
    let get = |uri: &str| {
        Request::get(uri)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let ok = router
        .clone()
        .oneshot(get("/api/v1/dossiers"))
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);

    proxy.abort();
    for link in links.lock().unwrap().drain(..) {
        link.abort();
    }
    let started = Instant::now();
    let a = router
        .clone()
        .oneshot(get("/api/v1/dossiers"))
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(a.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(waited < std::time::Duration::from_secs(10), "{waited:?}");
    assert_eq!(a.headers()["retry-after"], "5");
    let id = a.headers()["x-request-id"].to_str().unwrap().to_owned();
    let bytes = axum::body::to_bytes(a.into_body(), 1 << 16).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    assert_eq!(body["error"]["request_id"], json!(id));
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .ends_with(&format!("Mã yêu cầu: {id}")),
        "{body}"
    );
    let ready = router.clone().oneshot(get("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    eprintln!("PostgreSQL unreachable: 503 after {waited:.1?}");
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
