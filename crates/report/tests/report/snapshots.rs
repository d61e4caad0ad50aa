//! Snapshot tests (issue 4, acceptance 9): the JSON of the periodic report, every cell and merged
//! range of its XLSX workbook, and the JSON of the Decision 766 index, each rendered as text and
//! compared with a file committed under `tests/report/snapshots/`.
//!
//! The report is hand-made so that every column of Biểu II.06a and every other figure has a
//! value that can be checked by hand: a province whose two wards and itself received dossiers in
//! Tháng 11/2026 (15/10/2026 – 14/11/2026), a commune with none, two fields with dossiers and a
//! third without any counted.
//!
//! After an intended change of an export, regenerate the files with
//! `UPDATE_SNAPSHOTS=1 cargo nextest run -p motcua-report snapshots`, then read the diff: a
//! snapshot that records a wrong value is a defect, not a reference.

use crate::support::{Xlsx, at, period, unit, value};
use motcua_domain::ids::DossierCode;
use motcua_domain::org::{Unit, UnitKind};
use motcua_domain::stats::{
    CatalogueFacts, Figures, Index766, IndexWeights, IndicatorId, Rating, Record, Report, Source,
    losers,
};
use motcua_report::{IndexReport, TthcReport, index766_json, tthc_json, tthc_xlsx};
use serde_json::Value;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// The snapshot helper.

/// Where the snapshot `name` is kept.
fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/report/snapshots")
        .join(name)
}

/// Compares `actual` with the snapshot `name`; with `UPDATE_SNAPSHOTS=1`, writes it instead.
fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let update = "if the change is intended, run \
                  `UPDATE_SNAPSHOTS=1 cargo nextest run -p motcua-report snapshots` \
                  and review the diff of the file";
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) => panic!(
            "snapshot {} cannot be read ({e}); to create it, run \
             `UPDATE_SNAPSHOTS=1 cargo nextest run -p motcua-report snapshots`",
            path.display()
        ),
    };
    if expected == actual {
        return;
    }
    let (want, got): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), actual.lines().collect());
    let line = (0..want.len().max(got.len()))
        .find(|&i| want.get(i) != got.get(i))
        .unwrap_or(want.len().min(got.len()));
    let show = |l: Option<&&str>| l.map_or_else(|| "<end of text>".to_owned(), |s| s.to_string());
    panic!(
        "snapshot {} differs, first at line {}:\n  expected: {}\n  actual:   {}\n\
         ({} lines expected, {} got); {update}",
        path.display(),
        line + 1,
        show(want.get(line)),
        show(got.get(line)),
        want.len(),
        got.len(),
    );
}

/// `value` with its object keys sorted at every level, whatever the features of `serde_json`.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// JSON as the snapshots keep it: sorted keys, two-space indents, a final newline.
fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(&sorted(value)).unwrap() + "\n"
}

// ---------------------------------------------------------------------------------------------
// Reading a workbook back as text.

/// Zero-based (row, column) of an `A1`-style reference.
fn position(reference: &str) -> (u32, u32) {
    let split = reference.find(|c: char| c.is_ascii_digit()).unwrap();
    let (letters, digits) = reference.split_at(split);
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (digits.parse::<u32>().unwrap() - 1, col - 1)
}

/// Names of the worksheets of a workbook, in tab order.
fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    workbook
        .split("<sheet ")
        .skip(1)
        .map(|s| {
            let start = s.find("name=\"").unwrap() + "name=\"".len();
            let len = s[start..].find('"').unwrap();
            s[start..start + len].replace("&amp;", "&")
        })
        .collect()
}

