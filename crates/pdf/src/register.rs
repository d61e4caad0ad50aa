//! The tracking register (Sổ theo dõi hồ sơ) as printed: exactly the sheet of its XLSX file
//! ([`motcua_report::register_sheet`]) — the form's 14 columns under the shared
//! [`motcua_report::register_heading`], with an empty "Ký nhận" cell to sign — on A4 landscape.

use motcua_report::{Register, Sheet, register_sheet};

/// Relative widths of the 14 columns on the page; the dates fit on two lines (date, then time).
const WIDTHS: [f64; 14] = [
    3.5, 12.5, 17.0, 5.0, 13.0, 15.0, 12.0, 9.0, 9.0, 9.0, 9.0, 9.0, 7.5, 14.0,
];

/// The register laid out on A4 landscape.
pub(crate) fn register_sheet_pdf(r: &Register) -> Sheet {
    let mut s = register_sheet(r);
    // The XLSX widths are in characters of a spreadsheet; on paper the dates take less room.
    if s.widths.len() == WIDTHS.len() {
        s.widths = WIDTHS.to_vec();
    }
    s
}
