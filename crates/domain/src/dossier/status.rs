//! Dossier states and their labels.

use serde::{Deserialize, Serialize};

/// Where a dossier is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Submitted online, waiting for the completeness check.
    Submitted,
    /// Accepted: code, receipt and due date.
    Received,
    /// At a step of the internal process.
    InProgress,
    /// Supplements requested; the clock is stopped.
    SupplementRequested,
    /// Waiting for the applicant's payment; the clock is stopped.
    AwaitingPayment,
    /// Decision made (approved or refused with reasons).
    Resolved,
    /// Result handed back.
    Returned,
    /// Processing stopped (dừng giải quyết).
    Stopped,
    /// Withdrawn by the applicant.
    Withdrawn,
    /// Refused at intake; never received.
    RefusedAtIntake,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 10] = [
        Status::Submitted,
        Status::Received,
        Status::InProgress,
        Status::SupplementRequested,
        Status::AwaitingPayment,
        Status::Resolved,
        Status::Returned,
        Status::Stopped,
        Status::Withdrawn,
        Status::RefusedAtIntake,
    ];

    /// The code used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Received => "received",
            Status::InProgress => "in_progress",
            Status::SupplementRequested => "supplement_requested",
            Status::AwaitingPayment => "awaiting_payment",
            Status::Resolved => "resolved",
            Status::Returned => "returned",
            Status::Stopped => "stopped",
            Status::Withdrawn => "withdrawn",
            Status::RefusedAtIntake => "refused_at_intake",
        }
    }

    /// Parses an API code.
    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Submitted => "Chờ tiếp nhận",
            Status::Received => "Đã tiếp nhận",
            Status::InProgress => "Đang giải quyết",
            Status::SupplementRequested => "Chờ bổ sung hồ sơ",
            Status::AwaitingPayment => "Chờ thực hiện nghĩa vụ tài chính",
            Status::Resolved => "Đã có kết quả",
            Status::Returned => "Đã trả kết quả",
            Status::Stopped => "Dừng giải quyết",
            Status::Withdrawn => "Đã rút hồ sơ",
            Status::RefusedAtIntake => "Từ chối tiếp nhận",
        }
    }

    /// Received and not yet ended: the clock matters.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Received
                | Status::InProgress
                | Status::SupplementRequested
                | Status::AwaitingPayment
        )
    }

    /// The clock is stopped.
    pub fn is_paused(self) -> bool {
        matches!(self, Status::SupplementRequested | Status::AwaitingPayment)
    }
}
