//! Writes [`Sheet`]s as an XLSX workbook in memory: Times New Roman 12 as administrative
//! documents use, thin borders on the table, A4 pages fitted to the width.

use crate::figures_sheet::figures_sheet;
use crate::register::register_sheet;
use crate::sheet::{Sheet, Style, Value};
use crate::tthc_sheet::tthc_sheet;
use motcua_app::usecases::reports::{Register, TthcReport};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// An export that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("không tạo được tệp Excel: {0}")]
pub struct ExportError(#[from] XlsxError);

/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;

fn format(style: Style) -> Format {
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
        .set_align(FormatAlign::VerticalCenter);
    let table = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
    match style {
        Style::Title => base
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center),
        Style::Subtitle => base.set_italic().set_align(FormatAlign::Center),
        Style::Info => base,
        Style::InfoRight => base.set_align(FormatAlign::Right),
        Style::Header => table.set_bold().set_align(FormatAlign::Center),
        Style::ColumnNumber => table.set_italic().set_align(FormatAlign::Center),
        Style::Section | Style::TotalText => table.set_bold(),
        Style::Text => table,
        Style::Centre => table.set_align(FormatAlign::Center),
        Style::Count => table.set_num_format("#,##0"),
        Style::TotalCount => table.set_bold().set_num_format("#,##0"),
    }
}

fn write_sheet(ws: &mut Worksheet, s: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(&s.name)?;
    ws.set_paper_size(A4);
    if s.landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    for (col, width) in (0u16..).zip(&s.widths) {
        ws.set_column_width(col, *width)?;
    }
    for (row, height) in &s.heights {
        ws.set_row_height(*row, *height)?;
    }
    if let Some((first, last)) = s.repeat_rows {
        ws.set_repeat_rows(first, last)?;
    }
    for m in &s.merges {
        let top_left = s.cells.get(&(m.first_row, m.first_col));
        let style = top_left.map_or(Style::Text, |c| c.style);
        let text = match top_left.map(|c| &c.value) {
            Some(Value::Text(t)) => t.as_str(),
            _ => "",
        };
        ws.merge_range(
            m.first_row,
            m.first_col,
            m.last_row,
            m.last_col,
            text,
            &format(style),
        )?;
    }
    for (&(row, col), cell) in &s.cells {
        let merged = s.merges.iter().any(|m| m.contains(row, col));
        let f = format(cell.style);
        match &cell.value {
            Value::Text(_) if merged => {}
            Value::Text(t) => {
                ws.write_string_with_format(row, col, t, &f)?;
            }
            // Precision is not at risk: counts stay far below 2^53.
            Value::Count(n) => {
                ws.write_number_with_format(row, col, *n as f64, &f)?;
            }
        }
    }
    Ok(())
}

/// A workbook of `sheets`, one tab each, as the bytes of an `.xlsx` file.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    for s in sheets {
        write_sheet(workbook.add_worksheet(), s)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// The periodic report as an `.xlsx` file: Biểu II.06a on the first worksheet, the other
/// figures ("Chỉ tiêu khác") on the second.
pub fn tthc_xlsx(r: &TthcReport) -> Result<Vec<u8>, ExportError> {
    write_xlsx(&[tthc_sheet(r), figures_sheet(r)])
}

/// The tracking register as an `.xlsx` file laid out like Mẫu 06/07.
pub fn register_xlsx(r: &Register) -> Result<Vec<u8>, ExportError> {
    write_xlsx(&[register_sheet(r)])
}
