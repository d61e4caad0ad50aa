//! The tracking register (Sổ theo dõi hồ sơ, Mẫu 06 of Thông tư 01/2018/TT-VPCP, Mẫu 07 of
//! Thông tư 03/2025/TT-VPCP): its lines as text (the CSV and JSON columns), its JSON, and its
//! sheet laid out like the form, which the XLSX and PDF exports both print.
//!
//! The form's column "Chuyển hồ sơ đến cơ quan giải quyết" records the hand-over of paper files,
//! which motcua does not track, so the sheet has four date columns rather than five.

use crate::json::{Channel, LocalInstant, PeriodJson, Status, TimeClass, UnitRef, period_json};
use crate::sheet::{Range, Sheet, Style};
use chrono::NaiveDateTime;
use motcua_app::usecases::reports::{Register, RegisterRow};
use motcua_domain::format;
use serde::Serialize;
use utoipa::ToSchema;

/// Columns of the CSV and JSON lines.
pub const REGISTER_COLUMNS: [&str; 14] = [
    "STT",
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Hình thức nộp",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Có kết quả giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Trạng thái",
    "Tình hình giải quyết",
];

/// One line of the register as text, in [`REGISTER_COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine(pub [String; 14]);

fn instant(t: Option<NaiveDateTime>) -> String {
    t.map(|t| format!("{} {}", format::date(t.date()), format::time(t)))
        .unwrap_or_default()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn line(stt: usize, r: &RegisterRow) -> RegisterLine {
    RegisterLine([
        stt.to_string(),
        r.code.to_string(),
        r.procedure_code.to_string(),
        r.procedure_name.clone(),
        r.applicant.clone(),
        r.contact.clone(),
        r.competent_unit.clone(),
        r.channel.label_vi().to_owned(),
        instant(Some(r.received_at)),
        instant(r.due_at),
        instant(r.ended_at),
        instant(r.returned_at),
        r.status.label_vi().to_owned(),
        capitalised(r.time_class.label_vi()),
    ])
}

/// The lines of the register, numbered from 1.
pub fn register_lines(r: &Register) -> Vec<RegisterLine> {
    r.rows
        .iter()
        .enumerate()
        .map(|(i, row)| line(i + 1, row))
        .collect()
}

/// Một hồ sơ của sổ theo dõi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = RegisterItem)]
pub struct RegisterItemJson {
    /// Mã hồ sơ.
    pub code: String,
    /// Mã thủ tục.
    pub procedure_code: String,
    /// Tên thủ tục.
    pub procedure_name: String,
    /// Tên cá nhân, tổ chức.
    pub applicant: String,
    /// Địa chỉ, số điện thoại.
    pub contact: String,
    /// Cơ quan chủ trì giải quyết.
    pub competent_unit: String,
    /// Hình thức nộp.
    pub channel: Channel,
    /// Thời điểm tiếp nhận.
    pub received_at: LocalInstant,
    /// Hạn trả kết quả; null khi đang tạm dừng.
    pub due_at: Option<LocalInstant>,
    /// Thời điểm có kết quả, dừng hoặc rút.
    pub ended_at: Option<LocalInstant>,
    /// Thời điểm trả kết quả.
    pub returned_at: Option<LocalInstant>,
    /// Trạng thái.
    pub status: Status,
    /// Tên trạng thái.
    pub status_label: &'static str,
    /// Tình hình giải quyết tại thời điểm `as_of`.
    pub time_class: TimeClass,
    /// Tên tình hình giải quyết.
    pub time_class_label: String,
}

/// Sổ theo dõi hồ sơ (Mẫu 06/07) của một đơn vị trong một kỳ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = Register)]
pub struct RegisterJson {
    /// Tên sổ.
    pub title: &'static str,
    /// Đơn vị (gồm các đơn vị trực thuộc).
    pub unit: UnitRef,
    /// Kỳ tiếp nhận.
    pub period: PeriodJson,
    /// Thời điểm xét tình hình giải quyết: cuối kỳ, hoặc hiện tại nếu sớm hơn.
    pub as_of: LocalInstant,
    /// Các hồ sơ, theo thời điểm tiếp nhận.
    pub items: Vec<RegisterItemJson>,
}

/// The register as JSON: the unit, the period, the instant time classes are taken at, and one
/// object per dossier with codes, instants (RFC 3339, +07:00, as everywhere in the API) and
/// Vietnamese labels.
pub fn register_json(r: &Register) -> RegisterJson {
    let items = r
        .rows
        .iter()
        .map(|row| RegisterItemJson {
            code: row.code.to_string(),
            procedure_code: row.procedure_code.to_string(),
            procedure_name: row.procedure_name.clone(),
            applicant: row.applicant.clone(),
            contact: row.contact.clone(),
            competent_unit: row.competent_unit.clone(),
            channel: row.channel.into(),
            received_at: row.received_at.into(),
            due_at: LocalInstant::opt(row.due_at),
            ended_at: LocalInstant::opt(row.ended_at),
            returned_at: LocalInstant::opt(row.returned_at),
            status: row.status.into(),
            status_label: row.status.label_vi(),
            time_class: row.time_class.into(),
            time_class_label: capitalised(row.time_class.label_vi()),
        })
        .collect();
    RegisterJson {
        title: "Sổ theo dõi hồ sơ",
        unit: UnitRef::from(&r.unit),
        period: period_json(&r.period),
        as_of: r.as_of.into(),
        items,
    }
}

/// Last column of the form's table.
const LAST: u16 = 12;
/// The top row of the table heading.
const HEADER: u32 = 4;
/// The second row of the table heading (the dates under "Ngày, tháng, năm").
const SECOND: u32 = HEADER + 1;
/// The row of column numbers (1)…(13).
const NUMBERS: u32 = SECOND + 1;

/// Row of the first dossier, under the heading.
const FIRST_LINE: u32 = NUMBERS + 1;

/// Headings of the form's columns spanning both heading rows, by column.
const SINGLE: [(u16, &str); 9] = [
    (0, "STT"),
    (1, "Mã hồ sơ"),
    (2, "Tên thủ tục hành chính"),
    (3, "Số lượng hồ sơ (bộ)"),
    (4, "Tên cá nhân, tổ chức"),
    (5, "Địa chỉ, số điện thoại"),
    (6, "Cơ quan chủ trì giải quyết"),
    (11, "Ký nhận"),
    (12, "Ghi chú"),
];

/// The date columns, under "Ngày, tháng, năm" on the second heading row.
const DATES: [(u16, &str); 4] = [
    (7, "Nhận hồ sơ"),
    (8, "Hẹn trả kết quả"),
    (9, "Nhận kết quả từ cơ quan giải quyết"),
    (10, "Trả kết quả cho cá nhân, tổ chức"),
];

/// The heading of every layout of the register (XLSX and PDF), its first seven rows:
/// the title, the reception dates, the unit and the forms it follows, the instant the status is
/// taken at, then the form's table heading — 13 columns, the dates grouped under
/// "Ngày, tháng, năm" on two rows, and the row of column numbers (1)…(13).
pub fn register_heading(r: &Register) -> Sheet {
    let mut s = Sheet::new("Sổ theo dõi hồ sơ");
    s.landscape = true;
    s.merge(Range::new(0, 0, 0, LAST), "SỔ THEO DÕI HỒ SƠ", Style::Title);
    s.merge(
        Range::new(1, 0, 1, LAST),
        format!(
            "Hồ sơ tiếp nhận từ ngày {} đến ngày {}",
            format::date(r.period.from()),
            format::date(r.period.to())
        ),
        Style::Subtitle,
    );
    s.merge(
        Range::new(2, 0, 2, 6),
        format!("Đơn vị: {}", r.unit.name),
        Style::Info,
    );
    s.merge(
        Range::new(2, 7, 2, LAST),
        "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP (Mẫu số 06 — Thông tư số 01/2018/TT-VPCP)",
        Style::InfoRight,
    );
    s.merge(
        Range::new(3, 0, 3, LAST),
        format!(
            "Tình hình giải quyết tính đến {} ngày {}",
            format::time(r.as_of),
            format::date(r.as_of.date())
        ),
        Style::Info,
    );
    for (col, label) in SINGLE {
        s.merge(Range::new(HEADER, col, SECOND, col), label, Style::Header);
    }
    s.merge(
        Range::new(HEADER, 7, HEADER, 10),
        "Ngày, tháng, năm",
        Style::Header,
    );
    for (col, label) in DATES {
        s.text(SECOND, col, label, Style::Header);
    }
    for col in 0..=LAST {
        s.text(NUMBERS, col, format!("({})", col + 1), Style::ColumnNumber);
    }
    s.heights = vec![(0, 24.0), (SECOND, 48.0)];
    s.repeat_rows = Some((HEADER, NUMBERS));
    s
}

/// The register laid out like the form, for every layout of it (XLSX and PDF): the
/// [`register_heading`], then one line per dossier from [`register_lines`] with an empty
/// "Ký nhận" cell to sign on paper and the status in "Ghi chú"; a line saying so when no dossier
/// was received.
pub fn register_sheet(r: &Register) -> Sheet {
    let mut s = register_heading(r);
    let lines = register_lines(r);
    let empty = lines.is_empty();
    for (row, l) in (FIRST_LINE..).zip(lines) {
        let [
            stt,
            code,
            _,
            procedure,
            applicant,
            contact,
            competent,
            _,
            received,
            due,
            ended,
            returned,
            status,
            class,
        ] = l.0;
        let cells = [
            (0u16, stt, Style::Centre),
            (1, code, Style::Text),
            (2, procedure, Style::Text),
            (3, "1".to_owned(), Style::Centre),
            (4, applicant, Style::Text),
            (5, contact, Style::Text),
            (6, competent, Style::Text),
            (7, received, Style::Centre),
            (8, due, Style::Centre),
            (9, ended, Style::Centre),
            (10, returned, Style::Centre),
            (11, String::new(), Style::Text),
            (
                12,
                format!("{status}; {}", class.to_lowercase()),
                Style::Text,
            ),
        ];
        for (col, text, style) in cells {
            s.text(row, col, text, style);
        }
    }
    if empty {
        s.merge(
            Range::new(FIRST_LINE, 0, FIRST_LINE, LAST),
            "Không có hồ sơ tiếp nhận trong kỳ.",
            Style::Centre,
        );
    }
    s.widths = vec![
        5.0, 22.0, 30.0, 8.0, 22.0, 24.0, 22.0, 12.0, 12.0, 12.0, 12.0, 10.0, 20.0,
    ];
    s
}
