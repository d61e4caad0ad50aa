//! The other figures of the periodic report in its JSON, its lines and its second worksheet, on
//! the online payments of the seed report of P. Phước Hòa.

use crate::support::{Xlsx, report, value};
use motcua_domain::stats::{Figures, Fraction};
use motcua_report::{
    FIGURES_HEADER_ROW, TthcReport, feedback_text, figure_lines, figures_sheet, tthc_json,
    tthc_xlsx,
};
use serde_json::json;

fn fraction(numerator: u64, denominator: u64) -> Fraction {
    Fraction {
        numerator,
        denominator,
    }
}

/// The hand-made report with Phước Hòa's online payments: 1.585 of 1.911 fee-bearing
/// dossiers, 27.367.024 đồng; and a few ratings and apologies.
fn phuoc_hoa() -> TthcReport {
    let mut r = report();
    r.figures = Figures {
        online: fraction(614, 865),
        paid_online: fraction(1585, 1911),
        paid_online_vnd: 27_367_024,
        e_result: fraction(3, 4),
        ratings: [105, 40, 2, 1],
        satisfied: fraction(145, 148),
        apologies: fraction(1, 2),
        late_apologies: 1,
        ..Figures::default()
    };
    r
}

#[test]
fn the_json_carries_the_figures_beside_every_existing_key() {
    let v = value(tthc_json(&phuoc_hoa()));
    for key in [
        "received", "resolved", "pending", "form", "title", "period", "unit", "columns", "units",
        "fields",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    let f = &v["figures"];
    assert_eq!(
        f["paid_online"],
        json!({
            "numerator": 1585,
            "denominator": 1911,
            "rate": 1585.0 / 1911.0,
            "rate_text": "82,94%",
            "amount_vnd": 27_367_024,
            "amount_text": "27.367.024 đồng",
        })
    );
    assert_eq!(f["online"]["rate_text"], "70,98%");
    assert_eq!(f["received"], 865);
    assert_eq!(f["digitised"]["rate"], json!(null));
    assert_eq!(f["digitised"]["rate_text"], "Không phát sinh");
    assert_eq!(f["ratings"]["rat_hai_long"], 105);
    assert_eq!(f["ratings"]["khong_hai_long"], 1);
    assert_eq!(f["ratings"]["rated"], 148);
    assert_eq!(f["ratings"]["satisfied"]["rate_text"], "97,97%");
    assert_eq!(f["apologies"]["numerator"], 1);
    assert_eq!(f["feedback_on_time"], json!(null));
    assert_eq!(f["feedback_on_time_text"], "Chưa có dữ liệu PAKN");
    assert_eq!(
        f["feedback_on_time_line"],
        "PAKN xử lý đúng hạn: Chưa có dữ liệu PAKN"
    );
}

/// Phước Hòa with 9 of its 10 feedback items handled within their limits.
fn with_feedback() -> TthcReport {
    let mut r = phuoc_hoa();
    r.figures.feedback_on_time = Some(fraction(9, 10));
    r
}

#[test]
fn feedback_handled_on_time_is_shown_when_the_units_hold_feedback() {
    let f = &value(tthc_json(&with_feedback()))["figures"];
    assert_eq!(
        f["feedback_on_time"],
        json!({ "numerator": 9, "denominator": 10, "rate": 0.9, "rate_text": "90,00%" })
    );
    assert_eq!(f["feedback_on_time_text"], "9/10 (90,00%)");
    assert_eq!(
        f["feedback_on_time_line"],
        "PAKN xử lý đúng hạn: 9/10 (90,00%)"
    );
    let lines = figure_lines(&with_feedback().figures);
    let line = lines.iter().find(|l| l.key == "feedback_on_time").unwrap();
    assert_eq!(line.label, "PAKN xử lý đúng hạn");
    assert_eq!(
        (line.numerator, line.denominator, line.shown.as_str()),
        (Some(9), Some(10), "90,00%")
    );
    let layout = figures_sheet(&with_feedback());
    let (row, _) = layout.find("PAKN xử lý đúng hạn").unwrap();
    let text = |col| layout.shown(row, col).unwrap_or_default();
    assert_eq!([text(2), text(3), text(4)], ["9", "10", "90,00%"]);
    assert_eq!(layout.find("Chưa có dữ liệu PAKN"), None);
    // Feedback held, none of it counted yet: not available as a rate, but not "no data".
    assert_eq!(feedback_text(Some(fraction(0, 0))), "0/0 (Không phát sinh)");
}

#[test]
fn the_figures_of_the_hand_made_month_are_computed_from_its_records() {
    // Five dossiers counted: four received in the period, one online; the three ended, none
    // with an electronic result; one late and one overdue, neither with an apology.
    let f = &value(tthc_json(&report()))["figures"];
    assert_eq!(f["online"]["numerator"], 1);
    assert_eq!(f["online"]["denominator"], 4);
    assert_eq!(f["e_result"]["rate_text"], "0,00%");
    assert_eq!(f["apologies"]["denominator"], 2);
    assert_eq!(f["paid_online"]["rate_text"], "Không phát sinh");
}

#[test]
fn the_lines_show_rates_amounts_and_the_missing_feedback() {
    let lines = figure_lines(&phuoc_hoa().figures);
    let line = |key: &str| lines.iter().find(|l| l.key == key).unwrap();
    let paid = line("paid_online");
    assert_eq!(
        (paid.numerator, paid.denominator, paid.shown.as_str()),
        (Some(1585), Some(1911), "82,94%")
    );
    assert_eq!(line("paid_online_vnd").shown, "27.367.024 đồng");
    assert_eq!(line("rating_hai_long").label, "Đánh giá «Hài lòng»");
    assert_eq!(line("rating_rat_hai_long").shown, "70,95%");
    let feedback = line("feedback_on_time");
    assert_eq!(feedback.shown, "Chưa có dữ liệu PAKN");
    assert_eq!((feedback.numerator, feedback.denominator), (None, None));
    assert_eq!(line("late_apologies").shown, "1 hồ sơ");
    assert_eq!(lines.len(), 14);
}

#[test]
fn the_workbook_has_a_second_worksheet_of_the_figures() {
    let r = phuoc_hoa();
    let layout = figures_sheet(&r);
    assert_eq!(layout.name, "Chỉ tiêu khác");
    let text = |row, col| layout.shown(row, col).unwrap_or_default();
    assert_eq!(text(0, 0), "CHỈ TIÊU KHÁC");
    assert_eq!(
        text(1, 0),
        "Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)"
    );
    assert_eq!(text(FIGURES_HEADER_ROW, 1), "Chỉ tiêu");
    let (row, _) = layout
        .find("Hồ sơ thanh toán phí, lệ phí trực tuyến")
        .unwrap();
    assert_eq!(text(row, 2), "1585");
    assert_eq!(text(row, 3), "1911");
    assert_eq!(text(row, 4), "82,94%");
    assert_eq!(text(row + 1, 4), "27.367.024 đồng");
    assert_eq!(text(row + 1, 2), "—");

    let bytes = tthc_xlsx(&r).unwrap();
    let first = Xlsx::open(&bytes);
    assert_eq!(first.cell(15, 2), Some("5"), "Biểu II.06a stays first");
    let second = Xlsx::open_sheet(&bytes, 2);
    for &(row, col) in layout.cells.keys() {
        assert_eq!(second.cell(row, col), layout.shown(row, col).as_deref());
    }
    assert!(second.cells.values().any(|c| c == "Chưa có dữ liệu PAKN"));
}
