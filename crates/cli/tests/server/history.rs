//! `motcua import dossiers`: a legacy history, checked line by line, gives the seed report's figures.

use crate::support::*;
use serde_json::{Value, json};

const WARD: &str = "000.20.01.H99";

fn legacy(i: usize, changes: Value) -> String {
    let mut v = json!({
        "code": format!("{WARD}-230301-{:04}", i + 1),
        "procedure_code": "1.001193",
        "receiving_unit": WARD,
        "channel": "online",
        "applicant_name": format!("Người nộp {i}"),
        "applicant_phone": "0912345678",
        "received_at": "2023-03-01T09:00:00+07:00",
        "due_at": "2023-03-06T09:00:00+07:00",
        "ended_at": "2023-03-02T10:00:00+07:00",
        "outcome": "approved",
        "returned_at": null,
        "supplement_requests": [],
        "fee_vnd": 0,
        "paid_online": false,
        "digitized": true,
        "e_result": true,
        "apology_at": null,
        "rating": null
    });
    for (k, value) in changes.as_object().unwrap() {
        v[k] = value.clone();
    }
    v.to_string()
}

/// Trần Hưng Đạo, 01/01/2023–30/11/2023: 1 carried over, 1.049 online and 9 at the desk or by
/// post, all 1.059 resolved: 1.054 early, 5 on time, 0 late.
fn tran_hung_dao() -> String {
    let mut lines = vec![legacy(
        0,
        json!({ "code": format!("{WARD}-221229-0001"), "channel": "direct",
                "received_at": "2022-12-29T09:00:00+07:00", "due_at": "2023-01-04T09:00:00+07:00",
                "ended_at": "2023-01-03T09:00:00+07:00" }),
    )];
    for i in 1..1059 {
        let channel = if i <= 1049 { "online" } else { "postal" };
        let ended = if i <= 5 {
            "2023-03-06T08:00:00+07:00"
        } else {
            "2023-03-02T10:00:00+07:00"
        };
        let rating = match i {
            1..=105 => json!("rat_hai_long"),
            106..=145 => json!("hai_long"),
            _ => json!(null),
        };
        lines.push(legacy(
            i,
            json!({ "channel": channel, "ended_at": ended, "rating": rating }),
        ));
    }
    lines.join("\n")
}

