//! The periodic report: its rows, JSON and CSV.

use crate::support::{report, value};
use motcua_report::{RowKind, field_code, tthc_csv, tthc_json, tthc_rows};
use serde_json::json;

#[test]
fn rows_list_every_unit_in_tree_order_then_the_fields_with_dossiers() {
    let rows = tthc_rows(&report());
    let names: Vec<(RowKind, &str, usize)> = rows
        .iter()
        .map(|r| (r.kind, r.name.as_str(), r.depth))
        .collect();
    assert_eq!(
        names,
        [
            (RowKind::Unit, "Ủy ban nhân dân tỉnh Thử Nghiệm", 0),
            (RowKind::Unit, "Phường Một", 1),
            (RowKind::Unit, "Phường Hai", 1),
            (RowKind::Field, "Chứng thực", 0),
            (RowKind::Field, "Hộ tịch", 0),
        ]
    );
    // Columns 3–13 of ward two: one received at the desk, one carried over; one not due, one
    // overdue.
    assert_eq!(rows[2].columns.row(), [2, 0, 1, 1, 0, 0, 0, 0, 2, 1, 1]);
    assert_eq!(rows[4].code, "ho-tich");
    assert_eq!(field_code("Đất đai, Xây dựng"), "dat-dai-xay-dung");
}

#[test]
fn the_json_has_the_totals_and_the_same_object_per_unit_and_field() {
    let v = value(tthc_json(&report()));
    assert_eq!(
        v["received"],
        json!({ "total": 5, "online": 1, "direct_postal": 3, "carried_over": 1 })
    );
    assert_eq!(
        v["resolved"],
        json!({ "total": 3, "early": 1, "on_time": 1, "late": 1 })
    );
    assert_eq!(
        v["pending"],
        json!({ "total": 2, "not_due": 1, "overdue": 1 })
    );
    assert_eq!(v["period"]["from"], "2026-10-15");
    assert_eq!(v["period"]["to"], "2026-11-14");
    assert_eq!(v["period"]["name"], "Tháng 11/2026");
    assert_eq!(
        v["unit"],
        json!({ "code": "T01", "name": "Ủy ban nhân dân tỉnh Thử Nghiệm" })
    );
    assert_eq!(v["form"], "Biểu số II.06a/VPCP/KSTT");
    assert_eq!(v["columns"].as_array().unwrap().len(), 13);
    assert_eq!(v["columns"][4]["label"], "Trực tiếp, dịch vụ bưu chính");
    assert_eq!(v["columns"][4]["group"], "Số hồ sơ nhận giải quyết");

    let w1 = &v["units"][1];
    assert_eq!(w1["code"], "T01.W1");
    assert_eq!(w1["parent"], "T01");
    assert_eq!(w1["received"]["online"], 1);
    assert_eq!(
        w1["resolved"],
        json!({ "total": 2, "early": 1, "on_time": 1, "late": 0 })
    );
    let fields = v["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0]["code"], "chung-thuc");
    assert_eq!(fields[0]["resolved"]["late"], 1);

    // The subtree's totals are the sum of its units, and of its fields, column by column.
    for group in ["received", "resolved", "pending"] {
        for (key, total) in v[group].as_object().unwrap() {
            for list in ["units", "fields"] {
                let sum: u64 = v[list]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u[group][key].as_u64().unwrap())
                    .sum();
                assert_eq!(Some(sum), total.as_u64(), "{list} {group}.{key}");
            }
        }
    }
}

