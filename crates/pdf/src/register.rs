//! The tracking register (Sổ theo dõi hồ sơ) as a sheet: the columns and lines every export of
//! the register shows ([`REGISTER_COLUMNS`], [`register_lines`]), numbered (1)…(14).

use motcua_domain::format;
use motcua_report::{
    REGISTER_COLUMNS, Range, Register, Sheet, Style, register_heading, register_lines,
};

/// Last column.
const LAST: u16 = REGISTER_COLUMNS.len() as u16 - 1;
/// The header row.
const HEADER: u32 = 4;
/// The row of column numbers.
const NUMBERS: u32 = HEADER + 1;

/// Relative widths of the columns; the dates fit on two lines (date, then time).
const WIDTHS: [f64; REGISTER_COLUMNS.len()] = [
    3.5, 14.0, 7.5, 19.0, 14.0, 18.0, 13.0, 8.0, 9.5, 9.5, 9.5, 9.5, 9.0, 9.0,
];

/// Columns shown centred: STT, the channel and the four dates.
fn centred(col: u16) -> bool {
    matches!(col, 0 | 7..=11)
}

/// The register laid out on A4 landscape.
pub(crate) fn register_sheet(r: &Register) -> Sheet {
    let mut s = register_heading(r, LAST);
    s.merge(
        Range::new(3, 0, 3, LAST),
        format!(
            "Tình hình giải quyết tính đến {} ngày {}",
            format::time(r.as_of),
            format::date(r.as_of.date())
        ),
        Style::Info,
    );
    for (col, label) in (0u16..).zip(REGISTER_COLUMNS) {
        s.text(HEADER, col, label, Style::Header);
        s.text(NUMBERS, col, format!("({})", col + 1), Style::ColumnNumber);
    }
    let lines = register_lines(r);
    for (row, line) in (NUMBERS + 1..).zip(&lines) {
        for (col, text) in (0u16..).zip(&line.0) {
            let style = if centred(col) {
                Style::Centre
            } else {
                Style::Text
            };
            s.text(row, col, text.as_str(), style);
        }
    }
    if lines.is_empty() {
        s.merge(
            Range::new(NUMBERS + 1, 0, NUMBERS + 1, LAST),
            "Không có hồ sơ tiếp nhận trong kỳ.",
            Style::Centre,
        );
    }
    s.widths = WIDTHS.to_vec();
    s.repeat_rows = Some((HEADER, NUMBERS));
    s
}
