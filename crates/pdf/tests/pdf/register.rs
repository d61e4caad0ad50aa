//! The tracking register as PDF: laid out like the form, with exactly the columns and the heading
//! of its XLSX file; a long one runs over several pages, each with the heading.

use crate::fixtures::{PROVINCE, register};
use crate::support::{Shown, assert_pdf, squash};
use motcua_report::{
    REGISTER_COLUMNS, Register, Sheet, Style, Value, register_heading, register_sheet,
};

fn text(s: &Sheet, row: u32, col: u16) -> Option<String> {
    s.cells.get(&(row, col)).map(|c| match &c.value {
        Value::Text(t) => t.clone(),
        Value::Count(n) => n.to_string(),
    })
}

/// The heading of each column of the form, left to right, as [`register_heading`] defines it:
/// the lowest heading cell over the column (a date under "Ngày, tháng, năm", else the heading
/// spanning both rows).
fn column_headings(heading: &Sheet) -> Vec<String> {
    let columns = heading
        .cells
        .values()
        .filter(|c| c.style == Style::ColumnNumber)
        .count();
    (0..columns)
        .filter_map(|col| {
            let col = u16::try_from(col).unwrap();
            heading
                .cells
                .iter()
                .filter(|(_, c)| c.style == Style::Header)
                .filter(|&(&(row, first), _)| {
                    first == col
                        || heading.merges.iter().any(|m| {
                            (m.first_row, m.first_col) == (row, first) && m.contains(row, col)
                        })
                })
                .map(|(&(row, first), _)| (row, first))
                .max()
                .and_then(|(row, first)| text(heading, row, first))
        })
        .collect()
}

/// The headings spanning several columns ("Ngày, tháng, năm"), with their first and last column.
fn group_headings(heading: &Sheet) -> Vec<(String, u16, u16)> {
    heading
        .merges
        .iter()
        .filter(|m| m.last_col > m.first_col)
        .filter(|m| {
            heading
                .cells
                .get(&(m.first_row, m.first_col))
                .map(|c| c.style)
                == Some(Style::Header)
        })
        .filter_map(|m| {
            Some((
                text(heading, m.first_row, m.first_col)?,
                m.first_col,
                m.last_col,
            ))
        })
        .collect()
}

/// Asserts that page `i` shows the form's heading: every column heading of [`register_heading`]
/// left to right, the groups above their columns, the numbers (1)…(14) and nothing more.
fn assert_form_heading(shown: &Shown, i: usize, r: &Register) {
    let heading = register_heading(r);
    let columns = column_headings(&heading);
    assert_eq!(columns.len(), 14, "{columns:?}");
    let place = |label: &str| {
        shown
            .find(i, label)
            .unwrap_or_else(|| panic!("page {}: «{label}» is not shown", i + 1))
    };
    let xs: Vec<f64> = columns.iter().map(|label| place(label).0).collect();
    for (w, pair) in xs.windows(2).zip(columns.windows(2)) {
        assert!(
            w[0] < w[1],
            "page {}: «{}» is not left of «{}»",
            i + 1,
            pair[0],
            pair[1]
        );
    }
    let groups = group_headings(&heading);
    assert_eq!(groups.len(), 1, "{groups:?}");
    for (label, first, last) in groups {
        let (x, y) = place(&label);
        let (first_x, first_y) = place(&columns[usize::from(first)]);
        let after = columns.get(usize::from(last) + 1).map(|l| place(l).0);
        assert!(
            y < first_y,
            "«{label}» is above «{}»",
            columns[usize::from(first)]
        );
        assert!(
            first_x < x && after.is_none_or(|a| x < a),
            "«{label}» spans its columns"
        );
    }
    let page = shown.page(i);
    let numbers: String = (1..=14).map(|n| format!("({n})")).collect();
    assert!(page.contains(&numbers), "page {}: {page}", i + 1);
    assert!(!page.contains("(15)"), "page {}: 15 columns", i + 1);
}

