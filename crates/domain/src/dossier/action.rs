//! What staff can do to a dossier, and who may do it.

use super::facts::{PaymentMethod, ReturnMethod};
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

/// Which of the dossier's units an action is done at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The one-stop desk that received it.
    Receiving,
    /// The unit holding it now (competent, or coordinating during a transfer).
    Holding,
    /// The competent unit.
    Competent,
}

impl Action {
    /// The API code.
    pub fn code(&self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::RequestSupplementBeforeReception { .. } => {
                "request_supplement_before_reception"
            }
            Action::RefuseAtIntake { .. } => "refuse_at_intake",
            Action::Assign { .. } => "assign",
            Action::CompleteStep { .. } => "complete_step",
            Action::RequestSupplement { .. } => "request_supplement",
            Action::ReceiveSupplement { .. } => "receive_supplement",
            Action::RequestPayment { .. } => "request_payment",
            Action::Pay { .. } => "pay",
            Action::Transfer { .. } => "transfer",
            Action::TransferBack { .. } => "transfer_back",
            Action::Apologize { .. } => "apologize",
            Action::Resolve { .. } => "resolve",
            Action::Stop { .. } => "stop",
            Action::Withdraw { .. } => "withdraw",
            Action::ReturnResult { .. } => "return_result",
        }
    }

    /// Roles allowed to do it, and where (RULES §2). Completing a step needs the step's own role.
    pub fn permission(&self, dossier: &Dossier) -> (Vec<Role>, Scope) {
        use Role::{ChuyenVien, LanhDao, TiepNhan, VanThu};
        match self {
            Action::Accept
            | Action::RequestSupplementBeforeReception { .. }
            | Action::RefuseAtIntake { .. }
            | Action::ReceiveSupplement { .. }
            | Action::Withdraw { .. }
            | Action::ReturnResult { .. } => (vec![TiepNhan], Scope::Receiving),
            Action::Pay { .. } => (vec![TiepNhan, VanThu], Scope::Receiving),
            Action::Assign { .. } | Action::Apologize { .. } | Action::Stop { .. } => {
                (vec![LanhDao], Scope::Holding)
            }
            Action::Resolve { .. } => (vec![LanhDao], Scope::Competent),
            Action::RequestSupplement { .. } | Action::RequestPayment { .. } => {
                (vec![ChuyenVien, LanhDao], Scope::Holding)
            }
            Action::Transfer { .. } => (vec![ChuyenVien, LanhDao], Scope::Competent),
            Action::TransferBack { .. } => (vec![ChuyenVien, LanhDao], Scope::Holding),
            Action::CompleteStep { .. } => {
                let step_role = dossier
                    .current_step
                    .and_then(|i| dossier.facts.steps.get(i))
                    .map(|s| s.role);
                let mut roles = vec![LanhDao];
                roles.extend(step_role.filter(|r| *r != LanhDao));
                (roles, Scope::Holding)
            }
        }
    }
}