/// Every worksheet of a workbook: its name and orientation, its merged ranges, and every cell
/// that shows something, by row then column, each as `text` (a shared string) or `number`.
fn workbook_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, name) in (1..).zip(sheet_names(bytes)) {
        let sheet = Xlsx::open_sheet(bytes, n);
        let orientation = if sheet.sheet.contains("orientation=\"landscape\"") {
            "landscape"
        } else {
            "portrait"
        };
        writeln!(out, "== sheet {n}: {name} ({orientation})").unwrap();
        let mut merges: Vec<&str> = sheet
            .sheet
            .split("<mergeCell ref=\"")
            .skip(1)
            .map(|m| &m[..m.find('"').unwrap()])
            .collect();
        merges.sort_by_key(|m| position(m.split(':').next().unwrap()));
        for m in merges {
            writeln!(out, "merged {m}").unwrap();
        }
        let mut cells: Vec<(&String, &String)> = sheet.cells.iter().collect();
        cells.sort_by_key(|(r, _)| position(r));
        for (reference, value) in cells {
            let head = sheet.sheet.split(&format!("<c r=\"{reference}\"")).nth(1);
            let head = head.map_or("", |h| &h[..h.find('>').unwrap()]);
            let kind = if head.contains("t=\"s\"") {
                "text"
            } else {
                "number"
            };
            let value = value.replace('\n', "\\n");
            writeln!(out, "{reference:<5} {kind:<6} {value}").unwrap();
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The hand-made report.

/// Unit indexes: 0 the province, 1 Phường Một, 2 Phường Hai, 3 Xã Ba (no dossier).
fn units() -> Vec<Unit> {
    vec![
        unit("T01", "Ủy ban nhân dân tỉnh Thử Nghiệm", None),
        unit("T01.W1", "Phường Một", Some("T01")),
        unit("T01.W2", "Phường Hai", Some("T01")),
        Unit {
            kind: UnitKind::Commune,
            ..unit("T01.X3", "Xã Ba", Some("T01"))
        },
    ]
}

/// Field indexes: 0 Chứng thực, 1 Hộ tịch, 2 Đất đai (nothing counted in the period).
fn fields() -> Vec<String> {
    vec!["Chứng thực".into(), "Hộ tịch".into(), "Đất đai".into()]
}

/// The dossiers, with what each one counts for in Tháng 11/2026 (15/10 – 14/11/2026).
///
/// | # | unit | field | channel | received | ended | class | other |
/// |---|------|-------|---------|----------|-------|-------|-------|
/// | 1 | W1 | CT | online | 20/10 | 22/10, due 23/10 | early | fee paid online 17.266; digitised; e-result; rất hài lòng |
/// | 2 | W1 | HT | online | 21/10 | 23/10, due 24/10 | early | fee paid online 1.250.000; digitised; e-result; reused data; hài lòng |
/// | 3 | W1 | HT | desk | 22/10 8h | 22/10 16h, due 17h | on time | fee paid at the desk; bình thường |
/// | 4 | W1 | CT | online | 01/10 (carried over) | 20/10, due 05/10 | late | fee paid online 50.000 (not counted: carried over); apology; không hài lòng |
/// | 5 | W2 | HT | desk | 01/10 (carried over) | open, due 05/10 | overdue | |
/// | 6 | W2 | HT | desk | 10/11 | open, due 20/11 | not due | |
/// | 7 | W2 | CT | online | 03/11 | open, due 06/11 | overdue | digitised |
/// | 8 | T01 | CT | desk | 16/10 | 25/10, due 18/10 | late | e-result; apology; rất hài lòng |
/// | 9 | X3 | ĐĐ | desk | 01/09 | 04/09 | not counted: ended before the period | |
/// | 10 | X3 | ĐĐ | online | 20/11 | open | not counted: received after the period | |
fn records() -> Vec<Record> {
    let base = |unit, field, received, due, ended: Option<_>, online| Record {
        due: Some(due),
        ended,
        online,
        ..Record::received_at(unit, field, received)
    };
    let paid = |r: Record, vnd: u64, online: bool| Record {
        fee_bearing: true,
        paid_online: online,
        paid_online_vnd: if online { vnd } else { 0 },
        ..r
    };
    vec![
        Record {
            digitised: true,
            e_result: true,
            rating: Some(Rating::RatHaiLong),
            ..paid(
                base(
                    1,
                    0,
                    at(10, 20, 9),
                    at(10, 23, 9),
                    Some(at(10, 22, 9)),
                    true,
                ),
                17_266,
                true,
            )
        },
        Record {
            digitised: true,
            e_result: true,
            reused_data: true,
            rating: Some(Rating::HaiLong),
            ..paid(
                base(
                    1,
                    1,
                    at(10, 21, 9),
                    at(10, 24, 9),
                    Some(at(10, 23, 9)),
                    true,
                ),
                1_250_000,
                true,
            )
        },
        Record {
            rating: Some(Rating::BinhThuong),
            ..paid(
                base(
                    1,
                    1,
                    at(10, 22, 8),
                    at(10, 22, 17),
                    Some(at(10, 22, 16)),
                    false,
                ),
                30_000,
                false,
            )
        },
        Record {
            apology: true,
            rating: Some(Rating::KhongHaiLong),
            ..paid(
                base(1, 0, at(10, 1, 9), at(10, 5, 9), Some(at(10, 20, 9)), true),
                50_000,
                true,
            )
        },
        base(2, 1, at(10, 1, 9), at(10, 5, 9), None, false),
        base(2, 1, at(11, 10, 9), at(11, 20, 9), None, false),
        Record {
            digitised: true,
            ..base(2, 0, at(11, 3, 9), at(11, 6, 9), None, true)
        },
        Record {
            e_result: true,
            apology: true,
            rating: Some(Rating::RatHaiLong),
            ..base(
                0,
                0,
                at(10, 16, 9),
                at(10, 18, 9),
                Some(at(10, 25, 9)),
                false,
            )
        },
        base(3, 2, at(9, 1, 9), at(9, 5, 9), Some(at(9, 4, 9)), false),
        base(3, 2, at(11, 20, 9), at(11, 25, 9), None, true),
    ]
}

fn report() -> TthcReport {
    let units = units();
    TthcReport {
        unit: units[0].clone(),
        units,
        fields: fields(),
        unit_fields: Vec::new(),
        report: Report::compute(period(), &records()),
        figures: Figures::compute(&period(), &records()),
    }
}

/// The index of the same dossiers, with a catalogue of 12 procedures, 11 with every constituent
/// part, 9 online (4 used in the period), 5 fee-bearing of which 3 take online payment.
fn index_report() -> IndexReport {
    let records = records();
    let catalogue = CatalogueFacts {
        procedures_total: 12,
        procedures_online: 9,
        procedures_online_used: 4,
        procedures_fee_bearing: 5,
        procedures_fee_online: 3,
        procedures_complete: 11,
        ..CatalogueFacts::default()
    };
    let index = Index766::compute(period(), &records, &catalogue, &IndexWeights::default());
    let codes: Vec<DossierCode> = (1..=records.len())
        .map(|i| DossierCode::parse(&format!("T01.W1-261020-{i:04}")).unwrap())
        .collect();
    let losers = IndicatorId::ALL
        .into_iter()
        .filter(|id| id.source() == Source::Records)
        .map(|id| (id, losers(&period(), &records, id)))
        .collect();
    IndexReport {
        unit: units()[0].clone(),
        index,
        codes,
        losers,
    }
}

// ---------------------------------------------------------------------------------------------
// The snapshots.

#[test]
fn the_json_of_the_periodic_report_matches_its_snapshot() {
    assert_snapshot("tthc.json", &pretty(&value(tthc_json(&report()))));
}

#[test]
fn the_cells_of_the_xlsx_workbook_match_their_snapshot() {
    let bytes = tthc_xlsx(&report()).unwrap();
    assert_snapshot("tthc-xlsx.txt", &workbook_text(&bytes));
}

#[test]
fn the_json_of_the_766_index_matches_its_snapshot() {
    assert_snapshot(
        "index766.json",
        &pretty(&value(index766_json(&index_report()))),
    );
}

#[test]
fn the_snapshot_helper_names_the_first_differing_line() {
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        return; // Writing, not comparing: nothing to check, and nothing wrong to write.
    }
    let text = workbook_text(&tthc_xlsx(&report()).unwrap());
    let changed = text.replacen("Tổng cộng", "Tong cong", 1);
    let result = std::panic::catch_unwind(|| assert_snapshot("tthc-xlsx.txt", &changed));
    let message = *result.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("actual:   A"), "{message}");
    assert!(message.contains("Tong cong"), "{message}");
    assert!(message.contains("UPDATE_SNAPSHOTS=1"), "{message}");
}
