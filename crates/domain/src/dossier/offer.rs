//! Which actions the lifecycle allows on a dossier now (docs/rules.md §6). [`gate`] is the one
//! rule: [`super::decide`] applies it before anything else, and [`Dossier::available_actions`]
//! lists what passes it, so the pages and the API offer exactly what the state machine accepts.

use super::machine::DossierError;
use super::state::Dossier;
use super::status::Status;
use crate::org::Role;
use serde::{Deserialize, Serialize};

/// The kind of an action: its `action` code in the API and the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Completeness check passed on an online submission.
    Accept,
    /// Ask for supplements before reception.
    RequestSupplementBeforeReception,
    /// Refuse at intake.
    RefuseAtIntake,
    /// Assign the current step.
    Assign,
    /// Finish the current step.
    CompleteStep,
    /// Ask for supplements; the clock stops.
    RequestSupplement,
    /// Supplements received.
    ReceiveSupplement,
    /// Wait for payment.
    RequestPayment,
    /// Fees paid.
    Pay,
    /// Send to a coordinating unit.
    Transfer,
    /// Back from the coordinating unit.
    TransferBack,
    /// Apology and new appointment.
    Apologize,
    /// Decide.
    Resolve,
    /// Stop processing.
    Stop,
    /// Withdraw at the applicant's request.
    Withdraw,
    /// Hand back the result.
    ReturnResult,
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

impl ActionKind {
    /// Every kind, in the order a page offers them.
    pub const ALL: [ActionKind; 16] = [
        ActionKind::Accept,
        ActionKind::RequestSupplementBeforeReception,
        ActionKind::RefuseAtIntake,
        ActionKind::Assign,
        ActionKind::CompleteStep,
        ActionKind::RequestSupplement,
        ActionKind::ReceiveSupplement,
        ActionKind::RequestPayment,
        ActionKind::Pay,
        ActionKind::Transfer,
        ActionKind::TransferBack,
        ActionKind::Resolve,
        ActionKind::Apologize,
        ActionKind::ReturnResult,
        ActionKind::Stop,
        ActionKind::Withdraw,
    ];

