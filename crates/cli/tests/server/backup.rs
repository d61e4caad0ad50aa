//! `motcua backup` copies a live SQLite database and says what the copy holds; `motcua restore`
//! checks the copy, refuses a database in use, and never gives a dossier code twice.

use crate::support::*;
use motcua_domain::format::integer;

/// The sequence number at the end of a code.
fn number(code: &str) -> u32 {
    code.rsplit('-').next().unwrap().parse().unwrap()
}

/// Runs `motcua args…` on `db`, expecting failure; answers stderr.
fn refused(db: &str, args: &[&str]) -> String {
    let out = motcua()
        .args(args)
        .env("MOTCUA_DATABASE_URL", db)
        .output()
        .unwrap();
    assert!(!out.status.success(), "motcua {args:?} succeeded");
    String::from_utf8(out.stderr).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backup_while_serving_then_restore() {
    let dir = temp_dir("backup");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let codes = intakes(server.port, &auth, 0, 40).await;
    let copy = dir.join("copy.db");
    let out = run(&url, &["backup", "--out", copy.to_str().unwrap()], "");
    assert!(out.contains("40 hồ sơ, 80 sự kiện"), "{out}");
    assert!(out.contains("1 người dùng"), "{out}");
    assert!(
        out.contains("Kiểm tra toàn vẹn (PRAGMA integrity_check): đạt"),
        "{out}"
    );
    assert!(out.contains(&format!("    {desk}: 40\n")), "{out}");
    let size = std::fs::metadata(&copy).unwrap().len();
    assert!(
        out.contains(&format!("Dung lượng: {} byte", integer(size as i64))),
        "{out}"
    );
    drop(server);

    // Serve the copy and find every dossier.
    let restored = format!("sqlite://{}", copy.display());
    let server = Server::start(&restored, &dir).await;
    assert_all_found(server.port, &codes, "missing from the backup").await;
    // A second backup to the same file is refused rather than overwriting it.
    refused(&url, &["backup", "--out", copy.to_str().unwrap()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn restore_refuses_a_live_database_and_moves_the_sequences_past_the_margin() {
    let dir = temp_dir("restore");
    let db = dir.join("motcua.db");
    let url = format!("sqlite://{}", db.display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let mut server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let before = intakes(server.port, &auth, 0, 6).await;
    let copy = dir.join("copy.db");
    run(&url, &["backup", "--out", copy.to_str().unwrap()], "");
    let after = intakes(server.port, &auth, 6, 4).await;
    assert_eq!(number(&after[3]), 10);
    let from = copy.to_str().unwrap();

    let e = refused(&url, &["restore", "--from", from, "--force"]);
    assert!(e.contains("đang được dùng"), "{e}");
    server.kill();
    let e = refused(&url, &["restore", "--from", from]);
    assert!(e.contains("đang có 10 hồ sơ: thêm --force"), "{e}");
    let out = run(
        &url,
        &[
            "restore",
            "--from",
            from,
            "--force",
            "--sequence-margin",
            "500",
        ],
        "",
    );
    assert!(out.contains("6 hồ sơ, 12 sự kiện"), "{out}");
    assert!(
        out.contains(
            "số cuối trong bản sao lưu 6, cơ sở dữ liệu bị thay: 10 → mã tiếp theo số 511"
        ),
        "{out}"
    );
    assert!(out.contains("Cơ sở dữ liệu cũ được giữ lại"), "{out}");

    let server = Server::start(&url, &dir).await;
    assert_all_found(server.port, &before, "missing after the restore").await;
    // Everyone signs in again: the backup's token no longer works.
    let headers = [("Authorization", auth.as_str())];
    let stale = request(
        server.port,
        "GET",
        &format!("/api/v1/dossiers/{}", before[0]),
        None,
        &headers,
    )
    .await
    .unwrap();
    assert_eq!(stale.status, 401);
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let next = intakes(server.port, &auth, 10, 1).await;
    assert_eq!(number(&next[0]), 511, "{}", next[0]);
    for lost in &after {
        assert_ne!(&next[0], lost);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn restore_refuses_a_damaged_backup_and_leaves_the_database_alone() {
    let dir = temp_dir("restore-damaged");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let copy = dir.join("copy.db");
    run(&url, &["backup", "--out", copy.to_str().unwrap()], "");
    // Overwrite a whole page in the middle of the file (every page of a copy is in use).
    let mut bytes = std::fs::read(&copy).unwrap();
    let middle = (bytes.len() / 2 / 16384) * 16384;
    bytes[middle..middle + 16384].fill(0xff);
    std::fs::write(&copy, &bytes).unwrap();
    let e = refused(
        &url,
        &["restore", "--from", copy.to_str().unwrap(), "--force"],
    );
    assert!(
        e.contains("kiểm tra toàn vẹn (PRAGMA integrity_check) không đạt"),
        "{e}"
    );
    // Untouched: the catalogue is still there.
    let out = run(&url, &["migrate"], "");
    assert!(out.contains("Đã cập nhật"), "{out}");
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| {
        !e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("truoc-khoi-phuc")
    }));
}

#[test]
fn backup_and_restore_on_postgres_point_to_pg_dump_and_pg_restore() {
    let url = "postgres://motcua:bi-mat@127.0.0.1:1/motcua";
    let e = refused(url, &["backup", "--out", "/nonexistent/x.dump"]);
    assert!(e.contains("pg_dump -Fc"), "{e}");
    assert!(!e.contains("bi-mat"), "{e}");
    let e = refused(url, &["restore", "--from", "/nonexistent/x.dump"]);
    assert!(e.contains("pg_restore"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn serve_leaves_an_empty_wal_when_it_stops() {
    let dir = temp_dir("wal-at-stop");
    let db = dir.join("motcua.db");
    let url = format!("sqlite://{}", db.display());
    install(&url);
    let (desk, _) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let mut server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    intakes(server.port, &auth, 0, 20).await;
    let wal = dir.join("motcua.db-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    let term = std::process::Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    assert!(server.child.wait().unwrap().success());
    let left = std::fs::metadata(&wal).map_or(0, |m| m.len());
    assert_eq!(
        left, 0,
        "the WAL holds {left} bytes after the server stopped"
    );
}
