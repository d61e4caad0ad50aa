//! What staff can do to a dossier, and who may do it.

use super::facts::{PaymentMethod, ReturnMethod};
use super::offer::{ActionKind, Scope};
use super::state::Dossier;
use crate::ids::UnitCode;
use crate::org::Role;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// An action on a dossier, as sent to `POST /api/v1/dossiers/{code}/actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Completeness check passed on an online submission.
    Accept,
    /// Ask for supplements before reception (Mẫu 02).
    RequestSupplementBeforeReception {
        /// Documents to add or correct.
        items: Vec<String>,
        /// Guidance.
        #[serde(default)]
        note: String,
    },
    /// Refuse at intake (Mẫu 03).
    RefuseAtIntake {
        /// Reasons.
        reasons: String,
    },
    /// Assign the current step.
    Assign {
        /// Login name.
        to: String,
    },
    /// Finish the current step and hand over.
    CompleteStep {
        /// Who receives it.
        #[serde(default)]
        to: Option<String>,
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Ask the applicant for supplements; the clock stops.
    RequestSupplement {
        /// Documents to add or correct.
        items: Vec<String>,
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Supplements received; the clock restarts.
    ReceiveSupplement {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Wait for payment; the clock stops where the procedure allows it.
    RequestPayment {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Fees paid.
    Pay {
        /// How.
        method: PaymentMethod,
    },
    /// Send to a coordinating unit.
    Transfer {
        /// The unit.
        to_unit: UnitCode,
        /// Note.
        #[serde(default)]
        note: String,
        /// Working minutes the coordinating unit has; default one working day.
        #[serde(default)]
        budget_minutes: Option<u32>,
    },
    /// Back from the coordinating unit.
    TransferBack {
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// Apology and new appointment.
    Apologize {
        /// Why it will be late.
        reason: String,
        /// New appointment (local time).
        new_date: NaiveDateTime,
    },
    /// Decide.
    Resolve {
        /// Approve, or refuse.
        approved: bool,
        /// Reasons (required when refused).
        #[serde(default)]
        reasons: String,
        /// Electronic result file.
        #[serde(default)]
        result_file: Option<String>,
    },
    /// Stop processing.
    Stop {
        /// Reason.
        reason: String,
    },
    /// Withdraw at the applicant's request.
    Withdraw {
        /// Reason.
        reason: String,
    },
    /// Hand back the result.
    ReturnResult {
        /// How.
        method: ReturnMethod,
        /// Note.
        #[serde(default)]
        note: String,
    },
}

impl Action {
    /// Its kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Accept => ActionKind::Accept,
            Action::RequestSupplementBeforeReception { .. } => {
                ActionKind::RequestSupplementBeforeReception
            }
            Action::RefuseAtIntake { .. } => ActionKind::RefuseAtIntake,
            Action::Assign { .. } => ActionKind::Assign,
            Action::CompleteStep { .. } => ActionKind::CompleteStep,
            Action::RequestSupplement { .. } => ActionKind::RequestSupplement,
            Action::ReceiveSupplement { .. } => ActionKind::ReceiveSupplement,
            Action::RequestPayment { .. } => ActionKind::RequestPayment,
            Action::Pay { .. } => ActionKind::Pay,
            Action::Transfer { .. } => ActionKind::Transfer,
            Action::TransferBack { .. } => ActionKind::TransferBack,
            Action::Apologize { .. } => ActionKind::Apologize,
            Action::Resolve { .. } => ActionKind::Resolve,
            Action::Stop { .. } => ActionKind::Stop,
            Action::Withdraw { .. } => ActionKind::Withdraw,
            Action::ReturnResult { .. } => ActionKind::ReturnResult,
        }
    }

    /// The API code.
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Roles allowed to do it, and where (docs/rules.md §2).
    pub fn permission(&self, dossier: &Dossier) -> (Vec<Role>, Scope) {
        self.kind().permission(dossier)
    }
}
