//! A feedback item (PAKN) and its handling milestones.

use crate::ids::UnitCode;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An item whose fields do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackError {
    /// A code must be 1–64 printable characters without spaces.
    #[error("mã phản ánh, kiến nghị «{0}» không hợp lệ (1–64 ký tự, không có khoảng trắng)")]
    Code(String),
    /// A milestone before the reception.
    #[error("mốc «{0}» trước thời điểm tiếp nhận")]
    BeforeReception(&'static str),
    /// A refused item cannot also be answered or published.
    #[error("phản ánh, kiến nghị đã từ chối tiếp nhận thì không có trả lời hay công bố")]
    RefusedAndAnswered,
    /// Publication needs an answer before it.
    #[error("chỉ công bố sau khi đã trả lời")]
    PublishedWithoutAnswer,
    /// The supplement request comes after the answer.
    #[error("yêu cầu bổ sung sau khi đã trả lời")]
    SupplementAfterAnswer,
}

impl FeedbackError {
    /// The field of an import line at fault.
    pub fn field(&self) -> &'static str {
        match self {
            FeedbackError::Code(_) => "code",
            FeedbackError::BeforeReception(name) => name,
            FeedbackError::RefusedAndAnswered => "refused_at",
            FeedbackError::PublishedWithoutAnswer => "published_at",
            FeedbackError::SupplementAfterAnswer => "supplement_requested_at",
        }
    }
}

/// The identifier of a feedback item as its source system gives it (e.g. `PAKN-2026-0001`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FeedbackCode(String);

impl FeedbackCode {
    /// Parses a code: 1–64 characters, none of them a space or a control character.
    pub fn parse(s: &str) -> Result<FeedbackCode, FeedbackError> {
        let ok = (1..=64).contains(&s.chars().count())
            && s.chars().all(|c| !c.is_whitespace() && !c.is_control());
        if ok {
            Ok(FeedbackCode(s.to_owned()))
        } else {
            Err(FeedbackError::Code(crate::format::quoted(s)))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FeedbackCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<FeedbackCode> for String {
    fn from(code: FeedbackCode) -> String {
        code.0
    }
}

impl TryFrom<String> for FeedbackCode {
    type Error = FeedbackError;

    fn try_from(s: String) -> Result<FeedbackCode, FeedbackError> {
        FeedbackCode::parse(&s)
    }
}

/// What the feedback is about (docs/rules.md §9, indicator 5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Regulations, policies, procedures (quy định, chính sách, thủ tục).
    QuyDinh,
    /// Conduct of staff (hành vi cán bộ, công chức).
    HanhVi,
}

impl Classification {
    /// Both, in order.
    pub const ALL: [Classification; 2] = [Classification::QuyDinh, Classification::HanhVi];

    /// The stable code: `quy_dinh`, `hanh_vi`.
    pub fn code(self) -> &'static str {
        match self {
            Classification::QuyDinh => "quy_dinh",
            Classification::HanhVi => "hanh_vi",
        }
    }

    /// The classification with this code.
    pub fn parse(code: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Classification::QuyDinh => "Quy định, chính sách, thủ tục hành chính",
            Classification::HanhVi => "Hành vi của cán bộ, công chức",
        }
    }
}

/// A feedback item: who handles it, when it came in, and each handling milestone reached.
/// Instants are local Vietnamese time; [`FeedbackItem::check`] tells whether the milestones fit
/// together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackItem {
    /// Its code.
    pub code: FeedbackCode,
    /// The unit that handles it.
    pub unit: UnitCode,
    /// When it was received.
    pub received_at: NaiveDateTime,
    /// What it is about.
    pub classification: Classification,
    /// When the unit refused to handle it (từ chối tiếp nhận): handling ends there.
    pub refused_at: Option<NaiveDateTime>,
    /// When the unit asked the sender for more information.
    pub supplement_requested_at: Option<NaiveDateTime>,
    /// When the unit answered (kết quả xử lý).
    pub answered_at: Option<NaiveDateTime>,
    /// When the answer was published (công khai kết quả): handling ends there.
    pub published_at: Option<NaiveDateTime>,
}

impl FeedbackItem {
    /// Checks that the milestones fit together: none before the reception, a refused item is
    /// neither answered nor published, a publication follows an answer, a supplement request
    /// precedes the answer.
    pub fn check(&self) -> Result<(), FeedbackError> {
        let milestones = [
            ("refused_at", self.refused_at),
            ("supplement_requested_at", self.supplement_requested_at),
            ("answered_at", self.answered_at),
            ("published_at", self.published_at),
        ];
        for (name, at) in milestones {
            if at.is_some_and(|t| t < self.received_at) {
                return Err(FeedbackError::BeforeReception(name));
            }
        }
        if self.refused_at.is_some() && (self.answered_at.is_some() || self.published_at.is_some())
        {
            return Err(FeedbackError::RefusedAndAnswered);
        }
        match (self.answered_at, self.published_at) {
            (None, Some(_)) => return Err(FeedbackError::PublishedWithoutAnswer),
            (Some(a), Some(p)) if p < a => return Err(FeedbackError::PublishedWithoutAnswer),
            _ => {}
        }
        if let (Some(s), Some(a)) = (self.supplement_requested_at, self.answered_at)
            && s > a
        {
            return Err(FeedbackError::SupplementAfterAnswer);
        }
        Ok(())
    }

    /// When its handling ended: refused, or its answer published; `None` while open.
    pub fn ended_at(&self) -> Option<NaiveDateTime> {
        self.refused_at.or(self.published_at)
    }
}