#[test]
fn a_history_like_tran_hung_dao_gives_its_report() {
    let dir = temp_dir("history");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    install(&db);
    let file = dir.join("lich-su.jsonl");
    std::fs::write(&file, tran_hung_dao()).unwrap();
    let out = run(&db, &["import", "dossiers", file.to_str().unwrap()], "");
    assert!(out.starts_with("Đã nạp 1059 hồ sơ"), "{out}");
    let args = [
        "report",
        "tthc",
        "--from",
        "2023-01-01",
        "--to",
        "2023-11-30",
        "--unit",
        WARD,
        "--format",
        "json",
    ];
    let v: Value = serde_json::from_str(&run(&db, &args, "")).unwrap();
    let got: Vec<u64> = [
        ("received", "total"),
        ("received", "online"),
        ("received", "direct_postal"),
        ("received", "carried_over"),
        ("resolved", "total"),
        ("resolved", "early"),
        ("resolved", "on_time"),
        ("resolved", "late"),
        ("pending", "total"),
    ]
    .iter()
    .map(|(g, k)| v[g][k].as_u64().unwrap())
    .collect();
    assert_eq!(got, [1059, 1049, 9, 1, 1059, 1054, 5, 0, 0], "{v}");
    // 145 ratings, all of dossiers resolved in the period: 105 rất hài lòng, 40 hài lòng.
    let ratings = &v["figures"]["ratings"];
    let levels: Vec<u64> = ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long"]
        .iter()
        .map(|k| ratings[k].as_u64().unwrap())
        .collect();
    assert_eq!(levels, [105, 40, 0, 0], "{ratings}");
    assert_eq!(ratings["rated"], 145, "{ratings}");
    assert_eq!(ratings["satisfied"]["rate_text"], "100,00%", "{ratings}");
    // Importing the same file again is refused: the codes exist.
    let again = motcua()
        .args(["import", "dossiers", file.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .contains("đã có trong hệ thống")
    );
}

/// The online amounts of Phước Hòa: 1.585 dossiers paying 27.367.024 đồng, 17.266 đồng each
/// and one đồng more for the first 414 of them (1.585 × 17.266 + 414).
fn online_fee(i: usize) -> u64 {
    if i < 414 { 17_267 } else { 17_266 }
}

/// Phước Hòa, 01/01/2023–30/11/2023: 1.911 fee-bearing dossiers received in the period, 1.585
/// of them paid online for 27.367.024 đồng and 326 paid at the desk; 120 fee-free dossiers; and,
/// outside the count, a fee-bearing dossier paid online but carried over from 2022 and one
/// received after the period.
fn phuoc_hoa() -> String {
    let mut lines = Vec::new();
    let mut n = 0;
    let mut push = |changes: Value| {
        lines.push(legacy(n, changes));
        n += 1;
    };
    for i in 0..1585 {
        push(json!({ "fee_vnd": online_fee(i), "paid_online": true }));
    }
    for _ in 0..326 {
        push(json!({ "channel": "direct", "fee_vnd": 17_266, "paid_online": false }));
    }
    for _ in 0..120 {
        push(json!({ "fee_vnd": 0, "paid_online": false }));
    }
    lines.push(legacy(
        0,
        json!({ "code": format!("{WARD}-221229-0001"), "fee_vnd": 50_000, "paid_online": true,
                "received_at": "2022-12-29T09:00:00+07:00", "due_at": "2023-01-04T09:00:00+07:00",
                "ended_at": "2023-01-03T09:00:00+07:00" }),
    ));
    lines.push(legacy(
        0,
        json!({ "code": format!("{WARD}-231201-0001"), "fee_vnd": 50_000, "paid_online": true,
                "received_at": "2023-12-01T09:00:00+07:00", "due_at": "2023-12-06T09:00:00+07:00",
                "ended_at": "2023-12-04T09:00:00+07:00" }),
    ));
    lines.join("\n")
}

#[test]
fn a_history_like_phuoc_hoa_gives_its_online_payments() {
    let paid: u64 = (0..1585).map(online_fee).sum();
    assert_eq!(paid, 27_367_024, "the history itself adds up");
    let dir = temp_dir("history-fees");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    install(&db);
    let file = dir.join("lich-su.jsonl");
    std::fs::write(&file, phuoc_hoa()).unwrap();
    let out = run(&db, &["import", "dossiers", file.to_str().unwrap()], "");
    assert!(out.starts_with("Đã nạp 2033 hồ sơ"), "{out}");
    let args = [
        "report",
        "tthc",
        "--from",
        "2023-01-01",
        "--to",
        "2023-11-30",
        "--unit",
        WARD,
        "--format",
        "json",
    ];
    let v: Value = serde_json::from_str(&run(&db, &args, "")).unwrap();
    let f = &v["figures"];
    let payments = &f["paid_online"];
    assert_eq!(payments["numerator"], 1585, "{payments}");
    assert_eq!(payments["denominator"], 1911, "{payments}");
    assert_eq!(payments["rate_text"], "82,94%", "{payments}");
    assert_eq!(payments["amount_vnd"], 27_367_024, "{payments}");
    assert_eq!(payments["amount_text"], "27.367.024 đồng", "{payments}");
    // Every dossier received in the period counts in the online share, fee-bearing or not.
    assert_eq!(f["received"], 2031, "{f}");
    assert_eq!(f["online"]["numerator"], 1705, "{f}");
    assert_eq!(v["received"]["carried_over"], 1, "{v}");
}

#[test]
fn a_bad_line_stops_the_whole_file_unless_skipped() {
    let dir = temp_dir("history-bad");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    install(&db);
    let lines = [
        legacy(0, json!({})),
        legacy(1, json!({})),
        legacy(2, json!({ "due_at": "2023-02-01T09:00:00+07:00" })),
        legacy(3, json!({ "procedure_code": "9.999999" })),
    ];
    let file = dir.join("bad.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = motcua()
        .args(["import", "dossiers", file.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("dòng 3: trường «due_at»"), "{err}");
    assert!(err.contains("dòng 4: trường «procedure_code»"), "{err}");
    let skipped = run(
        &db,
        &[
            "import",
            "dossiers",
            file.to_str().unwrap(),
            "--skip-invalid",
        ],
        "",
    );
    assert!(skipped.starts_with("Đã nạp 2 hồ sơ"), "{skipped}");
    assert!(skipped.contains("Bỏ qua dòng 3"), "{skipped}");
    // With --create-missing, the unknown procedure is created and its line imported.
    let created = run(
        &db,
        &[
            "import",
            "dossiers",
            file.to_str().unwrap(),
            "--skip-invalid",
            "--create-missing",
        ],
        "",
    );
    assert!(created.contains("Đã tạo 1 thủ tục mới"), "{created}");
}

#[test]
fn a_line_that_is_not_utf8_is_named_and_the_others_are_checked() {
    let dir = temp_dir("history-utf8");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    install(&db);
    let file = dir.join("lich-su.jsonl");
    let mut bytes = format!("{}\n", legacy(0, json!({}))).into_bytes();
    // Line 2 was saved in Windows-1258, not UTF-8.
    bytes.extend_from_slice(b"{\"applicant_name\": \"Nguy\xD2n V\xE3n An\"}\n");
    bytes.extend(legacy(2, json!({ "fee_vnd": 2_000_000_000_u64 })).into_bytes());
    std::fs::write(&file, bytes).unwrap();
    let out = motcua()
        .args(["import", "dossiers", file.to_str().unwrap()])
        .env("MOTCUA_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("dòng 2: trường «-»: dòng không phải văn bản UTF-8"),
        "{err}"
    );
    assert!(err.contains("dòng 3: trường «fee_vnd»"), "{err}");
}
