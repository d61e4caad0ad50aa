//! A small model of one printed worksheet: cells, merged ranges, column widths. The layouts build
//! it, the XLSX writer copies it cell by cell, and the tests read it.
//!
//! A text cell holds at most [`CELL_MAX`] UTF-16 units, Excel's limit: a longer stored text (a
//! name or an address from before the input limits, docs/rules.md «Dữ liệu nhập») is cut with
//! [`CUT_MARK`](motcua_domain::format::CUT_MARK), so no export fails on stored data.

use motcua_domain::format::bounded_by;
use std::collections::BTreeMap;

/// Most UTF-16 units of a cell's text: Excel's limit of 32,767 characters, counted as Excel
/// counts them.
pub const CELL_MAX: usize = 32_767;

/// `text` cut to [`CELL_MAX`] with the mark when longer.
fn cell_text(text: String) -> String {
    match bounded_by(&text, CELL_MAX, char::len_utf16) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cut) => cut,
    }
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A count (written as a number, shown with thousands separators).
    Count(u64),
}

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// The report's title: bold, large, centred.
    Title,
    /// A line under the title: centred, italic.
    Subtitle,
    /// A header line on the left (reporting unit).
    Info,
    /// A header line on the right (form number, unit of count).
    InfoRight,
    /// A column header: bold, centred, wrapped, bordered.
    Header,
    /// The row of column numbers `(1)`…: italic, centred, bordered.
    ColumnNumber,
    /// A section row (`I`, `Theo đơn vị`): bold, bordered.
    Section,
    /// Text in the table: bordered, wrapped.
    Text,
    /// Centred text in the table (STT, dates).
    Centre,
    /// A count in the table.
    Count,
    /// Text of the total row: bold.
    TotalText,
    /// A count of the total row: bold.
    TotalCount,
}

/// A rectangle of cells, both corners included (zero-based row and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Range {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u16,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u16,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Its value.
    pub value: Value,
    /// Its look.
    pub style: Style,
}

/// A worksheet laid out for A4 printing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The tab name.
    pub name: String,
    /// Cells by (row, column).
    pub cells: BTreeMap<(u32, u16), Cell>,
    /// Merged ranges; each shows its top-left cell.
    pub merges: Vec<Range>,
    /// Column widths in characters, from column 0.
    pub widths: Vec<f64>,
    /// Rows repeated at the top of every printed page (the table header).
    pub repeat_rows: Option<(u32, u32)>,
    /// Rows taller than usual: (row, height in points).
    pub heights: Vec<(u32, f64)>,
    /// Print across the page.
    pub landscape: bool,
}

impl Sheet {
    /// An empty sheet named `name`.
    pub fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_owned(),
            ..Sheet::default()
        }
    }

    /// Sets a text cell, cut to [`CELL_MAX`] with the mark when longer.
    pub fn text(&mut self, row: u32, col: u16, text: impl Into<String>, style: Style) {
        self.cells.insert(
            (row, col),
            Cell {
                value: Value::Text(cell_text(text.into())),
                style,
            },
        );
    }

    /// Sets a count cell.
    pub fn count(&mut self, row: u32, col: u16, n: u64, style: Style) {
        self.cells.insert(
            (row, col),
            Cell {
                value: Value::Count(n),
                style,
            },
        );
    }

    /// Merges a range and sets its text (shown from the top-left cell).
    pub fn merge(&mut self, range: Range, text: impl Into<String>, style: Style) {
        self.text(range.first_row, range.first_col, text, style);
        self.merges.push(range);
    }

    /// The style a cell inside a merged range takes: that of the range's top-left cell.
    pub fn merged_style(&self, row: u32, col: u16) -> Option<Style> {
        self.merges
            .iter()
            .find(|m| m.contains(row, col))
            .and_then(|m| self.cells.get(&(m.first_row, m.first_col)))
            .map(|c| c.style)
    }

    /// The text shown in a cell (counts as digits), if any.
    pub fn shown(&self, row: u32, col: u16) -> Option<String> {
        self.cells.get(&(row, col)).map(|c| match &c.value {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
        })
    }

    /// The first cell, in row order, whose text is `text`.
    pub fn find(&self, text: &str) -> Option<(u32, u16)> {
        self.cells
            .iter()
            .find(|(_, c)| matches!(&c.value, Value::Text(t) if t == text))
            .map(|(at, _)| *at)
    }

    /// The last row with a cell.
    pub fn last_row(&self) -> u32 {
        self.cells.keys().map(|(r, _)| *r).max().unwrap_or(0)
    }
}

impl Range {
    /// A range from `(first_row, first_col)` to `(last_row, last_col)`.
    pub fn new(first_row: u32, first_col: u16, last_row: u32, last_col: u16) -> Range {
        Range {
            first_row,
            first_col,
            last_row,
            last_col,
        }
    }

    /// Whether the cell is inside.
    pub fn contains(&self, row: u32, col: u16) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}
