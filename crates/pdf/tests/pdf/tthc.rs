//! The periodic report (Biểu II.06a) as PDF.

use crate::fixtures::{PROVINCE, index766, register, tthc};
use crate::support::{Shown, assert_pdf, squash};
use motcua_report::{COLUMNS, FIGURES_TITLE, figure_lines, tthc_rows};

#[test]
fn the_periodic_report_prints_the_form_then_the_other_figures() {
    let r = tthc(PROVINCE);
    let document = motcua_pdf::tthc_layout(&r).unwrap();
    assert_eq!(document.pages().len(), 2);
    let size = document.pages()[0].frame.size();
    assert!(size.x > size.y, "Biểu II.06a on landscape: {size:?}");
    let size = document.pages()[1].frame.size();
    assert!(size.x < size.y, "the other figures on portrait: {size:?}");
    let shown = Shown::of(&document);
    shown.assert_shows(&[
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Biểu số II.06a/VPCP/KSTT",
        "Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)",
        &format!("Đơn vị báo cáo: {PROVINCE}"),
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
        "Trực tiếp, dịch vụ bưu chính",
        "Từ kỳ trước",
        "(1)(2)(3)(4)(5)(6)(7)(8)(9)(10)(11)(12)(13)",
        "I Theo đơn vị",
        "II Theo lĩnh vực",
        "Sở Xây dựng",
        "Phường Hoàn Kiếm",
        "Hộ tịch",
        // The ward: 1.049 online + 38 + 7 = 1.094, 1.002 early, 3 late, 2 overdue.
        "1.094 1.049 38 7 1.005 1.002 0 3 89 87 2",
        // The total row.
        "Tổng cộng 13.649 1.049 12.383 217 11.202 10.878 0 324 2.447 2.400 47",
        "Ghi chú: (3) = (4) + (5) + (6) = (7) + (11)",
        "Trang 1/2",
    ]);
    assert!(
        shown
            .page(1)
            .contains(&squash(&FIGURES_TITLE.to_uppercase()))
    );
    assert!(shown.page(1).contains("Trang2/2"));
    // The other figures: 1.049 of 1.265 fee-bearing dossiers paid online.
    shown.assert_shows(&["1.049 1.265 82,92%", "27.367.024 đồng"]);
    for line in figure_lines(&r.figures) {
        shown.assert_shows(&[&line.label, &line.shown]);
    }
    for (_, _, _, label) in COLUMNS {
        shown.assert_shows(&[label]);
    }
    // Every row of every export, in their order.
    let all = shown.all();
    let mut from = 0;
    for row in tthc_rows(&r) {
        let name = squash(&row.name);
        let at = all[from..].find(&name).expect(&name);
        from += at + name.len();
    }
    assert_pdf(&motcua_pdf::tthc_pdf(&r).unwrap());
}

#[test]
fn user_text_prints_verbatim() {
    let name = r#"UBND "Phường #1" *đặc biệt* $x$ \n [ghi chú] _a_ <b> @c // d"#;
    let shown = Shown::of(&motcua_pdf::tthc_layout(&tthc(name)).unwrap());
    shown.assert_shows(&[&format!("Đơn vị báo cáo: {name}")]);
    let shown = Shown::of(&motcua_pdf::register_layout(&register(name, 1)).unwrap());
    shown.assert_shows(&[&format!("Trung tâm Phục vụ hành chính công: {name}")]);
    let shown = Shown::of(&motcua_pdf::index766_layout(&index766(name)).unwrap());
    shown.assert_shows(&[&format!("Đơn vị: {name}")]);
}
