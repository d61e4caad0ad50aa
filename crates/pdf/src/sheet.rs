//! [`Sheet`]s (the model the XLSX writer copies) as the data of `templates/sheet.typ`: for each,
//! the lines above the table, the table header (repeated on every page), the body, and the notes
//! below.
//! Merged ranges become cells that span rows and columns; counts are written the Vietnamese way
//! (`1.234`); leading spaces of a text (the indentation of a unit under its parent) become an
//! indent.
//!
//! Every text is bounded to [`PRINTED_MAX`] characters, cut with the mark beyond: a stored text
//! from before the input limits (a 50 MB name) must neither stop the export nor make the
//! typesetter lay out thousands of pages in memory.

use crate::integer;
use motcua_domain::format::bounded;
use motcua_report::{Sheet, Style, Value};
use serde::Serialize;

/// Most characters printed in one cell or line: more than any text the input rules allow in a
/// cell (an address of 500 characters with a phone, a procedure name of 1,000), so only stored
/// texts longer than the rules are cut.
const PRINTED_MAX: usize = 1_200;

/// `text` bounded to [`PRINTED_MAX`].
fn printed(text: &str) -> String {
    bounded(text, PRINTED_MAX).into_owned()
}

#[derive(Debug, Serialize)]
struct CellData {
    text: String,
    style: &'static str,
    colspan: u32,
    rowspan: u32,
    /// Indent in spaces.
    indent: usize,
}

/// One sheet as the template reads it.
#[derive(Debug, Serialize)]
pub(crate) struct SheetData {
    landscape: bool,
    size: f64,
    widths: Vec<f64>,
    above: Vec<Vec<CellData>>,
    header: Vec<CellData>,
    body: Vec<CellData>,
    below: Vec<Vec<CellData>>,
}

fn style_name(style: Style) -> &'static str {
    match style {
        Style::Title => "title",
        Style::Subtitle => "subtitle",
        Style::Info => "info",
        Style::InfoRight => "info-right",
        Style::Header => "header",
        Style::ColumnNumber => "column-number",
        Style::Section => "section",
        Style::Text => "text",
        Style::Centre => "centre",
        Style::Count => "count",
        Style::TotalText => "total-text",
        Style::TotalCount => "total-count",
    }
}

/// Whether a style belongs inside the table (borders) rather than above or below it.
fn in_table(style: Style) -> bool {
    !matches!(
        style,
        Style::Title | Style::Subtitle | Style::Info | Style::InfoRight
    )
}

fn cell_data(s: &Sheet, row: u32, col: u16) -> CellData {
    let (text, style) = match s.cells.get(&(row, col)) {
        Some(c) => match &c.value {
            Value::Text(t) => (printed(t), c.style),
            Value::Count(n) => (integer(*n), c.style),
        },
        None => (
            String::new(),
            s.merged_style(row, col).unwrap_or(Style::Text),
        ),
    };
    let trimmed = text.trim_start_matches(' ');
    let indent = text.len() - trimmed.len();
    let (colspan, rowspan) = s
        .merges
        .iter()
        .find(|m| m.first_row == row && m.first_col == col)
        .map_or((1, 1), |m| {
            (
                u32::from(m.last_col - m.first_col) + 1,
                m.last_row - m.first_row + 1,
            )
        });
    CellData {
        text: trimmed.to_owned(),
        style: style_name(style),
        colspan,
        rowspan,
        indent,
    }
}

/// Whether a cell is hidden under a merged range (inside it but not its top-left cell).
fn hidden(s: &Sheet, row: u32, col: u16) -> bool {
    s.merges
        .iter()
        .any(|m| m.contains(row, col) && (m.first_row, m.first_col) != (row, col))
}

/// The cells of a line outside the table, left to right.
fn line(s: &Sheet, row: u32) -> Vec<CellData> {
    s.cells
        .range((row, 0)..=(row, u16::MAX))
        .map(|(&(row, col), _)| cell_data(s, row, col))
        .collect()
}

/// The cells of rows `rows` of the table, in reading order, those under a merge left out.
fn cells(s: &Sheet, rows: std::ops::RangeInclusive<u32>, columns: u16) -> Vec<CellData> {
    rows.flat_map(|row| (0..columns).map(move |col| (row, col)))
        .filter(|&(row, col)| !hidden(s, row, col))
        .map(|(row, col)| cell_data(s, row, col))
        .collect()
}

/// The document as the template reads it: its title, then its sheets, each from a new page.
#[derive(Debug, Serialize)]
struct DocumentData {
    title: String,
    sheets: Vec<SheetData>,
}

/// The title of a sheet: the text of its title cell, else its name.
fn title(s: &Sheet) -> String {
    s.cells
        .values()
        .find(|c| c.style == Style::Title)
        .and_then(|c| match &c.value {
            Value::Text(t) => Some(printed(t)),
            Value::Count(_) => None,
        })
        .unwrap_or_else(|| printed(&s.name))
}

/// The template data of sheets, each with its text size in points, as JSON bytes; the document
/// takes the title of the first.
pub(crate) fn document_data(sheets: &[(Sheet, f64)]) -> Result<Vec<u8>, serde_json::Error> {
    let data = DocumentData {
        title: sheets.first().map(|(s, _)| title(s)).unwrap_or_default(),
        sheets: sheets
            .iter()
            .map(|(s, size)| sheet_data(s, *size))
            .collect(),
    };
    serde_json::to_vec(&data)
}

/// One sheet as the template reads it; `size` is the text size in points.
fn sheet_data(s: &Sheet, size: f64) -> SheetData {
    let table_rows: Vec<u32> = s
        .cells
        .iter()
        .filter(|(_, c)| in_table(c.style))
        .map(|(&(row, _), _)| row)
        .collect();
    let first = table_rows.iter().copied().min().unwrap_or(0);
    let last = table_rows.iter().copied().max().unwrap_or(0);
    let header_last = s.repeat_rows.map_or(first, |(_, last)| last);
    let columns = u16::try_from(s.widths.len()).unwrap_or(u16::MAX);
    let lines = |rows: &mut dyn Iterator<Item = u32>| -> Vec<Vec<CellData>> {
        rows.map(|row| line(s, row))
            .filter(|cells| !cells.is_empty())
            .collect()
    };
    SheetData {
        landscape: s.landscape,
        size,
        widths: s.widths.clone(),
        above: lines(&mut (0..first)),
        header: cells(s, first..=header_last, columns),
        body: cells(s, header_last + 1..=last, columns),
        below: lines(&mut (last + 1..=s.last_row())),
    }
}