#[test]
fn the_register_has_the_columns_and_heading_of_its_xlsx_file() {
    let r = register(PROVINCE, 3);
    let xlsx = register_sheet(&r);
    let heading = register_heading(&r);
    // The XLSX sheet is the shared heading with the lines under it.
    for (at, cell) in &heading.cells {
        assert_eq!(xlsx.cells.get(at), Some(cell), "{at:?}");
    }
    let shown = Shown::of(&motcua_pdf::register_layout(&r).unwrap());
    assert_form_heading(&shown, 0, &r);
    assert_eq!(
        column_headings(&heading),
        [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Số lượng hồ sơ (bộ)",
            "Tên cá nhân, tổ chức",
            "Địa chỉ, số điện thoại",
            "Cơ quan chủ trì giải quyết",
            "Nhận hồ sơ",
            "Hẹn trả kết quả",
            "Chuyển hồ sơ đến cơ quan giải quyết",
            "Nhận kết quả từ cơ quan giải quyết",
            "Trả kết quả cho cá nhân, tổ chức",
            "Ký nhận",
            "Ghi chú",
        ]
    );
    // The columns only the CSV file has are not printed, neither their values.
    let all = shown.all();
    for csv_only in ["Mã TTHC", "Hình thức nộp", "Trạng thái"] {
        assert!(
            !REGISTER_COLUMNS.iter().all(|c| *c != csv_only),
            "{csv_only}"
        );
        assert!(!all.contains(&squash(csv_only)), "«{csv_only}» is printed");
    }
    for value in ["1.001193", "Trực tiếp", "Bưu chính"] {
        assert!(!all.contains(&squash(value)), "«{value}» is printed");
    }
    // Every cell of every line of the XLSX sheet, in order; "Ký nhận" is empty to sign.
    let mut from = all.find("(14)").unwrap();
    for (&(row, col), _) in xlsx.cells.range((7, 0)..) {
        let cell = text(&xlsx, row, col).unwrap();
        if col == 12 {
            assert_eq!(cell, "", "Ký nhận is left to sign");
        }
        let cell = squash(&cell);
        let at = all[from..].find(&cell).unwrap_or_else(|| panic!("{cell}"));
        from += at + cell.len();
    }
    shown.assert_shows(&[
        "Đã tiếp nhận; quá hạn",
        "Đã có kết quả; trước hạn",
        "Số lượng hồ sơ (bộ)",
    ]);
}

#[test]
fn a_long_register_repeats_its_header_and_numbers_its_pages() {
    let r = register(PROVINCE, 60);
    let document = motcua_pdf::register_layout(&r).unwrap();
    let pages = document.pages().len();
    assert!(pages > 1, "60 dossiers need more than one page");
    let size = document.pages()[0].frame.size();
    assert!(size.x > size.y, "landscape: {size:?}");
    let shown = Shown::of(&document);
    shown.assert_shows(&[
        "SỔ THEO DÕI HỒ SƠ",
        "Hồ sơ tiếp nhận từ ngày 15/10/2026 đến ngày 14/11/2026",
        &format!("Trung tâm Phục vụ hành chính công: {PROVINCE}"),
        "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP",
        "Tình hình giải quyết tính đến 23:00 ngày 14/11/2026",
        "T01.W1-261015-0060",
        "15/10/2026 08:00",
    ]);
    for i in 0..pages {
        assert_form_heading(&shown, i, &r);
        let page = shown.page(i);
        assert!(page.contains(&format!("Trang{}/{pages}", i + 1)), "{page}");
    }
    assert_pdf(&motcua_pdf::register_pdf(&r).unwrap());
}

#[test]
fn an_empty_register_says_so() {
    let r = register(PROVINCE, 0);
    let shown = Shown::of(&motcua_pdf::register_layout(&r).unwrap());
    assert_eq!(shown.pages.len(), 1);
    assert_form_heading(&shown, 0, &r);
    shown.assert_shows(&["Không có hồ sơ tiếp nhận trong kỳ.", "Trang 1/1"]);
}

/// A stored name of 50 million characters (from before the input limits) prints as its first
/// characters and the mark: the layout stays a few pages instead of exhausting the memory.
#[test]
fn a_huge_stored_name_is_cut_with_the_mark() {
    let mut r = register(PROVINCE, 2);
    r.rows[0].applicant = "Đ".repeat(50_000_000);
    r.rows[1].contact = format!("{} 0912 345 678", "Số 8 phố Lò Sũ ".repeat(1_000));
    let started = std::time::Instant::now();
    let document = motcua_pdf::register_layout(&r).unwrap();
    let shown = Shown::of(&document);
    assert!(
        document.pages().len() <= 3,
        "{} pages",
        document.pages().len()
    );
    let marks = shown
        .all()
        .matches(&squash(motcua_domain::format::CUT_MARK))
        .count();
    assert_eq!(marks, 2, "both long texts end with the mark");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert_pdf(&motcua_pdf::register_pdf(&r).unwrap());
}
