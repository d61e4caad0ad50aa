//! The rows of the periodic report and its JSON form.

use crate::figures::figures_json;
use motcua_app::usecases::reports::TthcReport;
use motcua_domain::stats::{Columns, Period};
use serde_json::{Value, json};

/// Form number of the report.
pub const FORM: &str = "Biểu số II.06a/VPCP/KSTT";
/// Title of the report.
pub const TITLE: &str = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";

/// The 13 columns of the form (RULES §8): number, JSON key, group label, label.
pub const COLUMNS: [(u8, &str, &str, &str); 13] = [
    (1, "stt", "", "STT"),
    (2, "name", "", "Đơn vị / Lĩnh vực"),
    (3, "received.total", RECEIVED, "Tổng số"),
    (4, "received.online", RECEIVED, "Trực tuyến"),
    (
        5,
        "received.direct_postal",
        RECEIVED,
        "Trực tiếp, dịch vụ bưu chính",
    ),
    (6, "received.carried_over", RECEIVED, "Từ kỳ trước"),
    (7, "resolved.total", RESOLVED, "Tổng số"),
    (8, "resolved.early", RESOLVED, "Trước hạn"),
    (9, "resolved.on_time", RESOLVED, "Đúng hạn"),
    (10, "resolved.late", RESOLVED, "Quá hạn"),
    (11, "pending.total", PENDING, "Tổng số"),
    (12, "pending.not_due", PENDING, "Trong hạn"),
    (13, "pending.overdue", PENDING, "Quá hạn"),
];

/// Group of columns 3–6.
pub const RECEIVED: &str = "Số hồ sơ nhận giải quyết";
/// Group of columns 7–10.
pub const RESOLVED: &str = "Số hồ sơ đã giải quyết";
/// Group of columns 11–13.
pub const PENDING: &str = "Số hồ sơ đang giải quyết";

/// Which part of the report a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A unit of the subtree (its own dossiers, not its children's).
    Unit,
    /// A field (lĩnh vực) over the whole subtree.
    Field,
}

/// One row of the report as every export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TthcRow {
    /// Unit or field.
    pub kind: RowKind,
    /// Unit code, or the field's code ([`field_code`]).
    pub code: String,
    /// Name.
    pub name: String,
    /// Depth below the reporting unit (0 for it and for fields).
    pub depth: usize,
    /// Columns 3–13.
    pub columns: Columns,
}

/// A stable code for a field name: folded to ASCII, words joined by `-` (`Hộ tịch` → `ho-tich`).
pub fn field_code(name: &str) -> String {
    let folded = motcua_domain::text::fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

/// The rows of a report: every unit of the subtree in tree order (zeros included, as the form
/// lists them), then every field that has a dossier counted, by name.
pub fn tthc_rows(r: &TthcReport) -> Vec<TthcRow> {
    let top_depth = r.unit.path.len();
    let units = r.units.iter().zip(0u32..).map(|(u, i)| TthcRow {
        kind: RowKind::Unit,
        code: u.code.to_string(),
        name: u.name.clone(),
        depth: u.path.len().saturating_sub(top_depth),
        columns: r.report.unit(i),
    });
    let fields = r.report.fields.iter().filter_map(|(i, columns)| {
        let name = r.fields.get(*i as usize)?;
        Some(TthcRow {
            kind: RowKind::Field,
            code: field_code(name),
            name: name.clone(),
            depth: 0,
            columns: *columns,
        })
    });
    units.chain(fields).collect()
}

/// The period as JSON: dates, how it was defined, its Vietnamese name and label.
pub fn period_json(p: &Period) -> Value {
    json!({
        "from": p.from(),
        "to": p.to(),
        "kind": p.kind(),
        "name": p.name_vi(),
        "label": p.label_vi(),
        "dates": p.dates_vi(),
    })
}

/// Columns 3–13 as the three JSON groups.
pub fn columns_json(c: &Columns) -> Value {
    json!({
        "received": {
            "total": c.received_total(),
            "online": c.received_online,
            "direct_postal": c.received_direct,
            "carried_over": c.carried_over,
        },
        "resolved": {
            "total": c.resolved_total(),
            "early": c.early,
            "on_time": c.on_time,
            "late": c.late,
        },
        "pending": {
            "total": c.pending_total(),
            "not_due": c.not_due,
            "overdue": c.overdue,
        },
    })
}

fn row_json(row: &TthcRow, parent: Option<String>) -> Value {
    let mut v = columns_json(&row.columns);
    if let Some(map) = v.as_object_mut() {
        map.insert("code".into(), json!(row.code));
        map.insert("name".into(), json!(row.name));
        if row.kind == RowKind::Unit {
            map.insert("parent".into(), json!(parent));
            map.insert("depth".into(), json!(row.depth));
        }
    }
    v
}

/// The report as JSON: the subtree's totals at the top level (`received`, `resolved`,
/// `pending`), the same object per unit under `units` and per field under `fields`, the period,
/// the reporting unit, the Vietnamese column labels, and the other figures under `figures`
/// ([`figures_json`]).
pub fn tthc_json(r: &TthcReport) -> Value {
    let rows = tthc_rows(r);
    let parents = r
        .units
        .iter()
        .map(|u| u.parent.as_ref().map(ToString::to_string));
    let units: Vec<Value> = rows
        .iter()
        .filter(|row| row.kind == RowKind::Unit)
        .zip(parents)
        .map(|(row, parent)| row_json(row, parent))
        .collect();
    let fields: Vec<Value> = rows
        .iter()
        .filter(|row| row.kind == RowKind::Field)
        .map(|row| row_json(row, None))
        .collect();
    let columns: Vec<Value> = COLUMNS
        .iter()
        .map(|(number, key, group, label)| {
            json!({ "number": number, "key": key, "group": group, "label": label })
        })
        .collect();
    let mut v = columns_json(&r.report.total);
    if let Some(map) = v.as_object_mut() {
        map.insert("form".into(), json!(FORM));
        map.insert("title".into(), json!(TITLE));
        map.insert("period".into(), period_json(r.period()));
        map.insert(
            "unit".into(),
            json!({ "code": r.unit.code, "name": r.unit.name }),
        );
        map.insert("columns".into(), json!(columns));
        map.insert("units".into(), json!(units));
        map.insert("fields".into(), json!(fields));
        map.insert("figures".into(), figures_json(&r.figures));
    }
    v
}