    /// The API code.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::Accept => "accept",
            ActionKind::RequestSupplementBeforeReception => "request_supplement_before_reception",
            ActionKind::RefuseAtIntake => "refuse_at_intake",
            ActionKind::Assign => "assign",
            ActionKind::CompleteStep => "complete_step",
            ActionKind::RequestSupplement => "request_supplement",
            ActionKind::ReceiveSupplement => "receive_supplement",
            ActionKind::RequestPayment => "request_payment",
            ActionKind::Pay => "pay",
            ActionKind::Transfer => "transfer",
            ActionKind::TransferBack => "transfer_back",
            ActionKind::Apologize => "apologize",
            ActionKind::Resolve => "resolve",
            ActionKind::Stop => "stop",
            ActionKind::Withdraw => "withdraw",
            ActionKind::ReturnResult => "return_result",
        }
    }

    /// The kind of an API code.
    pub fn parse(code: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Roles allowed to do it, and where (docs/rules.md §2). Completing a step needs the step's
    /// own role (or a leader's).
    pub fn permission(self, dossier: &Dossier) -> (Vec<Role>, Scope) {
        use Role::{ChuyenVien, LanhDao, TiepNhan, VanThu};
        match self {
            ActionKind::Accept
            | ActionKind::RequestSupplementBeforeReception
            | ActionKind::RefuseAtIntake
            | ActionKind::ReceiveSupplement
            | ActionKind::Withdraw
            | ActionKind::ReturnResult => (vec![TiepNhan], Scope::Receiving),
            ActionKind::Pay => (vec![TiepNhan, VanThu], Scope::Receiving),
            ActionKind::Assign | ActionKind::Apologize | ActionKind::Stop => {
                (vec![LanhDao], Scope::Holding)
            }
            ActionKind::Resolve => (vec![LanhDao], Scope::Competent),
            // A further supplement request after reception is a leader's decision (§6).
            ActionKind::RequestSupplement if dossier.supplements_after_reception > 0 => {
                (vec![LanhDao], Scope::Holding)
            }
            ActionKind::RequestSupplement | ActionKind::RequestPayment => {
                (vec![ChuyenVien, LanhDao], Scope::Holding)
            }
            ActionKind::Transfer => (vec![ChuyenVien, LanhDao], Scope::Competent),
            ActionKind::TransferBack => (vec![ChuyenVien, LanhDao], Scope::Holding),
            ActionKind::CompleteStep => {
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

/// Whether the lifecycle allows an action of `kind` on `dossier`, whatever its fields;
/// the error says why not.
pub fn gate(dossier: &Dossier, kind: ActionKind) -> Result<(), DossierError> {
    let status = dossier.status;
    let refuse = || DossierError::NotAllowed {
        action: kind.code(),
        status: status.label_vi(),
    };
    let working = matches!(status, Status::Received | Status::InProgress);
    let at_competent = dossier.current_unit == dossier.facts.competent_unit;
    let allowed = match kind {
        ActionKind::RequestSupplementBeforeReception => {
            if status == Status::Submitted && dossier.supplements_before_reception > 0 {
                return Err(DossierError::SupplementAlreadyRequested);
            }
            status == Status::Submitted
        }
        ActionKind::Accept | ActionKind::RefuseAtIntake => status == Status::Submitted,
        ActionKind::Assign | ActionKind::CompleteStep => working && dossier.current_step.is_some(),
        ActionKind::RequestSupplement => working,
        ActionKind::ReceiveSupplement => status == Status::SupplementRequested,
        ActionKind::RequestPayment => {
            if working && !dossier.facts.payment_pause_allowed {
                return Err(DossierError::PaymentPauseNotAllowed);
            }
            if working && (dossier.payment.is_some() || dossier.facts.total_fee() == 0) {
                return Err(DossierError::Payment(
                    "hồ sơ không còn khoản phí nào phải nộp",
                ));
            }
            working
        }
        // Fees are paid from submission until the result is handed back, never on a dossier that
        // ended without a result to collect.
        ActionKind::Pay => {
            let payable =
                status == Status::Submitted || status.is_open() || status == Status::Resolved;
            if payable && dossier.facts.total_fee() == 0 {
                return Err(DossierError::Payment("thủ tục này không thu phí, lệ phí"));
            }
            if payable && dossier.payment.is_some() {
                return Err(DossierError::Payment("phí, lệ phí của hồ sơ đã được nộp"));
            }
            payable
        }
        ActionKind::Transfer => {
            if working && !at_competent {
                return Err(DossierError::Transfer("hồ sơ đang ở cơ quan phối hợp"));
            }
            working
        }
        ActionKind::TransferBack => {
            if working && at_competent {
                return Err(DossierError::Transfer("hồ sơ không ở cơ quan phối hợp"));
            }
            working
        }
        ActionKind::Resolve => {
            if working && !at_competent {
                return Err(DossierError::Transfer(
                    "hồ sơ đang ở cơ quan phối hợp, chưa thể giải quyết",
                ));
            }
            working
        }
        ActionKind::Apologize => {
            // Late and overdue dossiers are offered it too: a late apology is recorded as such.
            if status.is_open() && dossier.apology.is_some() {
                return Err(DossierError::ApologyAlreadyIssued);
            }
            status.is_open()
        }
        ActionKind::Stop => status.is_open(),
        ActionKind::Withdraw => status.is_open() || status == Status::Submitted,
        ActionKind::ReturnResult => status == Status::Resolved,
    };
    if allowed { Ok(()) } else { Err(refuse()) }
}

impl Dossier {
    /// The kinds of action the lifecycle allows now, before any permission: what a page may
    /// offer (each still filtered by who may do it).
    pub fn available_actions(&self) -> Vec<ActionKind> {
        ActionKind::ALL
            .into_iter()
            .filter(|k| gate(self, *k).is_ok())
            .collect()
    }
}
