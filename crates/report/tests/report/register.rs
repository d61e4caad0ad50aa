//! The tracking register: lines, CSV, JSON and the sheet of Mẫu 06/07.

use crate::support::{Xlsx, at, period, units, value};
use motcua_domain::classify::TimeClass;
use motcua_domain::dossier::{Apology, Channel, Status};
use motcua_domain::format::CUT_MARK;
use motcua_domain::ids::{DossierCode, ProcedureCode};
use motcua_report::{CELL_MAX, Register, RegisterRow, register_csv, register_json, register_xlsx};

fn register() -> Register {
    let row = |n: &str, applicant: &str, status, class| RegisterRow {
        code: DossierCode::parse(&format!("T01.W1-261020-{n}")).unwrap(),
        procedure_code: ProcedureCode::parse("1.000894").unwrap(),
        procedure_name: "Đăng ký kết hôn".into(),
        applicant: applicant.into(),
        contact: "12 Trần Hưng Đạo, 0912 345 678".into(),
        competent_unit: "Phường Một".into(),
        channel: Channel::Desk,
        received_at: at(10, 20, 9),
        due_at: Some(at(10, 23, 9)),
        ended_at: (status != Status::InProgress).then(|| at(10, 22, 10)),
        returned_at: (status == Status::Returned).then(|| at(10, 22, 15)),
        status,
        time_class: class,
        apology: None,
        handed_over_at: None,
        rule_version: "118/2025/NĐ-CP".into(),
    };
    let rescheduled = RegisterRow {
        apology: Some(Apology {
            at: at(10, 21, 16),
            reason: "Chờ xác minh".into(),
            new_date: at(10, 26, 9),
            late: false,
        }),
        handed_over_at: Some(at(10, 20, 11)),
        ..row("0001", "Nguyễn Văn An", Status::Returned, TimeClass::Early)
    };
    Register {
        unit: units()[1].clone(),
        period: period(),
        as_of: at(11, 15, 0),
        rows: vec![
            rescheduled,
            row(
                "0002",
                "=Trần \"Bình\"",
                Status::InProgress,
                TimeClass::Overdue,
            ),
        ],
    }
}

#[test]
fn the_csv_has_one_line_per_dossier_with_vietnamese_dates() {
    let csv = register_csv(&register());
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("STT,Mã hồ sơ,Mã TTHC,Tên thủ tục hành chính,"));
    assert_eq!(
        lines[1],
        "1,T01.W1-261020-0001,1.000894,Đăng ký kết hôn,1,Nguyễn Văn An,\
         \"12 Trần Hưng Đạo, 0912 345 678\",Phường Một,Trực tiếp,20/10/2026 09:00,\
         26/10/2026 09:00,20/10/2026 11:00,22/10/2026 10:00,22/10/2026 15:00,,\
         Hẹn lại theo văn bản xin lỗi ngày 21/10/2026; hẹn cũ 23/10/2026 09:00,\
         Đã trả kết quả,Trước hạn"
    );
    assert!(
        lines[2].contains(",\"'=Trần \"\"Bình\"\"\","),
        "a formula-like name is defused: {}",
        lines[2]
    );
    assert!(
        lines[2].ends_with(",,,Đang giải quyết,Quá hạn"),
        "{}",
        lines[2]
    );
}

#[test]
fn the_json_keeps_instants_and_codes() {
    let v = value(register_json(&register()));
    assert_eq!(v["unit"]["code"], "T01.W1");
    assert_eq!(v["items"][0]["code"], "T01.W1-261020-0001");
    assert_eq!(v["items"][0]["received_at"], "2026-10-20T09:00:00+07:00");
    assert_eq!(v["items"][0]["time_class"], "early");
    assert_eq!(v["items"][1]["time_class_label"], "Quá hạn");
    assert_eq!(v["items"][1]["returned_at"], serde_json::Value::Null);
    assert_eq!(v["items"][0]["due_at"], "2026-10-23T09:00:00+07:00");
    assert_eq!(v["items"][0]["appointment"], "2026-10-26T09:00:00+07:00");
    assert_eq!(v["items"][1]["appointment"], "2026-10-23T09:00:00+07:00");
    assert_eq!(v["items"][0]["handed_over_at"], "2026-10-20T11:00:00+07:00");
}

