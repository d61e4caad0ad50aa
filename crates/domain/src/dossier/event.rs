//! Dossier events: immutable and attributed. The state is the fold of its events.

use super::facts::{Facts, PaymentMethod, ReturnMethod};
use super::handover::HandedOver;
use crate::deadline::PauseReason;
use crate::ids::{DossierCode, UnitCode};
use crate::stats::Rating;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One change to a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Position in the dossier's history, from 1.
    pub seq: u32,
    /// When (local time).
    pub at: NaiveDateTime,
    /// Who (login name; `system` for automatic changes).
    pub actor: String,
    /// What.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The dossier exists (submitted online, or at the desk just before reception).
    Created {
        /// Facts fixed at creation.
        facts: Box<Facts>,
    },
    /// Completeness check passed: received, the clock runs.
    Received {
        /// Due instant.
        due_at: NaiveDateTime,
        /// Due instant of each step.
        step_dues: Vec<NaiveDateTime>,
        /// The hand-over to the competent body, when the process has no desk step first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handed_over: Option<HandedOver>,
        /// The code this reception gave a dossier submitted online, which had only its
        /// submission number until now (docs/rules.md §6.5); the store fills it in the
        /// transaction that numbers it. `None` for a dossier received when it was created: its
        /// number is its code.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        code: Option<DossierCode>,
    },
    /// Supplements requested before reception (Mẫu 02); the clock has not started.
    SupplementRequestedBeforeReception {
        /// Documents to add or correct.
        items: Vec<String>,
        /// Guidance.
        note: String,
    },
    /// Refused at intake (Mẫu 03).
    RefusedAtIntake {
        /// Reasons.
        reasons: String,
    },
    /// The current step assigned to someone.
    Assigned {
        /// Step index.
        step: usize,
        /// Login name.
        to: String,
    },
    /// A step done; the dossier passes to the next step (hand-over).
    StepCompleted {
        /// Step finished.
        step: usize,
        /// Whether it finished by its due instant.
        on_time: bool,
        /// Who receives it, when known.
        to: Option<String>,
        /// Note.
        note: String,
        /// The hand-over to the competent body, when this step ends the desk's part.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handed_over: Option<HandedOver>,
    },
    /// The clock stops.
    Paused {
        /// Why.
        reason: PauseReason,
        /// What is asked of the applicant.
        items: Vec<String>,
        /// Note.
        note: String,
    },
    /// A further supplement request after reception (docs/rules.md §6): decided by a leader
    /// with a reason; the clock keeps running and the dossier counts as late.
    SupplementRequestedAgain {
        /// Documents to add or correct.
        items: Vec<String>,
        /// The leader's reason.
        reason: String,
    },
    /// Supplements received after a further request; the clock never stopped.
    SupplementReceived {
        /// Note.
        note: String,
    },
    /// The clock restarts; the due instant keeps the working time left.
    Resumed {
        /// New due instant.
        due_at: NaiveDateTime,
        /// New step due instants.
        step_dues: Vec<NaiveDateTime>,
        /// Note.
        note: String,
    },
    /// Fees paid.
    FeePaid {
        /// Amount in đồng.
        amount: u64,
        /// How.
        method: PaymentMethod,
    },
    /// Sent to a coordinating unit (liên thông), with its own step budget and due instant.
    Transferred {
        /// The unit.
        to_unit: UnitCode,
        /// Note.
        note: String,
        /// Working minutes the unit has.
        #[serde(default)]
        budget_minutes: u32,
        /// When the papers reach it: the same day when sent before 15:00, otherwise the next
        /// working day (docs/rules.md §6.6).
        #[serde(default)]
        handed_over_at: Option<NaiveDateTime>,
        /// Its own due instant.
        #[serde(default)]
        due_at: Option<NaiveDateTime>,
    },
    /// Back from the coordinating unit.
    TransferReturned {
        /// Note.
        note: String,
        /// Whether the coordinating unit answered by its due instant.
        #[serde(default)]
        on_time: Option<bool>,
    },
    /// Apology and new appointment (Mẫu 04), once per dossier.
    ApologyIssued {
        /// Why it will be late.
        reason: String,
        /// New appointment: a working instant after the due instant.
        new_date: NaiveDateTime,
        /// Issued later than one working day before the due instant, or after it.
        #[serde(default)]
        late: bool,
    },
    /// Decision made.
    Resolved {
        /// Approved, or refused with reasons.
        approved: bool,
        /// Reasons (required when refused).
        reasons: String,
        /// Electronic result file, when issued.
        result_file: Option<String>,
        /// The result back to the desk, when the dossier was handed over.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handed_over: Option<HandedOver>,
    },
    /// Processing stopped.
    Stopped {
        /// Reason.
        reason: String,
    },
    /// Withdrawn by the applicant.
    Withdrawn {
        /// Reason.
        reason: String,
    },
    /// Result handed back.
    ResultReturned {
        /// How.
        method: ReturnMethod,
        /// Note.
        note: String,
    },
    /// The applicant rated the service (once, after the result).
    Rated {
        /// The rating.
        rating: Rating,
        /// Optional comment.
        comment: String,
    },
    /// The due instant moved because the working calendar changed.
    DueRecomputed {
        /// Previous due instant.
        from: Option<NaiveDateTime>,
        /// New due instant.
        to: Option<NaiveDateTime>,
        /// Why (the calendar change and its reference).
        reason: String,
    },
}

