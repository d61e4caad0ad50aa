//! What a dossier is about: fixed at creation, copied from the procedure version in force.

use crate::catalogue::{ApplicantType, Fee, ResultKind, Step};
use crate::deadline::TimeLimit;
use crate::ids::{ProcedureCode, UnitCode};
use serde::{Deserialize, Serialize};

/// How the dossier came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At the desk.
    Desk,
    /// By post.
    Post,
    /// Online.
    Online,
}

impl Channel {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Channel::Desk => "Trực tiếp",
            Channel::Post => "Bưu chính",
            Channel::Online => "Trực tuyến",
        }
    }
}

/// How the result goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnMethod {
    /// At the desk.
    Desk,
    /// By post.
    Post,
    /// Online, as an electronic result file.
    Online,
}

/// How a fee was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Cash or card at the desk.
    Desk,
    /// Online payment.
    Online,
}

/// The applicant as sent (the JSON of the API and the intake form) and as recorded on the
/// dossier. Personal data: never logged.
///
/// The fields are plain strings on purpose: a dossier records what was accepted, possibly under
/// older rules, and reading it back never fails on a limit added later. New dossiers get theirs
/// through [`NewApplicant::parse`](super::NewApplicant::parse), which [`intake`](super::intake)
/// calls (docs/rules.md, «Dữ liệu nhập»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// Person or organisation.
    pub kind: ApplicantType,
    /// Full name.
    pub name: String,
    /// Citizen ID number (CCCD) or the organisation's tax code.
    #[serde(default)]
    pub id_number: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
}

/// Facts fixed at creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Procedure code.
    pub procedure_code: ProcedureCode,
    /// Version in force at reception.
    pub procedure_version: u32,
    /// Procedure name.
    pub procedure_name: String,
    /// Field (lĩnh vực).
    pub field: String,
    /// Time limit applied.
    pub time_limit: TimeLimit,
    /// Internal process.
    pub steps: Vec<Step>,
    /// Fees due.
    pub fees: Vec<Fee>,
    /// Whether the clock may pause for payment.
    pub payment_pause_allowed: bool,
    /// Whether the procedure's result is a document (dossiers stored before: a document).
    #[serde(default)]
    pub result_kind: ResultKind,
    /// Where it was received.
    pub receiving_unit: UnitCode,
    /// Who decides.
    pub competent_unit: UnitCode,
    /// The applicant.
    pub applicant: Applicant,
    /// How it came in.
    pub channel: Channel,
    /// How the result goes back.
    pub return_method: ReturnMethod,
    /// Components digitised at reception.
    pub digitised: bool,
    /// Components taken from data already digitised (not asked of the applicant again).
    #[serde(default)]
    pub reused_data: bool,
    /// The one-stop rules in force at reception (`118/2025` or `61/2018`).
    pub rule_version: String,
    /// Imported from a legacy system: the due instant is the one it recorded.
    #[serde(default)]
    pub imported: bool,
}

impl Facts {
    /// Total fees in đồng.
    pub fn total_fee(&self) -> u64 {
        self.fees.iter().map(|f| f.amount).sum()
    }
}