/// The heading names the desk and the form of the rules the dossiers were received under.
#[test]
fn the_heading_follows_the_rules_of_the_dossiers() {
    let mut r = register();
    let heading = |r: &Register| {
        let file = Xlsx::open(&register_xlsx(r).unwrap());
        (
            file.cell(2, 0).unwrap().to_owned(),
            file.cell(2, 7).unwrap().to_owned(),
        )
    };
    let (desk, form) = heading(&r);
    assert_eq!(desk, "Trung tâm Phục vụ hành chính công: Phường Một");
    assert_eq!(form, "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP");
    for row in &mut r.rows {
        row.rule_version = "61/2018/NĐ-CP".into();
    }
    let (desk, form) = heading(&r);
    assert_eq!(desk, "Bộ phận Một cửa: Phường Một");
    assert_eq!(form, "Mẫu số 06 — Thông tư số 01/2018/TT-VPCP");
    r.rows[1].rule_version = "118/2025/NĐ-CP".into();
    assert!(heading(&r).0.starts_with("Bộ phận Một cửa / Trung tâm"));
}

#[test]
fn the_sheet_follows_the_form_and_is_written_as_laid_out() {
    let file = Xlsx::open(&register_xlsx(&register()).unwrap());
    assert_eq!(file.cell(0, 0), Some("SỔ THEO DÕI HỒ SƠ"));
    assert_eq!(
        file.cell(1, 0),
        Some("Hồ sơ tiếp nhận từ ngày 15/10/2026 đến ngày 14/11/2026")
    );
    assert_eq!(
        file.cell(3, 0),
        Some("Tình hình giải quyết tính đến 00:00 ngày 15/11/2026"),
        "the instant the notes are taken at, as on the PDF"
    );
    assert_eq!(file.cell(4, 7), Some("Ngày, tháng, năm"));
    assert!(file.merged("H5:L5"));
    assert!(file.merged("A5:A6"));
    assert_eq!(file.cell(5, 9), Some("Chuyển hồ sơ đến cơ quan giải quyết"));
    assert_eq!(file.cell(5, 11), Some("Trả kết quả cho cá nhân, tổ chức"));
    assert_eq!(file.cell(4, 12), Some("Ký nhận"));
    assert_eq!(file.cell(6, 13), Some("(14)"));
    assert_eq!(file.cell(7, 1), Some("T01.W1-261020-0001"));
    assert_eq!(file.cell(7, 3), Some("1"));
    assert_eq!(file.cell(7, 7), Some("20/10/2026 09:00"));
    assert_eq!(
        file.cell(7, 8),
        Some("26/10/2026 09:00"),
        "the new appointment"
    );
    assert_eq!(file.cell(7, 9), Some("20/10/2026 11:00"));
    assert_eq!(
        file.cell(7, 13),
        Some(
            "Hẹn lại theo văn bản xin lỗi ngày 21/10/2026; hẹn cũ 23/10/2026 09:00. \
             Đã trả kết quả; trước hạn"
        )
    );
    assert_eq!(file.cell(8, 13), Some("Đang giải quyết; quá hạn"));
    assert_eq!(
        file.cell(8, 4),
        Some("=Trần \"Bình\""),
        "text, never a formula"
    );
    assert!(!file.sheet.contains("<f>"));
}

/// Stored data may predate the input limits: a name of two million characters and an address
/// of 1.9 MB (one character outside the BMP, which Excel counts twice, in each) export without
/// an error, cut to Excel's cell limit with the mark in XLSX and CSV, and whole in JSON.
#[test]
fn texts_longer_than_a_cell_are_cut_with_the_mark() {
    let mut r = register();
    let name = format!("𠀧{}", "Đ".repeat(2_000_000));
    let address = format!("𠀧{}", "x".repeat(1_900_000));
    r.rows[0].applicant = name.clone();
    r.rows[0].contact = address;
    let file = Xlsx::open(&register_xlsx(&r).unwrap());
    let cut = |row: u32, col: u16| -> String { file.cell(row, col).unwrap().to_owned() };
    for (col, long) in [(4, &name), (5, &r.rows[0].contact)] {
        let text = cut(7, col);
        assert!(text.ends_with(CUT_MARK), "column {col}");
        assert_eq!(text.encode_utf16().count(), CELL_MAX);
        assert!(long.starts_with(text.trim_end_matches(CUT_MARK)));
    }
    assert_eq!(cut(8, 4), "=Trần \"Bình\"", "short texts are untouched");
    let csv = register_csv(&r);
    let first = csv.split("\r\n").nth(1).unwrap();
    assert!(first.contains(&format!("Đ{CUT_MARK},")), "{}", &first[..80]);
    assert!(csv.len() < 200_000, "{}", csv.len());
    let json = serde_json::to_value(register_json(&r)).unwrap();
    assert_eq!(json["items"][0]["applicant"], name.as_str());
}
