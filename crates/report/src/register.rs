//! The tracking register (Sổ theo dõi hồ sơ, Mẫu 06 of Thông tư 01/2018/TT-VPCP, Mẫu 07 of
//! Thông tư 03/2025/TT-VPCP): its lines as text (the CSV and JSON columns), its JSON, and its
//! sheet laid out like the form, which the XLSX and PDF exports both print.
//!
//! The columns are the form's: the number of sets (one per dossier), the five dates (received,
//! appointment, handed over to the resolving body, result received from it, returned), an empty
//! "Ký nhận" to sign on paper and "Ghi chú". An apology's new appointment stands in place of
//! the appointment, with the old one in the note. The heading follows the rules of the dossiers
//! listed: Bộ phận Một cửa and Mẫu 06 under Nghị định 61/2018/NĐ-CP, Trung tâm Phục vụ hành
//! chính công and Mẫu 07 under Nghị định 118/2025/NĐ-CP (docs/rules.md §1.2–§1.4).

use crate::json::{Channel, LocalInstant, PeriodJson, Status, TimeClass, UnitRef, period_json};
use crate::sheet::{Range, Sheet, Style};
use chrono::{Datelike, NaiveDateTime};
use motcua_app::usecases::reports::{Register, RegisterRow};
use motcua_domain::format;
use serde::Serialize;
use utoipa::ToSchema;

/// Columns of the CSV and JSON lines.
pub const REGISTER_COLUMNS: [&str; 18] = [
    "STT",
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Hình thức nộp",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ký nhận",
    "Ghi chú",
    "Trạng thái",
    "Tình hình giải quyết",
];

/// One line of the register as text, in [`REGISTER_COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine(pub [String; 18]);

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

/// The appointment the register shows: an apology's new one, else the due instant.
fn appointment(r: &RegisterRow) -> Option<NaiveDateTime> {
    r.apology.as_ref().map(|a| a.new_date).or(r.due_at)
}

/// The note of a rescheduled dossier: the apology's date and the old appointment.
fn note(r: &RegisterRow) -> String {
    r.apology.as_ref().map_or_else(String::new, |a| {
        let old = r
            .due_at
            .map(|d| format!("; hẹn cũ {}", instant(Some(d))))
            .unwrap_or_default();
        format!(
            "Hẹn lại theo văn bản xin lỗi ngày {}{old}",
            format::date(a.at.date())
        )
    })
}

