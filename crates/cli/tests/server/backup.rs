//! `motcua backup` copies a live SQLite database; the copy has every dossier.

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backup_while_serving_then_restore() {
    let dir = temp_dir("backup");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, procedure) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let mut codes = Vec::new();
    for i in 0..40 {
        let headers = [("Authorization", auth.as_str())];
        let body = intake_body(&desk, &procedure, i);
        let r = request(
            server.port,
            "POST",
            "/api/v1/dossiers",
            Some(&body),
            &headers,
        )
        .await
        .unwrap();
        assert_eq!(r.status, 201);
        codes.push(r.json()["code"].as_str().unwrap().to_owned());
    }
    let copy = dir.join("copy.db");
    let out = run(&url, &["backup", "--out", copy.to_str().unwrap()], "");
    assert!(out.contains("40 hồ sơ"), "{out}");
    drop(server);

    // Restore: serve the copy and find every dossier.
    let restored = format!("sqlite://{}", copy.display());
    let server = Server::start(&restored, &dir).await;
    assert_all_found(server.port, &codes, "missing from the backup").await;
    // A second backup to the same file is refused rather than overwriting it.
    let again = motcua()
        .args(["backup", "--out", copy.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(!again.status.success());
}
