//! One line of a history file, parsed and checked field by field.

use crate::format;
use crate::ids::{DossierCode, ProcedureCode, UnitCode};
use crate::input::{PersonName, Phone, fee_vnd, optional};
use crate::stats::Rating;
use crate::time::to_local;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A problem on one line: the field and what is wrong (the caller adds the line number).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("trường «{field}»: {message}")]
pub struct LineError {
    /// The field at fault (`-` when the line is not a JSON object).
    pub field: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
}

impl LineError {
    pub(crate) fn new(field: &str, message: impl Into<String>) -> LineError {
        LineError {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// A line that is not the JSON object expected: `path` is where reading failed (`.` for
    /// the object itself) and `text` the reader's message. A missing field is reported at the
    /// object; its name is taken from the message.
    pub(crate) fn unreadable(path: &str, text: &str) -> LineError {
        let field = match (path, text.split('`').nth(1)) {
            (".", Some(name)) if text.starts_with("missing field") => name.to_owned(),
            (".", _) => "-".to_owned(),
            (p, _) => p.to_owned(),
        };
        // A value of the wrong type is repeated in `text`: keep the message short.
        LineError {
            field,
            message: format!("không đọc được: {}", crate::format::bounded(text, 300)),
        }
    }
}

/// How the legacy system says the dossier came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyChannel {
    /// Online.
    Online,
    /// At the desk.
    Direct,
    /// By post.
    Postal,
}

/// How the dossier ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyOutcome {
    /// Resolved, approved.
    Approved,
    /// Resolved, refused.
    Refused,
    /// Processing stopped.
    Stopped,
    /// Withdrawn by the applicant.
    Withdrawn,
}

/// A supplement request after reception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacySupplement {
    /// When the clock stopped.
    pub requested_at: NaiveDateTime,
    /// When the supplements came in; `None` while waiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<NaiveDateTime>,
}

/// A checked line: instants are local Vietnamese time. Stored as JSON with absent options and
/// false flags left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyRecord {
    /// Dossier code, kept as it was.
    pub code: DossierCode,
    /// Procedure code.
    pub procedure_code: ProcedureCode,
    /// Receiving unit.
    pub receiving_unit: UnitCode,
    /// Competent unit (default: the receiving unit).
    pub competent_unit: UnitCode,
    /// Channel.
    pub channel: LegacyChannel,
    /// Applicant's name.
    pub applicant_name: String,
    /// Applicant's phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant_phone: Option<String>,
    /// Reception instant.
    pub received_at: NaiveDateTime,
    /// Final due instant, pauses included.
    pub due_at: NaiveDateTime,
    /// End instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<NaiveDateTime>,
    /// How it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<LegacyOutcome>,
    /// Result handed back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_at: Option<NaiveDateTime>,
    /// Supplement requests after reception, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplement_requests: Vec<LegacySupplement>,
    /// Fees in đồng.
    #[serde(default)]
    pub fee_vnd: u64,
    /// Paid online.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paid_online: bool,
    /// Components digitised at reception.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub digitized: bool,
    /// Electronic result issued.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub e_result: bool,
    /// Apology letter issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apology_at: Option<NaiveDateTime>,
    /// The applicant's rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
}

/// The line as written; unknown fields are ignored ("at least these fields"). Texts borrow
/// from the line unless they hold escapes.
#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    code: Cow<'a, str>,
    #[serde(borrow)]
    procedure_code: Cow<'a, str>,
    #[serde(borrow)]
    receiving_unit: Cow<'a, str>,
    #[serde(default, borrow)]
    competent_unit: Option<Cow<'a, str>>,
    channel: LegacyChannel,
    #[serde(borrow)]
    applicant_name: Cow<'a, str>,
    #[serde(default, borrow)]
    applicant_phone: Option<Cow<'a, str>>,
    received_at: DateTime<FixedOffset>,
    due_at: DateTime<FixedOffset>,
    #[serde(default)]
    ended_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    outcome: Option<LegacyOutcome>,
    #[serde(default)]
    returned_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    supplement_requests: Vec<RawSupplement>,
    #[serde(default)]
    fee_vnd: u64,
    #[serde(default)]
    paid_online: bool,
    #[serde(default)]
    digitized: bool,
    #[serde(default)]
    e_result: bool,
    #[serde(default)]
    apology_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    rating: Option<Rating>,
}

