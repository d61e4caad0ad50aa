//! `motcua import feedback`: feedback (PAKN) lines, checked line by line, give the figure of
//! the periodic report and indicator 5.2 of the Decision 766 index.

use crate::support::*;
use serde_json::{Value, json};

const WARD: &str = "000.20.01.H99";
const OTHER_WARD: &str = "000.20.02.H99";

/// A feedback line of `unit` received on Monday 02/11/2026, answered on 12/11 and published on
/// 13/11 (within 15 and 2 working days), with `changes`.
fn line(code: &str, unit: &str, changes: Value) -> String {
    let mut v = json!({
        "code": code,
        "unit": unit,
        "received_at": "2026-11-02T09:00:00+07:00",
        "classification": "quy_dinh",
        "refused_at": null,
        "supplement_requested_at": null,
        "answered_at": "2026-11-12T09:00:00+07:00",
        "published_at": "2026-11-13T09:00:00+07:00"
    });
    for (k, value) in changes.as_object().unwrap() {
        v[k] = value.clone();
    }
    v.to_string()
}

/// Ten items of the ward counted in November 2026, nine on time: eight answered on time, one
/// refused on time, one answered on Tuesday 24/11 (the limit was Monday 23/11). One more is
/// still within its limits at the end of the month, and another ward's item is late.
fn november() -> Vec<String> {
    let mut lines: Vec<String> = (1..=8)
        .map(|i| line(&format!("PAKN-{i:02}"), WARD, json!({})))
        .collect();
    lines.push(line(
        "PAKN-09",
        WARD,
        json!({ "classification": "hanh_vi", "refused_at": "2026-11-04T16:00:00+07:00",
                "answered_at": null, "published_at": null }),
    ));
    lines.push(line(
        "PAKN-10",
        WARD,
        json!({ "answered_at": "2026-11-24T09:00:00+07:00",
                "published_at": "2026-11-24T10:00:00+07:00" }),
    ));
    lines.push(line(
        "PAKN-11",
        WARD,
        json!({ "received_at": "2026-11-25T09:00:00+07:00", "answered_at": null,
                "published_at": null }),
    ));
    lines.push(line(
        "PAKN-12",
        OTHER_WARD,
        json!({ "answered_at": null, "published_at": null }),
    ));
    lines
}

fn figures(db: &str, unit: &str) -> Value {
    let args = [
        "report",
        "tthc",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--unit",
        unit,
        "--format",
        "json",
    ];
    let v: Value = serde_json::from_str(&run(db, &args, "")).unwrap();
    v["figures"].clone()
}

fn indicator_5_2(db: &str, unit: &str) -> Value {
    let args = [
        "report",
        "index766",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--unit",
        unit,
    ];
    let v: Value = serde_json::from_str(&run(db, &args, "")).unwrap();
    let found = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["indicators"].as_array().unwrap())
        .find(|i| i["code"] == "5.2")
        .cloned();
    found.unwrap_or_else(|| panic!("no indicator 5.2 in {v}"))
}

#[test]
fn imported_feedback_gives_the_report_figure_and_indicator_5_2() {
    let dir = temp_dir("feedback");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    install(&db);
    let before = figures(&db, WARD);
    assert_eq!(before["feedback_on_time"], json!(null), "{before}");
    assert_eq!(before["feedback_on_time_text"], "Chưa có dữ liệu PAKN");

    // A bad classification on line 2 and an unknown unit on line 4: nothing is imported.
    let mut lines = november();
    lines.insert(
        1,
        line("PAKN-X1", WARD, json!({ "classification": "khac" })),
    );
    lines.insert(3, line("PAKN-X2", "000.99.99.H99", json!({})));
    let file = dir.join("pakn.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let refused = motcua()
        .args(["import", "feedback", file.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("dòng 2: trường «classification»"),
        "{stderr}"
    );
    assert!(stderr.contains("dòng 4: trường «unit»"), "{stderr}");
    assert_eq!(figures(&db, WARD)["feedback_on_time"], json!(null));

    // Skipping them imports the twelve good lines.
    let out = run(
        &db,
        &[
            "import",
            "feedback",
            file.to_str().unwrap(),
            "--skip-invalid",
        ],
        "",
    );
    assert!(out.starts_with("Đã nạp 12 phản ánh, kiến nghị."), "{out}");
    assert!(out.contains("Bỏ qua dòng 2"), "{out}");

    let f = figures(&db, WARD);
    assert_eq!(
        f["feedback_on_time"],
        json!({ "numerator": 9, "denominator": 10, "rate": 0.9, "rate_text": "90,00%" }),
        "{f}"
    );
    assert_eq!(f["feedback_on_time_text"], "9/10 (90,00%)");
    assert_eq!(
        f["feedback_on_time_line"],
        "PAKN xử lý đúng hạn: 9/10 (90,00%)"
    );
    let i = indicator_5_2(&db, WARD);
    assert_eq!(
        (i["numerator"].as_u64(), i["denominator"].as_u64()),
        (Some(9), Some(10)),
        "{i}"
    );
    assert_eq!(i["computable"], true, "{i}");
    assert_eq!(i["rate_text"], "90,00%", "{i}");

    // The other ward has only its late item; a third ward has none.
    let other = figures(&db, OTHER_WARD);
    assert_eq!(other["feedback_on_time_text"], "0/1 (0,00%)", "{other}");
    let none = figures(&db, "000.20.03.H99");
    assert_eq!(none["feedback_on_time"], json!(null), "{none}");
    assert_eq!(indicator_5_2(&db, "000.20.03.H99")["computable"], false);
}
