//! The XLSX of the periodic report: the layout of Biểu II.06a, and the file written from it.

use crate::support::{Xlsx, reference, report};
use motcua_report::{Style, Value, tthc_sheet, tthc_xlsx};

#[test]
fn the_sheet_is_laid_out_like_the_official_form() {
    let s = tthc_sheet(&report());
    let text = |r, c| s.shown(r, c).unwrap_or_default();
    assert_eq!(
        text(0, 0),
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    );
    assert_eq!(
        text(1, 0),
        "Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)"
    );
    assert_eq!(
        text(2, 0),
        "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Thử Nghiệm"
    );
    assert_eq!(text(2, 7), "Biểu số II.06a/VPCP/KSTT");
    // Two header rows: STT and the name span both; the three groups span their columns.
    assert_eq!(s.find("STT"), Some((5, 0)));
    assert_eq!(text(5, 2), "Số hồ sơ nhận giải quyết");
    assert_eq!(text(5, 6), "Số hồ sơ đã giải quyết");
    assert_eq!(text(5, 10), "Số hồ sơ đang giải quyết");
    let merged: Vec<String> = s
        .merges
        .iter()
        .map(|m| {
            format!(
                "{}:{}",
                reference(m.first_row, m.first_col),
                reference(m.last_row, m.last_col)
            )
        })
        .collect();
    for r in ["A6:A7", "B6:B7", "C6:F6", "G6:J6", "K6:M6", "A1:M1"] {
        assert!(merged.iter().any(|m| m == r), "{r} in {merged:?}");
    }
    let second: Vec<String> = (2..13).map(|c| text(6, c)).collect();
    assert_eq!(
        second,
        [
            "Tổng số",
            "Trực tuyến",
            "Trực tiếp, dịch vụ bưu chính",
            "Từ kỳ trước",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Trong hạn",
            "Quá hạn"
        ]
    );
    let numbers: Vec<String> = (0..13).map(|c| text(7, c)).collect();
    assert_eq!(numbers[0], "(1)");
    assert_eq!(numbers[12], "(13)");
    // Section I, three units numbered 1–3 (wards indented), section II, two fields, the total.
    assert_eq!((text(8, 0), text(8, 1)), ("I".into(), "Theo đơn vị".into()));
    assert_eq!(
        (text(10, 0), text(10, 1)),
        ("2".into(), "   Phường Một".into())
    );
    assert_eq!(
        (text(12, 0), text(12, 1)),
        ("II".into(), "Theo lĩnh vực".into())
    );
    assert_eq!((text(14, 0), text(14, 1)), ("2".into(), "Hộ tịch".into()));
    assert_eq!(text(15, 0), "Tổng cộng");
    let total: Vec<String> = (2..13).map(|c| text(15, c)).collect();
    assert_eq!(
        total,
        ["5", "1", "3", "1", "3", "1", "1", "1", "2", "1", "1"]
    );
    assert_eq!(s.cells[&(15, 2)].style, Style::TotalCount);
    assert_eq!(s.cells[&(10, 3)].value, Value::Count(1));
    assert_eq!(s.repeat_rows, Some((5, 7)));
    assert!(s.landscape);
    assert_eq!(s.widths.len(), 13);
}

#[test]
fn the_written_file_holds_every_cell_and_merge_of_the_layout() {
    let r = report();
    let layout = tthc_sheet(&r);
    let file = Xlsx::open(&tthc_xlsx(&r).unwrap());
    for &(row, col) in layout.cells.keys() {
        assert_eq!(
            file.cell(row, col),
            layout.shown(row, col).as_deref(),
            "cell {}",
            reference(row, col)
        );
    }
    for m in &layout.merges {
        let r = format!(
            "{}:{}",
            reference(m.first_row, m.first_col),
            reference(m.last_row, m.last_col)
        );
        assert!(file.merged(&r), "{r}");
    }
    // Counts are numbers, not text; the header repeats on each printed page of A4 landscape.
    assert_eq!(file.cell(15, 2), Some("5"));
    let c16 = file.sheet.split("<c r=\"C16\"").nth(1).unwrap();
    assert!(
        !c16[..c16.find('>').unwrap()].contains("t=\"s\""),
        "a number cell"
    );
    assert!(file.sheet.contains("orientation=\"landscape\""));
    assert!(file.sheet.contains("paperSize=\"9\""));
}