#[derive(Deserialize)]
struct RawSupplement {
    requested_at: DateTime<FixedOffset>,
    #[serde(default)]
    completed_at: Option<DateTime<FixedOffset>>,
}

/// Parses and checks one line.
pub fn parse_line(line: &str) -> Result<LegacyRecord, LineError> {
    // Valid lines are read directly; only a line that fails is read again to name the field.
    match Raw::deserialize(&mut serde_json::Deserializer::from_str(line)) {
        Ok(raw) => check(raw),
        Err(e) => Err(unreadable(line, &e)),
    }
}

/// Why `line` cannot be read (`error`), at the field that fails.
fn unreadable(line: &str, error: &serde_json::Error) -> LineError {
    let mut json = serde_json::Deserializer::from_str(line);
    match serde_path_to_error::deserialize::<_, Raw>(&mut json) {
        Ok(_) => LineError::unreadable(".", &error.to_string()),
        Err(e) => LineError::unreadable(&e.path().to_string(), &e.into_inner().to_string()),
    }
}

/// A dossier code is `<receiving unit>-<yymmdd of reception>-<sequence>` (docs/rules.md §6): a code
/// of another unit or another day would clash with the codes this system gives. Compared as
/// text, without allocating: it runs on every line of an import.
fn code_matches(
    code: &DossierCode,
    unit: &UnitCode,
    received_at: NaiveDateTime,
) -> Result<(), LineError> {
    let rest = code
        .as_str()
        .strip_prefix(unit.as_str())
        .and_then(|r| r.strip_prefix('-'));
    let Some(rest) = rest else {
        return Err(LineError::new(
            "code",
            format!("mã hồ sơ {code} không thuộc đơn vị tiếp nhận {unit}"),
        ));
    };
    let day = received_at.date();
    let two = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
    let [y1, y2] = two(day.year().rem_euclid(100).unsigned_abs());
    let [m1, m2] = two(day.month());
    let [d1, d2] = two(day.day());
    if rest.as_bytes().get(..6) == Some(&[y1, y2, m1, m2, d1, d2][..]) {
        return Ok(());
    }
    let written = code.parts().map_or_else(
        || rest.chars().take(6).collect(),
        |(_, d, _)| format::date(d),
    );
    Err(LineError::new(
        "code",
        format!(
            "mã hồ sơ {code} ghi ngày {written}, khác ngày tiếp nhận {}",
            format::date(day)
        ),
    ))
}