fn line(stt: usize, r: &RegisterRow) -> RegisterLine {
    RegisterLine([
        stt.to_string(),
        r.code.to_string(),
        r.procedure_code.to_string(),
        r.procedure_name.clone(),
        "1".to_owned(),
        r.applicant.clone(),
        r.contact.clone(),
        r.competent_unit.clone(),
        r.channel.label_vi().to_owned(),
        instant(Some(r.received_at)),
        instant(appointment(r)),
        instant(r.handed_over_at),
        instant(r.ended_at),
        instant(r.returned_at),
        String::new(),
        note(r),
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
    /// Ngày hẹn trả ghi trên sổ: ngày hẹn mới của văn bản xin lỗi nếu có, nếu không là hạn trả.
    pub appointment: Option<LocalInstant>,
    /// Thời điểm chuyển hồ sơ đến cơ quan giải quyết (kết thúc bước tiếp nhận).
    pub handed_over_at: Option<LocalInstant>,
    /// Ghi chú: hẹn lại theo văn bản xin lỗi và ngày hẹn cũ.
    pub note: String,
    /// Thời điểm nhận kết quả từ cơ quan giải quyết (có kết quả), dừng hoặc rút.
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
            appointment: LocalInstant::opt(appointment(row)),
            handed_over_at: LocalInstant::opt(row.handed_over_at),
            note: note(row),
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
const LAST: u16 = 13;
/// The top row of the table heading.
const HEADER: u32 = 4;
/// The second row of the table heading (the dates under "Ngày, tháng, năm").
const SECOND: u32 = HEADER + 1;
/// The row of column numbers (1)…(14).
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
    (12, "Ký nhận"),
    (13, "Ghi chú"),
];

/// The date columns, under "Ngày, tháng, năm" on the second heading row.
const DATES: [(u16, &str); 5] = [
    (7, "Nhận hồ sơ"),
    (8, "Hẹn trả kết quả"),
    (9, "Chuyển hồ sơ đến cơ quan giải quyết"),
    (10, "Nhận kết quả từ cơ quan giải quyết"),
    (11, "Trả kết quả cho cá nhân, tổ chức"),
];

/// The desk and the form of the register, by the rules of the dossiers listed (by the end of
/// the period when none is): Bộ phận Một cửa and Mẫu 06 of 2018, Trung tâm Phục vụ hành chính
/// công and Mẫu 07 of 2025, or both when the register holds dossiers under each.
pub fn register_desk_and_form(r: &Register) -> (&'static str, &'static str) {
    const DESK_2018: &str = "Bộ phận Một cửa";
    const DESK_2025: &str = "Trung tâm Phục vụ hành chính công";
    const FORM_2018: &str = "Mẫu số 06 — Thông tư số 01/2018/TT-VPCP";
    const FORM_2025: &str = "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP";
    let old = |v: &str| v.starts_with("61/");
    let any_old = r.rows.iter().any(|row| old(&row.rule_version));
    let any_new = r.rows.iter().any(|row| !old(&row.rule_version));
    let to = r.period.to();
    let new_period = (to.year(), to.month()) >= (2025, 7);
    match (any_old, any_new) {
        (true, true) => (
            "Bộ phận Một cửa / Trung tâm Phục vụ hành chính công",
            "Mẫu số 06 — Thông tư số 01/2018/TT-VPCP (hồ sơ tiếp nhận trước 01/7/2025); \
             Mẫu số 07 — Thông tư số 03/2025/TT-VPCP",
        ),
        (true, false) => (DESK_2018, FORM_2018),
        (false, true) => (DESK_2025, FORM_2025),
        (false, false) if new_period => (DESK_2025, FORM_2025),
        (false, false) => (DESK_2018, FORM_2018),
    }
}

/// The heading of every layout of the register (XLSX and PDF), its first seven rows:
/// the title, the reception dates, the unit and the forms it follows, the instant the status is
/// taken at, then the form's table heading — 14 columns, the dates grouped under
/// "Ngày, tháng, năm" on two rows, and the row of column numbers (1)…(14).
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
    let (desk, form) = register_desk_and_form(r);
    s.merge(
        Range::new(2, 0, 2, 6),
        format!("{desk}: {}", r.unit.name),
        Style::Info,
    );
    s.merge(Range::new(2, 7, 2, LAST), form, Style::InfoRight);
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
        Range::new(HEADER, 7, HEADER, 11),
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
            sets,
            applicant,
            contact,
            competent,
            _,
            received,
            due,
            handed_over,
            ended,
            returned,
            sign,
            note,
            status,
            class,
        ] = l.0;
        let status = format!("{status}; {}", class.to_lowercase());
        let cells = [
            (0u16, stt, Style::Centre),
            (1, code, Style::Text),
            (2, procedure, Style::Text),
            (3, sets, Style::Centre),
            (4, applicant, Style::Text),
            (5, contact, Style::Text),
            (6, competent, Style::Text),
            (7, received, Style::Centre),
            (8, due, Style::Centre),
            (9, handed_over, Style::Centre),
            (10, ended, Style::Centre),
            (11, returned, Style::Centre),
            (12, sign, Style::Text),
            (
                13,
                if note.is_empty() {
                    status
                } else {
                    format!("{note}. {status}")
                },
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
        5.0, 22.0, 28.0, 7.0, 20.0, 22.0, 20.0, 11.0, 11.0, 11.0, 11.0, 11.0, 9.0, 22.0,
    ];
    s
}
