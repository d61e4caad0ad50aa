//! The citizen pages in a real browser (headless Chromium): look-up, catalogue search, printing.

use crate::support::*;
use std::process::Command;

/// Headless Chromium with the flags this machine needs and a fresh profile.
fn chromium(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let profile = dir.join(format!("profile-{}", args.len()));
    let out = Command::new(&bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("Chromium is required by the browser tests ({bin}: {e}); scripts/ensure-chromium.sh installs it"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn dom(dir: &std::path::Path, url: &str) -> String {
    String::from_utf8(chromium(dir, &["--dump-dom", url]).stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_pages_render_in_chromium() {
    let dir = temp_dir("browser");
    let url = format!("sqlite://{}", dir.join("motcua.db").display());
    install(&url);
    let (desk, procedure) = demo_desk_and_procedure();
    create_user(&url, "tiepnhan", "tiep_nhan", &desk, "mat-khau-tiep-nhan");
    let server = Server::start(&url, &dir).await;
    let auth = format!(
        "Bearer {}",
        token(server.port, "tiepnhan", "mat-khau-tiep-nhan").await
    );
    let body = intake_body(&desk, &procedure, 7);
    let r = request(
        server.port,
        "POST",
        "/api/v1/dossiers",
        Some(&body),
        &[("Authorization", auth.as_str())],
    )
    .await
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.body);
    let code = r.json()["code"].as_str().unwrap().to_owned();
    let base = format!("http://127.0.0.1:{}", server.port);
    let page_dir = dir.clone();

    let (lookup, wrong, catalogue, pdf) = tokio::task::spawn_blocking(move || {
        let lookup = dom(
            &page_dir,
            &format!("{base}/tra-cuu?ma={code}&so=0900000007"),
        );
        let wrong = dom(
            &page_dir,
            &format!("{base}/tra-cuu?ma={code}&so=0999999999"),
        );
        let catalogue = dom(&page_dir, &format!("{base}/thu-tuc?q=dang+ky+ket+hon"));
        let pdf = page_dir.join("thu-tuc.pdf");
        chromium(
            &page_dir,
            &[
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("{base}/thu-tuc/1.000894"),
            ],
        );
        (lookup, wrong, catalogue, std::fs::read(pdf).unwrap())
    })
    .await
    .unwrap();
    assert!(lookup.contains("lang=\"vi\""), "{lookup}");
    assert!(lookup.contains("Đã tiếp nhận"), "{lookup}");
    assert!(
        !lookup.contains("Người nộp 7"),
        "the look-up shows no personal data"
    );
    assert!(!wrong.contains("Đã tiếp nhận"), "{wrong}");
    assert!(catalogue.contains("Đăng ký kết hôn"), "{catalogue}");
    assert!(
        pdf.starts_with(b"%PDF"),
        "printing the procedure page gives a PDF"
    );
}
