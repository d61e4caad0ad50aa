//! The periodic report laid out like Biểu II.06a/VPCP/KSTT: title, reporting unit, period, two
//! header rows with the merged groups of columns 3–6, 7–10 and 11–13, the row of column numbers,
//! a section of units and a section of fields numbered with STT, and the total row.

use crate::sheet::{Range, Sheet, Style};
use crate::tthc::{
    COLUMNS, FORM, PENDING, RECEIVED, RESOLVED, RowKind, TITLE, TthcRow, numbered, tthc_rows,
};
use motcua_app::usecases::reports::TthcReport;
use motcua_domain::format;
use motcua_domain::stats::{Period, PeriodKind};

/// Last column (M, column 13 of the form).
const LAST: u16 = 12;
/// First header row.
pub const HEADER_ROW: u32 = 5;
/// The row of column numbers.
pub const NUMBERS_ROW: u32 = HEADER_ROW + 2;

/// `Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)`.
pub fn period_line(p: &Period) -> String {
    let dates = format!(
        "Từ ngày {} đến ngày {}",
        format::date(p.from()),
        format::date(p.to())
    );
    match p.kind() {
        PeriodKind::Range => format!("Kỳ báo cáo: {dates}"),
        _ => format!("Kỳ báo cáo: {} ({dates})", p.name_vi()),
    }
}

/// The sheet of a report.
pub fn tthc_sheet(r: &TthcReport) -> Sheet {
    let mut s = Sheet::new("Biểu II.06a");
    s.landscape = true;
    s.merge(Range::new(0, 0, 0, LAST), TITLE, Style::Title);
    s.merge(
        Range::new(1, 0, 1, LAST),
        period_line(r.period()),
        Style::Subtitle,
    );
    s.merge(
        Range::new(2, 0, 2, 6),
        format!("Đơn vị báo cáo: {}", r.unit.name),
        Style::Info,
    );
    s.merge(Range::new(2, 7, 2, LAST), FORM, Style::InfoRight);
    s.merge(
        Range::new(3, 0, 3, 6),
        "Đơn vị nhận báo cáo: ....................................",
        Style::Info,
    );
    s.merge(
        Range::new(3, 7, 3, LAST),
        "Đơn vị tính: Số hồ sơ TTHC",
        Style::InfoRight,
    );
    header(&mut s);
    let rows = tthc_rows(r);
    let mut row = NUMBERS_ROW + 1;
    for (numeral, kind, title) in [
        ("I", RowKind::Unit, "Theo đơn vị"),
        ("II", RowKind::Field, "Theo lĩnh vực"),
    ] {
        s.text(row, 0, numeral, Style::Section);
        s.merge(Range::new(row, 1, row, LAST), title, Style::Section);
        row += 1;
        for (stt, line) in numbered(&rows, kind) {
            body_row(&mut s, row, &stt, line);
            row += 1;
        }
    }
    s.merge(Range::new(row, 0, row, 1), "Tổng cộng", Style::TotalText);
    for (col, n) in (2u16..).zip(r.report.total.row()) {
        s.count(row, col, n, Style::TotalCount);
    }
    s.merge(
        Range::new(row + 2, 0, row + 2, LAST),
        "Ghi chú: (3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10); \
         (11) = (12) + (13). Hồ sơ được tính cho cơ quan có thẩm quyền giải quyết; \
         hồ sơ đang giải quyết tính đến hết ngày cuối kỳ.",
        Style::Info,
    );
    s.widths = std::iter::once(6.0)
        .chain(std::iter::once(40.0))
        .chain(std::iter::repeat_n(11.0, 11))
        .collect();
    s.heights = vec![(0, 24.0), (HEADER_ROW + 1, 48.0)];
    s.repeat_rows = Some((HEADER_ROW, NUMBERS_ROW));
    s
}

fn header(s: &mut Sheet) {
    let (top, second) = (HEADER_ROW, HEADER_ROW + 1);
    s.merge(Range::new(top, 0, second, 0), COLUMNS[0].3, Style::Header);
    s.merge(Range::new(top, 1, second, 1), COLUMNS[1].3, Style::Header);
    s.merge(Range::new(top, 2, top, 5), RECEIVED, Style::Header);
    s.merge(Range::new(top, 6, top, 9), RESOLVED, Style::Header);
    s.merge(Range::new(top, 10, top, LAST), PENDING, Style::Header);
    for (col, (_, _, _, label)) in (2u16..).zip(&COLUMNS[2..]) {
        s.text(second, col, *label, Style::Header);
    }
    for (col, (number, ..)) in (0u16..).zip(&COLUMNS) {
        s.text(NUMBERS_ROW, col, format!("({number})"), Style::ColumnNumber);
    }
}

fn body_row(s: &mut Sheet, row: u32, stt: &str, line: &TthcRow) {
    s.text(row, 0, stt, Style::Centre);
    let indent = "   ".repeat(line.depth);
    s.text(row, 1, format!("{indent}{}", line.name), Style::Text);
    for (col, n) in (2u16..).zip(line.columns.row()) {
        s.count(row, col, n, Style::Count);
    }
}