/// Checks a line read as [`Raw`].
fn check(raw: Raw<'_>) -> Result<LegacyRecord, LineError> {
    let local = |t: DateTime<FixedOffset>| to_local(&t);
    let code =
        DossierCode::parse(raw.code.trim()).map_err(|e| LineError::new("code", e.to_string()))?;
    if code.is_submission() {
        return Err(LineError::new(
            "code",
            format!(
                "{code} là số nộp trực tuyến, không phải mã hồ sơ: hồ sơ đã tiếp nhận mang mã \
                 cấp khi tiếp nhận (docs/rules.md §6.5)"
            ),
        ));
    }
    let procedure_code = ProcedureCode::parse(raw.procedure_code.trim())
        .map_err(|e| LineError::new("procedure_code", e.to_string()))?;
    let receiving_unit = UnitCode::parse(raw.receiving_unit.trim())
        .map_err(|e| LineError::new("receiving_unit", e.to_string()))?;
    let competent_unit = match raw.competent_unit.as_deref().map(str::trim) {
        None | Some("") => receiving_unit.clone(),
        Some(c) => {
            UnitCode::parse(c).map_err(|e| LineError::new("competent_unit", e.to_string()))?
        }
    };
    let applicant_name = PersonName::parse(&raw.applicant_name)
        .map_err(|e| LineError::new("applicant_name", e.to_string()))?;
    let applicant_phone = optional(raw.applicant_phone.as_deref(), Phone::parse)
        .map_err(|e| LineError::new("applicant_phone", e.to_string()))?;
    let fee_vnd = fee_vnd(raw.fee_vnd).map_err(|e| LineError::new("fee_vnd", e.to_string()))?;
    let received_at = local(raw.received_at);
    code_matches(&code, &receiving_unit, received_at)?;
    let due_at = local(raw.due_at);
    if due_at < received_at {
        return Err(LineError::new(
            "due_at",
            "hạn giải quyết trước ngày tiếp nhận",
        ));
    }
    let ended_at = raw.ended_at.map(local);
    match (ended_at, raw.outcome) {
        (Some(e), Some(_)) if e < received_at => {
            return Err(LineError::new(
                "ended_at",
                "ngày kết thúc trước ngày tiếp nhận",
            ));
        }
        (Some(_), None) => {
            return Err(LineError::new(
                "outcome",
                "hồ sơ đã kết thúc phải có kết quả (approved, refused, stopped, withdrawn)",
            ));
        }
        (None, Some(_)) => {
            return Err(LineError::new(
                "ended_at",
                "có kết quả nhưng thiếu ngày kết thúc",
            ));
        }
        _ => {}
    }
    let returned_at = raw.returned_at.map(local);
    if let Some(r) = returned_at {
        let resolved = matches!(
            raw.outcome,
            Some(LegacyOutcome::Approved | LegacyOutcome::Refused)
        );
        if !resolved || ended_at.is_some_and(|e| r < e) {
            return Err(LineError::new(
                "returned_at",
                "chỉ trả kết quả sau khi đã giải quyết (approved, refused)",
            ));
        }
    }
    let mut supplement_requests = Vec::with_capacity(raw.supplement_requests.len());
    let mut previous_end = received_at;
    for s in raw.supplement_requests {
        let requested_at = local(s.requested_at);
        let completed_at = s.completed_at.map(local);
        let after_end = ended_at.is_some_and(|e| requested_at > e);
        if requested_at < previous_end
            || after_end
            || completed_at.is_some_and(|c| c < requested_at)
        {
            return Err(LineError::new(
                "supplement_requests",
                "các lần yêu cầu bổ sung phải theo thứ tự, trong thời gian giải quyết hồ sơ",
            ));
        }
        previous_end = completed_at.unwrap_or(requested_at);
        supplement_requests.push(LegacySupplement {
            requested_at,
            completed_at,
        });
    }
    if raw.rating.is_some()
        && !matches!(
            raw.outcome,
            Some(LegacyOutcome::Approved | LegacyOutcome::Refused)
        )
    {
        return Err(LineError::new("rating", "chỉ đánh giá hồ sơ đã giải quyết"));
    }
    let apology_at = raw.apology_at.map(local);
    if apology_at.is_some_and(|a| a < received_at) {
        return Err(LineError::new(
            "apology_at",
            "thư xin lỗi trước ngày tiếp nhận",
        ));
    }
    Ok(LegacyRecord {
        code,
        procedure_code,
        receiving_unit,
        competent_unit,
        channel: raw.channel,
        applicant_name: applicant_name.into(),
        applicant_phone: applicant_phone.map(Into::into),
        received_at,
        due_at,
        ended_at,
        outcome: raw.outcome,
        returned_at,
        supplement_requests,
        fee_vnd,
        paid_online: raw.paid_online,
        digitized: raw.digitized,
        e_result: raw.e_result,
        apology_at,
        rating: raw.rating,
    })
}
