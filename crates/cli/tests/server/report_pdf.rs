//! `motcua report … --format pdf --out FILE` on the demo province.

use crate::support::*;
use chrono::Days;
use motcua_app::clock::{Clock, SystemClock};

#[test]
fn reports_export_as_pdf_files() {
    let dir = temp_dir("report-pdf");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    run(&db, &["seed", "--demo", "--dossiers", "40"], "");
    let today = SystemClock.now().date();
    let from = today.checked_sub_days(Days::new(120)).unwrap().to_string();
    let to = today.to_string();
    let range = ["--from", from.as_str(), "--to", to.as_str()];

    for what in ["tthc", "index766", "register"] {
        let file = dir.join(format!("{what}.pdf"));
        let out = file.to_str().unwrap();
        let args = [
            &["report", what][..],
            &range,
            &["--format", "pdf", "--out", out],
        ]
        .concat();
        let said = run(&db, &args, "");
        assert!(said.starts_with("Đã ghi"), "{said}");
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{what}");
        assert!(said.contains(&format!("({} byte)", bytes.len())), "{said}");
    }

    // A PDF is binary: without --out it is refused rather than written to the terminal.
    let args = [&["report", "tthc"][..], &range, &["--format", "pdf"]].concat();
    let out = motcua()
        .args(&args)
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("tệp PDF") && err.contains("--out"), "{err}");
}
