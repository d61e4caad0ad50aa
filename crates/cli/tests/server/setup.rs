//! Installing from nothing: default database file, units, catalogue errors, first administrator.

use crate::support::*;

#[tokio::test]
async fn serve_creates_the_default_database_in_the_working_directory() {
    let dir = temp_dir("default");
    let port = free_port();
    let mut child = motcua()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env_remove("MOTCUA_DATABASE_URL")
        .env("MOTCUA_LOG", "warn")
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if let Ok(r) = request(port, "GET", "/healthz", None, &[]).await {
            assert_eq!(r.status, 200);
            assert_eq!(r.json(), serde_json::json!({ "status": "ok" }));
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no /healthz");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(dir.join("motcua.db").exists());
}

#[test]
fn import_errors_name_the_item_and_nothing_is_written() {
    let dir = temp_dir("import");
    let url = format!("sqlite://{}", dir.join("m.db").display());
    run(&url, &["migrate"], "");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"motcua.procedures.v1","procedures":[{"code":"1.001193","name":"Đăng ký khai sinh","field":"Hộ tịch","level":"commune","legal_bases":[],"decision":{"number":"1/QĐ","date":"2025-07-01"},"effective_from":"2025-07-01","time_limit":{"unit":"working_days","amount":1},"published_time_limit":null,"components":[],"applicant_types":["citizen"],"fees":[],"result":"","online_level":"full","regardless_of_residence":true,"payment_pause_allowed":false,"steps":[{"name":"Xử lý","role":"chuyen_vien","budget_minutes":100}]}]}"#,
    )
    .unwrap();
    let out = motcua()
        .args(["import", "procedures", bad.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("thủ tục #1 (1.001193): tổng thời gian các bước"),
        "{err}"
    );
    let good =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/procedures.json");
    let out = run(&url, &["import", "procedures", good.to_str().unwrap()], "");
    assert!(out.starts_with("Đã nạp danh mục: "), "{out}");
    let again = run(&url, &["import", "procedures", good.to_str().unwrap()], "");
    assert!(again.contains(" 0 thủ tục mới"), "{again}");
}

#[test]
fn the_first_administrator_reads_the_password_from_stdin() {
    let dir = temp_dir("admin");
    let url = format!("sqlite://{}", dir.join("m.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    let out = run(
        &url,
        &[
            "user",
            "create",
            "--username",
            "quantri",
            "--role",
            "quan_tri",
            "--unit",
            &desk,
        ],
        "mot-mat-khau-dai\n",
    );
    assert!(out.contains("quantri"), "{out}");
    let short = motcua()
        .args([
            "user",
            "create",
            "--username",
            "ngan",
            "--role",
            "quan_tri",
            "--unit",
            &desk,
        ])
        .env("MOTCUA_DATABASE_URL", &url)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!short.status.success());
    let bad_role = motcua()
        .args([
            "user",
            "create",
            "--username",
            "x1",
            "--role",
            "vua",
            "--unit",
            &desk,
        ])
        .env("MOTCUA_DATABASE_URL", &url)
        .output()
        .unwrap();
    let err = String::from_utf8(bad_role.stderr).unwrap();
    assert!(err.contains("«vua»"), "{err}");
}

/// `motcua user disable` on the server's machine stops a running server from serving the
/// user's token at once; `user enable` lets them sign in again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabling_a_user_on_the_command_line_stops_their_token_at_once() {
    let dir = temp_dir("disable");
    let url = format!("sqlite://{}", dir.join("m.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let list = |auth: String| async move {
        let headers = [("Authorization", auth.as_str())];
        request(server.port, "GET", "/api/v1/dossiers", None, &headers)
            .await
            .unwrap()
            .status
    };
    assert_eq!(list(auth.clone()).await, 200);
    let out = run(&url, &["user", "disable", "--username", "tiepnhan"], "");
    assert!(out.contains("Đã khóa tài khoản «tiepnhan»"), "{out}");
    assert_eq!(list(auth.clone()).await, 401);
    let body = serde_json::json!({ "username": "tiepnhan", "password": "mat-khau-tiep-nhan" });
    let r = request(server.port, "POST", "/api/v1/auth/token", Some(&body), &[])
        .await
        .unwrap();
    assert_eq!(r.status, 401);
    run(&url, &["user", "enable", "--username", "tiepnhan"], "");
    assert_eq!(list(auth).await, 401, "the old token was deleted");
    token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await;
    let missing = motcua()
        .args(["user", "disable", "--username", "khongco"])
        .env("MOTCUA_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8(missing.stderr).unwrap();
    assert!(err.contains("khongco"), "{err}");
}
