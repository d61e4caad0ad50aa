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
