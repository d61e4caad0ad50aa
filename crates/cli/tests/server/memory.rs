//! Memory at idle after `serve --demo` (BENCHMARKS.md): the demo is seeded by a child process,
//! so the Argon2 working memory of the demo users' hashes is not kept by the server. Seeding in
//! the server itself held 155 MB at idle in this (debug) build; the child keeps it near 30 MB.
//! The bound leaves room for the debug build and the allocator, not for the seeding.

use crate::support::{free_port, motcua, request, temp_dir};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Resident memory of process `pid`, in KiB (Linux).
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn the_demo_server_is_small_at_idle() {
    let dir = temp_dir("memory");
    let port = free_port();
    let db = format!("sqlite://{}", dir.join("demo.db").display());
    let mut child = motcua()
        .args([
            "serve",
            "--demo",
            "--demo-dossiers",
            "60",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env("MOTCUA_DATABASE_URL", &db)
        .env("MOTCUA_LOG", "warn")
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Ok(r) = request(port, "GET", "/healthz", None, &[]).await
            && r.status == 200
        {
            break;
        }
        assert!(Instant::now() < deadline, "the demo server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss = rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        rss < 64 * 1024,
        "{} MiB at idle after serve --demo",
        rss / 1024
    );
}