impl EventKind {
    /// The API code of the event type.
    pub fn code(&self) -> &'static str {
        match self {
            EventKind::Created { .. } => "created",
            EventKind::Received { .. } => "received",
            EventKind::SupplementRequestedBeforeReception { .. } => {
                "supplement_requested_before_reception"
            }
            EventKind::RefusedAtIntake { .. } => "refused_at_intake",
            EventKind::Assigned { .. } => "assigned",
            EventKind::StepCompleted { .. } => "step_completed",
            EventKind::Paused { .. } => "paused",
            EventKind::Resumed { .. } => "resumed",
            EventKind::SupplementRequestedAgain { .. } => "supplement_requested_again",
            EventKind::SupplementReceived { .. } => "supplement_received",
            EventKind::FeePaid { .. } => "fee_paid",
            EventKind::Transferred { .. } => "transferred",
            EventKind::TransferReturned { .. } => "transfer_returned",
            EventKind::ApologyIssued { .. } => "apology_issued",
            EventKind::Resolved { .. } => "resolved",
            EventKind::Stopped { .. } => "stopped",
            EventKind::Withdrawn { .. } => "withdrawn",
            EventKind::ResultReturned { .. } => "result_returned",
            EventKind::Rated { .. } => "rated",
            EventKind::DueRecomputed { .. } => "due_recomputed",
        }
    }

    /// Vietnamese label for histories.
    pub fn label_vi(&self) -> &'static str {
        match self {
            EventKind::Created { .. } => "Tạo hồ sơ",
            EventKind::Received { .. } => "Tiếp nhận hồ sơ",
            EventKind::SupplementRequestedBeforeReception { .. } => {
                "Hướng dẫn bổ sung, hoàn thiện hồ sơ"
            }
            EventKind::RefusedAtIntake { .. } => "Từ chối tiếp nhận",
            EventKind::Assigned { .. } => "Phân công xử lý",
            EventKind::StepCompleted { .. } => "Chuyển bước xử lý",
            EventKind::Paused { .. } => "Tạm dừng tính thời gian",
            EventKind::Resumed { .. } => "Tiếp tục tính thời gian",
            EventKind::SupplementRequestedAgain { .. } => {
                "Yêu cầu bổ sung lần nữa (không tạm dừng thời gian)"
            }
            EventKind::SupplementReceived { .. } => "Nhận hồ sơ bổ sung",
            EventKind::FeePaid { .. } => "Nộp phí, lệ phí",
            EventKind::Transferred { .. } => "Chuyển liên thông",
            EventKind::TransferReturned { .. } => "Nhận lại từ cơ quan liên thông",
            EventKind::ApologyIssued { .. } => "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            EventKind::Resolved { .. } => "Có kết quả giải quyết",
            EventKind::Stopped { .. } => "Dừng giải quyết",
            EventKind::Withdrawn { .. } => "Rút hồ sơ",
            EventKind::ResultReturned { .. } => "Trả kết quả",
            EventKind::Rated { .. } => "Đánh giá mức độ hài lòng",
            EventKind::DueRecomputed { .. } => "Tính lại hạn do thay đổi lịch làm việc",
        }
    }
}
