//! The second worksheet of the periodic report: the other figures ("Chỉ tiêu khác"), under the
//! same title lines as Biểu II.06a.

use crate::figures::{FIGURE_COLUMNS, FIGURES_TITLE, figure_lines};
use crate::sheet::{Range, Sheet, Style};
use crate::tthc_sheet::period_line;
use motcua_app::usecases::reports::TthcReport;

/// Last column (F).
const LAST: u16 = 5;
/// The header row of the table.
pub const FIGURES_HEADER_ROW: u32 = 4;

/// The sheet of the other figures of a report.
pub fn figures_sheet(r: &TthcReport) -> Sheet {
    let mut s = Sheet::new(FIGURES_TITLE);
    s.merge(
        Range::new(0, 0, 0, LAST),
        FIGURES_TITLE.to_uppercase(),
        Style::Title,
    );
    s.merge(
        Range::new(1, 0, 1, LAST),
        period_line(r.period()),
        Style::Subtitle,
    );
    s.merge(
        Range::new(2, 0, 2, LAST),
        format!("Đơn vị báo cáo: {}", r.unit.name),
        Style::Info,
    );
    for (col, label) in (0u16..).zip(FIGURE_COLUMNS) {
        s.text(FIGURES_HEADER_ROW, col, label, Style::Header);
    }
    let mut row = FIGURES_HEADER_ROW + 1;
    for (stt, line) in (1u32..).zip(figure_lines(&r.figures)) {
        s.text(row, 0, stt.to_string(), Style::Centre);
        s.text(row, 1, line.label, Style::Text);
        for (col, n) in [(2u16, line.numerator), (3, line.denominator)] {
            match n {
                Some(n) => s.count(row, col, n, Style::Count),
                None => s.text(row, col, "—", Style::Centre),
            }
        }
        s.text(row, 4, line.shown, Style::Centre);
        s.text(row, 5, line.basis, Style::Text);
        row += 1;
    }
    s.merge(
        Range::new(row + 1, 0, row + 1, LAST),
        "Ghi chú: tỷ lệ làm tròn hai chữ số thập phân; «Không phát sinh» khi không có hồ sơ để \
         tính. Hồ sơ trễ hạn gồm hồ sơ đã giải quyết quá hạn và hồ sơ đang giải quyết quá hạn \
         cuối kỳ.",
        Style::Info,
    );
    s.widths = vec![6.0, 44.0, 12.0, 12.0, 16.0, 44.0];
    s.heights = vec![(0, 24.0)];
    s.repeat_rows = Some((FIGURES_HEADER_ROW, FIGURES_HEADER_ROW));
    s
}
