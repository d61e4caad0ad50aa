//! CSV exports: UTF-8 with a byte-order mark (so Excel reads the Vietnamese letters), commas,
//! CRLF line ends, fields quoted when needed (RFC 4180). Made for spreadsheets, a field follows
//! their cell limit ([`CELL_MAX`]) like the XLSX export: a longer stored text is cut with the
//! mark. The JSON exports keep every text whole.

use crate::register::{REGISTER_COLUMNS, register_lines};
use crate::sheet::CELL_MAX;
use crate::tthc::{COLUMNS, RowKind, numbered, tthc_rows};
use motcua_app::usecases::reports::{Register, TthcReport};
use motcua_domain::format::bounded_by;

const BOM: &str = "\u{feff}";

/// One field: quoted when it holds a comma, a quote or a line break; text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
fn field(out: &mut String, text: &str) {
    let text = &*bounded_by(text, CELL_MAX, char::len_utf16);
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = formula || text.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

/// Header of column `number`: `(4) Số hồ sơ nhận giải quyết: Trực tuyến`.
fn header(number: u8, group: &str, label: &str) -> String {
    if group.is_empty() {
        format!("({number}) {label}")
    } else {
        format!("({number}) {group}: {label}")
    }
}

/// The periodic report as CSV: a header row with the column numbers 1–13, then the rows of the
/// form (sections `I` units and `II` fields, numbered), then `Tổng cộng`.
pub fn tthc_csv(r: &TthcReport) -> String {
    let mut out = String::from(BOM);
    let head: Vec<String> = COLUMNS
        .iter()
        .map(|(n, _, group, label)| header(*n, group, label))
        .collect();
    record(&mut out, &head);
    let rows = tthc_rows(r);
    for (numeral, kind, title) in [
        ("I", RowKind::Unit, "Theo đơn vị"),
        ("II", RowKind::Field, "Theo lĩnh vực"),
    ] {
        record(&mut out, &[numeral, title]);
        for (stt, row) in numbered(&rows, kind) {
            let mut fields = vec![stt, row.name.clone()];
            fields.extend(row.columns.row().iter().map(ToString::to_string));
            record(&mut out, &fields);
        }
    }
    let mut total = vec![String::new(), "Tổng cộng".to_owned()];
    total.extend(r.report.total.row().iter().map(ToString::to_string));
    record(&mut out, &total);
    out
}

/// The tracking register as CSV: a header row, then one row per dossier by reception.
pub fn register_csv(r: &Register) -> String {
    let mut out = String::from(BOM);
    record(&mut out, &REGISTER_COLUMNS);
    for line in register_lines(r) {
        record(&mut out, &line.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> String {
        let mut out = String::new();
        field(&mut out, text);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_needed_and_formulas_are_defused() {
        assert_eq!(one("Hộ tịch"), "Hộ tịch");
        assert_eq!(one("Trực tiếp, bưu chính"), "\"Trực tiếp, bưu chính\"");
        assert_eq!(one("Nói \"có\""), "\"Nói \"\"có\"\"\"");
        assert_eq!(one("=HYPERLINK(1)"), "\"'=HYPERLINK(1)\"");
        assert_eq!(one("-5"), "\"'-5\"");
    }
}
