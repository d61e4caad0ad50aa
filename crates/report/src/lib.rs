//! Report exports, pure and synchronous: the periodic report of TTHC resolution (Biểu II.06a,
//! docs/rules.md §8), the Decision 766 index (docs/rules.md §9) and the tracking register (Sổ theo dõi hồ sơ,
//! Mẫu 06 of Thông tư 01/2018/TT-VPCP, Mẫu 07 since Thông tư 03/2025/TT-VPCP).
//!
//! The figures come from `motcua_domain::stats`; this crate only lays them out. Every export of
//! a report reads the same rows ([`tthc_rows`], [`figure_lines`], [`register_lines`]), and every spreadsheet is
//! first built as a small [`Sheet`] model that the XLSX writer copies and the tests read, so
//! what is asserted is what is written.
//!
//! PDF is produced by the `motcua-pdf` crate, which typesets [`Sheet`]s built from these same
//! rows and keeps the typesetting engine out of this crate's build.

mod csv;
mod figures;
mod figures_sheet;
mod index_json;
pub mod json;
mod period_spec;
mod register;
mod sheet;
mod tthc;
mod tthc_sheet;
mod xlsx;

pub use csv::{register_csv, tthc_csv};
pub use figures::{
    FEEDBACK_LABEL, FIGURE_COLUMNS, FIGURES_TITLE, FigureLine, FiguresJson, NO_FEEDBACK,
    PaidOnline, Ratings, feedback_line, feedback_text, figure_lines, figures_json, money,
};
pub use figures_sheet::{FIGURES_HEADER_ROW, figures_sheet};
pub use index_json::{
    GroupJson, Index766Json, IndicatorJson, LOSER_SAMPLE, Losers, SourceJson, index766_json,
    indicator_by_code,
};
pub use json::{columns_json, period_json};
pub use motcua_app::usecases::reports::{IndexReport, Register, RegisterRow, TthcReport};
pub use period_spec::{PeriodSpecError, parse_period, period_from};
pub use register::{
    REGISTER_COLUMNS, RegisterItemJson, RegisterJson, RegisterLine, register_desk_and_form,
    register_heading, register_json, register_lines, register_sheet,
};
pub use sheet::{CELL_MAX, Cell, Range, Sheet, Style, Value};
pub use tthc::{
    COLUMNS, ColumnLabel, RowKind, TthcFieldJson, TthcJson, TthcRow, TthcUnitJson, field_code,
    numbered, tthc_json, tthc_rows,
};
pub use tthc_sheet::tthc_sheet;
pub use xlsx::{ExportError, register_xlsx, tthc_xlsx, write_xlsx};

/// Media type of the XLSX exports.
pub const XLSX_MEDIA_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Media type of the CSV exports.
pub const CSV_MEDIA_TYPE: &str = "text/csv; charset=utf-8";

/// A file name for an export: `bao-cao-tthc_000.00.00.H99_2023-01-01_2023-11-30.xlsx`.
pub fn file_name(
    kind: &str,
    unit: &motcua_domain::ids::UnitCode,
    period: &motcua_domain::stats::Period,
    extension: &str,
) -> String {
    format!(
        "{kind}_{unit}_{}_{}.{extension}",
        period.from(),
        period.to()
    )
}
