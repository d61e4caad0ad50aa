//! `motcua report …` on the demo province, as an operator runs it on the server's machine.

use crate::support::*;
use chrono::Days;
use motcua_app::clock::{Clock, SystemClock};
use serde_json::Value;

/// Runs `motcua args…` against `db`, expecting failure; returns stderr.
fn fail(db: &str, args: &[&str]) -> String {
    let out = motcua()
        .args(args)
        .env("MOTCUA_DATABASE_URL", db)
        .output()
        .unwrap();
    assert!(!out.status.success(), "motcua {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn n(v: &Value, group: &str, key: &str) -> u64 {
    v[group][key].as_u64().unwrap()
}

#[test]
fn reports_of_the_demo_province_add_up_and_export() {
    let dir = temp_dir("report");
    let db = format!("sqlite://{}", dir.join("m.db").display());
    run(&db, &["seed", "--demo", "--dossiers", "150"], "");
    // The demo spreads receptions over the last six months (Vietnamese time).
    let today = SystemClock.now().date();
    let from = today.checked_sub_days(Days::new(120)).unwrap().to_string();
    let to = today.to_string();
    let range = ["--from", from.as_str(), "--to", to.as_str()];

    let args = [&["report", "tthc"][..], &range, &["--format", "json"]].concat();
    let v: Value = serde_json::from_str(&run(&db, &args, "")).unwrap();
    let received = n(&v, "received", "total");
    assert!(received > 0, "{v}");
    assert_eq!(v["unit"]["code"], "000.00.00.H99", "the root by default");
    // Column 3 = 7 + 11, and the province is the sum of its units and of its fields.
    for row in std::iter::once(&v)
        .chain(v["units"].as_array().unwrap())
        .chain(v["fields"].as_array().unwrap())
    {
        assert_eq!(
            n(row, "received", "total"),
            n(row, "resolved", "total") + n(row, "pending", "total"),
            "{row}"
        );
    }
    for (group, key) in [
        ("received", "total"),
        ("received", "online"),
        ("received", "carried_over"),
        ("resolved", "late"),
        ("pending", "overdue"),
    ] {
        for list in ["units", "fields"] {
            let sum: u64 = v[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| n(r, group, key))
                .sum();
            assert_eq!(sum, n(&v, group, key), "{list} {group}.{key}");
        }
    }

    // With the fields of each unit under it: they add up to the unit's own row.
    let args = [
        &["report", "tthc"][..],
        &range,
        &["--fields-by-unit", "--format", "json"],
    ]
    .concat();
    let by_unit: Value = serde_json::from_str(&run(&db, &args, "")).unwrap();
    let mut listed = 0;
    for unit in by_unit["units"].as_array().unwrap() {
        let fields = unit["fields"].as_array().unwrap();
        listed += fields.len();
        let sum: u64 = fields.iter().map(|f| n(f, "received", "total")).sum();
        assert_eq!(sum, n(unit, "received", "total"), "{unit}");
    }
    assert!(listed > 0, "{by_unit}");
    let err = fail(
        &db,
        &[&["report", "register", "--fields-by-unit"][..], &range].concat(),
    );
    assert!(err.contains("chỉ dùng cho báo cáo tthc"), "{err}");

    // The register of the whole province lists every dossier received in the period.
    let args = [&["report", "register"][..], &range].concat();
    let book: Value = serde_json::from_str(&run(&db, &args, "")).unwrap();
    assert_eq!(
        book["items"].as_array().unwrap().len() as u64,
        n(&v, "received", "online") + n(&v, "received", "direct_postal")
    );

    let args = [&["report", "tthc"][..], &range, &["--format", "csv"]].concat();
    let csv = run(&db, &args, "");
    assert!(
        csv.starts_with("\u{feff}(1) STT,(2) Đơn vị / Lĩnh vực,"),
        "{csv}"
    );
    let total = format!(",Tổng cộng,{received},");
    assert!(csv.contains(&total), "{csv}");

    let xlsx = dir.join("bao-cao.xlsx");
    let args = [
        &["report", "tthc"][..],
        &range,
        &["--format", "xlsx", "--out", xlsx.to_str().unwrap()],
    ]
    .concat();
    assert!(run(&db, &args, "").starts_with("Đã ghi"));
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");

    let year = format!("year:{}", today.format("%Y"));
    let v: Value = serde_json::from_str(&run(
        &db,
        &[
            "report",
            "index766",
            "--period",
            &year,
            "--unit",
            "000.20.01.H99",
        ],
        "",
    ))
    .unwrap();
    assert_eq!(v["unit"]["code"], "000.20.01.H99");
    assert_eq!(v["groups"].as_array().unwrap().len(), 6);
    assert!(
        v["groups"][1]["indicators"][0]["denominator"]
            .as_u64()
            .unwrap()
            > 0
    );

    let err = fail(
        &db,
        &[&["report", "tthc"][..], &range, &["--format", "xlsx"]].concat(),
    );
    assert!(err.contains("--out"), "{err}");
    let err = fail(&db, &["report", "tthc", "--period", "month:2026-13"]);
    assert!(err.contains("tháng không hợp lệ: 13"), "{err}");
    let err = fail(&db, &["report", "tthc", "--from", &from]);
    assert!(err.contains("cần kỳ báo cáo"), "{err}");
    let err = fail(
        &db,
        &["report", "index766", "--period", &year, "--format", "csv"],
    );
    assert!(err.contains("«csv»"), "{err}");
}
