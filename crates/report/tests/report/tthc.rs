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
