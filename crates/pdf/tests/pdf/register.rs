//! The tracking register as PDF: a long one runs over several pages, each with the header.

use crate::fixtures::{PROVINCE, register};
use crate::support::{Shown, assert_pdf, squash};
use motcua_report::{REGISTER_COLUMNS, register_lines};

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
        &format!("Đơn vị: {PROVINCE}"),
        "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP",
        "Tình hình giải quyết tính đến 23:00 ngày 14/11/2026",
    ]);
    let header = squash(&REGISTER_COLUMNS.join(""));
    for i in 0..pages {
        let page = shown.page(i);
        assert!(
            page.contains(&header),
            "page {}: no header in {page}",
            i + 1
        );
        assert!(page.contains("(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)(11)(12)(13)(14)"));
        assert!(page.contains(&format!("Trang{}/{pages}", i + 1)), "{page}");
    }
    // Every line, every column, in order.
    let all = shown.all();
    let mut from = 0;
    for line in register_lines(&r) {
        for text in line.0.iter().filter(|t| !t.is_empty()) {
            let text = squash(text);
            let at = all[from..].find(&text).unwrap_or_else(|| panic!("{text}"));
            from += at + text.len();
        }
    }
    shown.assert_shows(&[
        "T01.W1-261015-0060",
        "15/10/2026 08:00",
        "Bưu chính",
        "Quá hạn",
    ]);
    assert_pdf(&motcua_pdf::register_pdf(&r).unwrap());
}

#[test]
fn an_empty_register_says_so() {
    let shown = Shown::of(&motcua_pdf::register_layout(&register(PROVINCE, 0)).unwrap());
    assert_eq!(shown.pages.len(), 1);
    shown.assert_shows(&["Không có hồ sơ tiếp nhận trong kỳ.", "Trang 1/1"]);
}
