//! PDF exports of the reports, A4 and in Vietnamese like the official forms: the periodic report
//! (Biểu II.06a/VPCP/KSTT, landscape, then its other figures), the Decision 766 index (portrait)
//! and the tracking register (Sổ theo dõi hồ sơ, landscape). Table headers repeat on every page;
//! pages are numbered `Trang x/y`.
//!
//! Each report is first built as [`Sheet`](motcua_report::Sheet)s, the model the XLSX export
//! uses (the periodic report is exactly the worksheets of its XLSX file), then typeset by Typst
//! with `templates/sheet.typ`. The data reaches the template as a JSON file, never as Typst
//! source, so names holding `#`, `*`, `[` or quotes print as they are. Only the fonts bundled
//! with Typst are used; nothing is read from the disk or the network.
//!
//! Laying out a report takes milliseconds to tens of milliseconds of CPU: servers should call
//! these functions off their async threads.

mod index766;
mod register;
mod sheet;
mod world;

use motcua_domain::format;
use motcua_domain::stats::{Period, PeriodKind};
use motcua_report::{IndexReport, Register, Sheet, TthcReport};
use typst::foundations::Smart;

/// A laid-out document: its pages and the frames on them.
pub use typst_layout::PagedDocument;

/// Media type of the PDF exports.
pub const PDF_MEDIA_TYPE: &str = "application/pdf";

/// The template every report is typeset with.
const TEMPLATE: &str = include_str!("../templates/sheet.typ");

/// A PDF export that could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The report could not be written as the template's data.
    #[error("không chuẩn bị được dữ liệu cho tệp PDF: {0}")]
    Data(#[from] serde_json::Error),
    /// The template could not lay the report out.
    #[error("không dàn trang được tệp PDF: {0}")]
    Layout(String),
    /// The pages could not be written as PDF.
    #[error("không ghi được tệp PDF: {0}")]
    Write(String),
}

/// `n` with `.` as the thousands separator: `1.049`.
fn integer(n: impl TryInto<i64>) -> String {
    format::integer(n.try_into().unwrap_or(i64::MAX))
}

/// `Kỳ báo cáo: Tháng 11/2026 (Từ ngày 15/10/2026 đến ngày 14/11/2026)`, as on Biểu II.06a.
fn period_line(p: &Period) -> String {
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

/// Lays out sheets, each from a new page with its table text at its size in points.
fn layout(sheets: &[(Sheet, f64)]) -> Result<PagedDocument, PdfError> {
    let data = sheet::document_data(sheets)?;
    world::layout(TEMPLATE, data).map_err(PdfError::Layout)
}

/// The periodic report laid out like its XLSX workbook: Biểu II.06a with the rows of every
/// export ([`motcua_report::tthc_rows`]), then the other figures from a new page.
pub fn tthc_layout(r: &TthcReport) -> Result<PagedDocument, PdfError> {
    layout(&[
        (motcua_report::tthc_sheet(r), 10.0),
        (motcua_report::figures_sheet(r), 10.0),
    ])
}

/// The Decision 766 index laid out: groups, indicators, figures, rates and points.
pub fn index766_layout(r: &IndexReport) -> Result<PagedDocument, PdfError> {
    layout(&[(index766::index766_sheet(r), 9.5)])
}

/// The tracking register laid out like the form, with the columns and heading of its XLSX file.
pub fn register_layout(r: &Register) -> Result<PagedDocument, PdfError> {
    layout(&[(register::register_sheet_pdf(r), 8.0)])
}

/// The bytes of a PDF file of laid-out pages. Files carry no creation date, so the same report
/// gives the same bytes.
pub fn write_pdf(document: &PagedDocument) -> Result<Vec<u8>, PdfError> {
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("motcua".into())),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        PdfError::Write(
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })
}

/// The periodic report as a PDF file: Biểu II.06a on A4 landscape, the other figures on A4
/// portrait.
pub fn tthc_pdf(r: &TthcReport) -> Result<Vec<u8>, PdfError> {
    write_pdf(&tthc_layout(r)?)
}

/// The Decision 766 index as a PDF file, A4 portrait.
pub fn index766_pdf(r: &IndexReport) -> Result<Vec<u8>, PdfError> {
    write_pdf(&index766_layout(r)?)
}

/// The tracking register as a PDF file, A4 landscape.
pub fn register_pdf(r: &Register) -> Result<Vec<u8>, PdfError> {
    write_pdf(&register_layout(r)?)
}