#[test]
fn the_csv_has_a_bom_numbered_headers_and_the_rows_of_the_form() {
    let csv = tthc_csv(&report());
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "(1) STT,(2) Đơn vị / Lĩnh vực,(3) Số hồ sơ nhận giải quyết: Tổng số,\
         (4) Số hồ sơ nhận giải quyết: Trực tuyến,\
         \"(5) Số hồ sơ nhận giải quyết: Trực tiếp, dịch vụ bưu chính\",\
         (6) Số hồ sơ nhận giải quyết: Từ kỳ trước,(7) Số hồ sơ đã giải quyết: Tổng số,\
         (8) Số hồ sơ đã giải quyết: Trước hạn,(9) Số hồ sơ đã giải quyết: Đúng hạn,\
         (10) Số hồ sơ đã giải quyết: Quá hạn,(11) Số hồ sơ đang giải quyết: Tổng số,\
         (12) Số hồ sơ đang giải quyết: Trong hạn,(13) Số hồ sơ đang giải quyết: Quá hạn"
    );
    assert_eq!(lines[1], "I,Theo đơn vị");
    assert_eq!(
        lines[2],
        "1,Ủy ban nhân dân tỉnh Thử Nghiệm,1,0,1,0,1,0,0,1,0,0,0"
    );
    assert_eq!(lines[3], "2,Phường Một,2,1,1,0,2,1,1,0,0,0,0");
    assert_eq!(lines[5], "II,Theo lĩnh vực");
    assert_eq!(lines[7], "2,Hộ tịch,3,1,1,1,1,1,0,0,2,1,1");
    assert_eq!(lines[8], ",Tổng cộng,5,1,3,1,3,1,1,1,2,1,1");
    assert_eq!(lines[9], "");
    assert_eq!(lines.len(), 10);
}

/// The report of `support` with the fields of each unit's own dossiers under it.
fn report_by_unit_fields() -> motcua_report::TthcReport {
    use crate::support::{period, records};
    use motcua_domain::stats::Report;
    let mut r = report();
    r.unit_fields = (0u32..3)
        .map(|u| {
            let own: Vec<_> = records().into_iter().filter(|x| x.unit == u).collect();
            (u, Report::compute(period(), &own).fields)
        })
        .filter(|(_, rows)| !rows.is_empty())
        .collect();
    r
}

#[test]
fn fields_under_each_unit_are_numbered_under_it_and_add_up_to_its_row() {
    use motcua_report::numbered;
    let rows = tthc_rows(&report_by_unit_fields());
    let section: Vec<(String, RowKind, &str, usize)> = numbered(&rows, RowKind::Unit)
        .into_iter()
        .map(|(stt, r)| (stt, r.kind, r.name.as_str(), r.depth))
        .collect();
    let expected = [
        ("1", RowKind::Unit, "Ủy ban nhân dân tỉnh Thử Nghiệm", 0),
        ("1.1", RowKind::UnitField, "Chứng thực", 1),
        ("2", RowKind::Unit, "Phường Một", 1),
        ("2.1", RowKind::UnitField, "Chứng thực", 2),
        ("2.2", RowKind::UnitField, "Hộ tịch", 2),
        ("3", RowKind::Unit, "Phường Hai", 1),
        ("3.1", RowKind::UnitField, "Hộ tịch", 2),
    ];
    let expected: Vec<(String, RowKind, &str, usize)> = expected
        .into_iter()
        .map(|(stt, k, n, d)| (stt.to_owned(), k, n, d))
        .collect();
    assert_eq!(section, expected);
    // Section II is unchanged: the fields over the whole tree, numbered 1, 2.
    let fields: Vec<String> = numbered(&rows, RowKind::Field)
        .into_iter()
        .map(|(stt, r)| format!("{stt} {}", r.name))
        .collect();
    assert_eq!(fields, ["1 Chứng thực", "2 Hộ tịch"]);
    // Ward one: its two fields add up to its row.
    let mut sum = motcua_domain::stats::Columns::default();
    sum.add(&rows[3].columns);
    sum.add(&rows[4].columns);
    assert_eq!(sum, rows[2].columns);
    assert_eq!(rows[3].columns.row(), [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0]);
}

#[test]
fn the_json_and_csv_list_a_unit_s_fields_only_when_asked() {
    let plain = value(tthc_json(&report()));
    assert!(plain["units"][1].get("fields").is_none());
    let v = value(tthc_json(&report_by_unit_fields()));
    let w1 = &v["units"][1];
    assert_eq!(w1["code"], "T01.W1");
    let names: Vec<&str> = w1["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Chứng thực", "Hộ tịch"]);
    assert_eq!(w1["fields"][1]["code"], "ho-tich");
    assert_eq!(w1["fields"][1]["received"]["online"], 1);
    assert_eq!(v["units"].as_array().unwrap().len(), 3);
    assert_eq!(v["fields"].as_array().unwrap().len(), 2);
    let csv = tthc_csv(&report_by_unit_fields());
    assert!(
        csv.contains("\r\n2.2,Hộ tịch,1,1,0,0,1,1,0,0,0,0,0\r\n"),
        "{csv}"
    );
}
