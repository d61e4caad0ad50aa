//! A province with two wards, five dossiers counted in Tháng 11/2026 and one that is not, and a
//! small reader of the XLSX files written.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Unit, UnitKind};
use motcua_domain::stats::{Figures, Period, Record, Report};
use motcua_report::TthcReport;
use std::collections::BTreeMap;
use std::io::Read;

pub fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

pub fn code(s: &str) -> UnitCode {
    UnitCode::parse(s).unwrap()
}

pub fn unit(c: &str, name: &str, parent: Option<&str>) -> Unit {
    let mut path: Vec<UnitCode> = parent.iter().map(|p| code(p)).collect();
    path.push(code(c));
    Unit {
        code: code(c),
        name: name.into(),
        kind: if parent.is_some() {
            UnitKind::Ward
        } else {
            UnitKind::Province
        },
        parent: parent.map(code),
        path,
        calendar: "ccvc".into(),
        office_hours: String::new(),
        valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        valid_to: None,
        successor: None,
        address: String::new(),
        phone: String::new(),
    }
}

pub fn units() -> Vec<Unit> {
    vec![
        unit("T01", "Ủy ban nhân dân tỉnh Thử Nghiệm", None),
        unit("T01.W1", "Phường Một", Some("T01")),
        unit("T01.W2", "Phường Hai", Some("T01")),
    ]
}

/// Tháng 11/2026: 15/10/2026 – 14/11/2026.
pub fn period() -> Period {
    Period::month(2026, 11).unwrap()
}

/// Unit indexes: 0 province, 1 ward one, 2 ward two. Fields: 0 Chứng thực, 1 Hộ tịch.
pub fn records() -> Vec<Record> {
    let r = |unit, field, received, due, ended: Option<NaiveDateTime>, online| Record {
        due: Some(due),
        ended,
        online,
        ..Record::received_at(unit, field, received)
    };
    vec![
        // Ward one: online, ended a day before its due date: early.
        r(
            1,
            1,
            at(10, 20, 9),
            at(10, 23, 9),
            Some(at(10, 22, 9)),
            true,
        ),
        // Ward one: at the desk, ended on its due date before the due hour: on time.
        r(
            1,
            0,
            at(10, 20, 8),
            at(10, 20, 17),
            Some(at(10, 20, 16)),
            false,
        ),
        // Ward two: received before the period, still open, due long ago: carried over, overdue.
        r(2, 1, at(10, 1, 9), at(10, 5, 9), None, false),
        // Ward two: received near the end, due after it: not due.
        r(2, 1, at(11, 10, 9), at(11, 20, 9), None, false),
        // Province: ended after its due instant: late.
        r(
            0,
            0,
            at(10, 16, 9),
            at(10, 18, 9),
            Some(at(10, 25, 9)),
            false,
        ),
        // Ended before the period: not counted.
        r(1, 1, at(9, 1, 9), at(9, 5, 9), Some(at(9, 4, 9)), false),
    ]
}

pub fn report() -> TthcReport {
    let units = units();
    TthcReport {
        unit: units[0].clone(),
        units,
        fields: vec!["Chứng thực".into(), "Hộ tịch".into()],
        unit_fields: Vec::new(),
        report: Report::compute(period(), &records()),
        figures: Figures::compute(&period(), &records()),
    }
}

/// `A1`-style reference of a zero-based cell.
pub fn reference(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + u8::try_from(rem).unwrap()));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A written workbook, opened.
pub struct Xlsx {
    /// The worksheet's XML (`xl/worksheets/sheet1.xml` unless opened otherwise).
    pub sheet: String,
    /// What each cell of the sheet shows, by reference.
    pub cells: BTreeMap<String, String>,
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> String {
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text between `open…>` and `close` after `from`.
fn inner<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)?;
    let after = s[start..].find('>')? + start + 1;
    let end = s[after..].find(close)? + after;
    Some(&s[after..end])
}

impl Xlsx {
    pub fn open(bytes: &[u8]) -> Xlsx {
        Xlsx::open_sheet(bytes, 1)
    }

    /// The `n`-th worksheet (from 1) of a written workbook.
    pub fn open_sheet(bytes: &[u8], n: usize) -> Xlsx {
        assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip archive");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = part(&mut zip, &format!("xl/worksheets/sheet{n}.xml"));
        let shared: Vec<String> = if zip.by_name("xl/sharedStrings.xml").is_ok() {
            part(&mut zip, "xl/sharedStrings.xml")
                .split("<si>")
                .skip(1)
                .map(|si| unescape(inner(si, "<t", "</t>").unwrap_or("")))
                .collect()
        } else {
            Vec::new()
        };
        let mut cells = BTreeMap::new();
        for c in sheet.split("<c r=\"").skip(1) {
            let (reference, rest) = c.split_once('"').unwrap();
            let head = &rest[..rest.find('>').unwrap()];
            if head.ends_with('/') {
                continue;
            }
            let Some(v) = inner(rest, "<v", "</v>") else {
                continue;
            };
            let shown = if head.contains("t=\"s\"") {
                shared[v.parse::<usize>().unwrap()].clone()
            } else {
                v.to_owned()
            };
            cells.insert(reference.to_owned(), shown);
        }
        Xlsx { sheet, cells }
    }

    /// What a cell shows (`None` when blank).
    pub fn cell(&self, row: u32, col: u16) -> Option<&str> {
        self.cells.get(&reference(row, col)).map(String::as_str)
    }

    /// Whether `A1:B2`-style range `r` is merged.
    pub fn merged(&self, r: &str) -> bool {
        self.sheet.contains(&format!("<mergeCell ref=\"{r}\"/>"))
    }
}

/// A JSON export as a value, to index it like a client would.
pub fn value(export: impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(export).unwrap()
}
