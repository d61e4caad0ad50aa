//! The rows of the periodic report and its JSON form.

use crate::figures::{FiguresJson, figures_json};
use crate::json::{ColumnsJson, PeriodJson, UnitRef, columns_json, period_json};
use motcua_app::usecases::reports::TthcReport;
use motcua_domain::stats::Columns;
use serde::Serialize;
use utoipa::ToSchema;

/// Form number of the report.
pub const FORM: &str = "Biểu số II.06a/VPCP/KSTT";
/// Title of the report.
pub const TITLE: &str = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";

/// The 13 columns of the form (docs/rules.md §8): number, JSON key, group label, label.
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
    /// Một lĩnh vực, trên cả cây đơn vị.
    Field,
    /// A field of one unit's own dossiers, under that unit's row (when asked).
    UnitField,
}

/// The section of the form a row is listed in: units (with the fields under each) or fields.
fn section_of(kind: RowKind) -> RowKind {
    match kind {
        RowKind::Unit | RowKind::UnitField => RowKind::Unit,
        RowKind::Field => RowKind::Field,
    }
}

/// The rows of one section of the form (`RowKind::Unit`: section I, with the fields under each
/// unit; `RowKind::Field`: section II) with their STT: `1`, `2`, … and `1.1`, `1.2`, … for the
/// fields under unit 1.
pub fn numbered(rows: &[TthcRow], section: RowKind) -> Vec<(String, &TthcRow)> {
    let (mut n, mut k) = (0, 0);
    rows.iter()
        .filter(|r| section_of(r.kind) == section_of(section))
        .map(|r| {
            if r.kind == RowKind::UnitField {
                k += 1;
                (format!("{n}.{k}"), r)
            } else {
                (n, k) = (n + 1, 0);
                (n.to_string(), r)
            }
        })
        .collect()
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
/// lists them), each followed by the fields of its own dossiers when the report holds them,
/// then every field that has a dossier counted, by name.
pub fn tthc_rows(r: &TthcReport) -> Vec<TthcRow> {
    let top_depth = r.unit.path.len();
    let units = r.units.iter().zip(0u32..).flat_map(|(u, i)| {
        let depth = u.path.len().saturating_sub(top_depth);
        let unit = TthcRow {
            kind: RowKind::Unit,
            code: u.code.to_string(),
            name: u.name.clone(),
            depth,
            columns: r.report.unit(i),
        };
        let fields = r
            .unit_fields
            .iter()
            .filter(move |(unit, _)| *unit == i)
            .flat_map(|(_, rows)| rows.iter())
            .filter_map(move |(f, columns)| {
                let name = r.fields.get(*f as usize)?;
                Some(TthcRow {
                    kind: RowKind::UnitField,
                    code: field_code(name),
                    name: name.clone(),
                    depth: depth + 1,
                    columns: *columns,
                })
            });
        std::iter::once(unit).chain(fields)
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

/// Một cột của biểu: số thứ tự, khóa JSON, nhóm và tên.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ReportColumnLabel)]
pub struct ColumnLabel {
    /// Số thứ tự cột trên biểu (1–13).
    pub number: u8,
    /// Khóa trong JSON, ví dụ `received.online`.
    pub key: &'static str,
    /// Nhóm cột.
    pub group: &'static str,
    /// Tên cột.
    pub label: &'static str,
}

/// Một đơn vị của cây: hồ sơ của chính đơn vị đó, không gồm đơn vị con.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = TthcUnitRow)]
pub struct TthcUnitJson {
    /// Các cột (3)–(13).
    #[serde(flatten)]
    pub columns: ColumnsJson,
    /// Mã đơn vị.
    pub code: String,
    /// Tên đơn vị.
    pub name: String,
    /// Mã đơn vị cha.
    pub parent: Option<String>,
    /// Độ sâu so với đơn vị báo cáo (0 là chính đơn vị đó).
    pub depth: usize,
    /// Các lĩnh vực của hồ sơ của chính đơn vị này, theo tên; chỉ có khi yêu cầu
    /// `fields_by_unit=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<TthcFieldJson>>,
}

/// Một lĩnh vực, trên cả cây đơn vị.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = TthcFieldRow)]
pub struct TthcFieldJson {
    /// Các cột (3)–(13).
    #[serde(flatten)]
    pub columns: ColumnsJson,
    /// Mã lĩnh vực (tên bỏ dấu, nối bằng `-`).
    #[schema(example = "ho-tich")]
    pub code: String,
    /// Tên lĩnh vực.
    pub name: String,
}

/// Biểu II.06a: tổng của cây đơn vị ở mức trên cùng, các cột của từng đơn vị và từng lĩnh
/// vực, kỳ, đơn vị báo cáo, tên các cột và các chỉ tiêu khác.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = TthcReport)]
pub struct TthcJson {
    /// Tổng của đơn vị và các đơn vị trực thuộc, cột (3)–(13).
    #[serde(flatten)]
    pub total: ColumnsJson,
    /// Số hiệu biểu mẫu.
    pub form: &'static str,
    /// Tên biểu.
    pub title: &'static str,
    /// Kỳ báo cáo.
    pub period: PeriodJson,
    /// Đơn vị báo cáo.
    pub unit: UnitRef,
    /// 13 cột của biểu.
    pub columns: Vec<ColumnLabel>,
    /// Từng đơn vị của cây, theo thứ tự cây.
    pub units: Vec<TthcUnitJson>,
    /// Từng lĩnh vực có hồ sơ, theo tên.
    pub fields: Vec<TthcFieldJson>,
    /// Các chỉ tiêu khác.
    pub figures: FiguresJson,
}

/// The report as JSON ([`TthcJson`]).
pub fn tthc_json(r: &TthcReport) -> TthcJson {
    let rows = tthc_rows(r);
    let mut parents = r
        .units
        .iter()
        .map(|u| u.parent.as_ref().map(ToString::to_string));
    let asked = !r.unit_fields.is_empty();
    let mut units: Vec<TthcUnitJson> = Vec::with_capacity(r.units.len());
    for row in &rows {
        match row.kind {
            RowKind::Unit => units.push(TthcUnitJson {
                columns: columns_json(&row.columns),
                code: row.code.clone(),
                name: row.name.clone(),
                parent: parents.next().flatten(),
                depth: row.depth,
                fields: asked.then(Vec::new),
            }),
            RowKind::UnitField => {
                if let Some(fields) = units.last_mut().and_then(|u| u.fields.as_mut()) {
                    fields.push(field_json(row));
                }
            }
            RowKind::Field => {}
        }
    }
    let fields = rows
        .iter()
        .filter(|row| row.kind == RowKind::Field)
        .map(field_json)
        .collect();
    let columns = COLUMNS
        .iter()
        .map(|&(number, key, group, label)| ColumnLabel {
            number,
            key,
            group,
            label,
        })
        .collect();
    TthcJson {
        total: columns_json(&r.report.total),
        form: FORM,
        title: TITLE,
        period: period_json(r.period()),
        unit: UnitRef::from(&r.unit),
        columns,
        units,
        fields,
        figures: figures_json(&r.figures),
    }
}

fn field_json(row: &TthcRow) -> TthcFieldJson {
    TthcFieldJson {
        columns: columns_json(&row.columns),
        code: row.code.clone(),
        name: row.name.clone(),
    }
}
