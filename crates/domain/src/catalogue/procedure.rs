//! A procedure version: what the applicant brings, pays, waits and gets, and the internal process.

use crate::calendar::OfficeHours;
use crate::deadline::{BudgetError, StepBudget, TimeLimit, check_budgets};
use crate::ids::ProcedureCode;
use crate::org::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The level of government competent to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureLevel {
    /// Cấp xã.
    Commune,
    /// Cấp tỉnh.
    Province,
}

/// Online service level (Nghị định 42/2022/NĐ-CP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình: end-to-end online.
    Full,
    /// Một phần: partly online.
    Partial,
    /// Information only.
    None,
}

/// Whether the procedure's result is a document (giấy tờ). Decision 766 looks only at procedures
/// whose result is a document for electronic results (4.1), and asks of their online and
/// digitised dossiers an electronic result too (3.3, 4.2) (docs/rules.md §3.2, §9.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// A document: a certificate, licence, decision, extract, certified copy… (the default).
    #[default]
    Document,
    /// No document: a database updated, a notice, a service rendered.
    NoDocument,
}

impl ResultKind {
    /// The result is a document.
    pub fn is_document(self) -> bool {
        self == ResultKind::Document
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            ResultKind::Document => "Có giấy tờ",
            ResultKind::NoDocument => "Không có giấy tờ",
        }
    }
}

/// Who may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantType {
    /// Cá nhân.
    Citizen,
    /// Tổ chức.
    Organisation,
}

/// Status of a procedure version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureStatus {
    /// In force.
    Active,
    /// Superseded by a newer version.
    Amended,
    /// Abolished.
    Abolished,
}

/// The decision that published a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Number, e.g. `1234/QĐ-UBND`.
    pub number: String,
    /// Date signed.
    pub date: NaiveDate,
}

/// A document of the dossier (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Name.
    pub name: String,
    /// Originals required.
    pub originals: u32,
    /// Copies required.
    pub copies: u32,
    /// Whether the dossier is incomplete without it.
    pub required: bool,
}

/// A fee or charge, in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Name.
    pub name: String,
    /// Amount in đồng.
    pub amount: u64,
    /// Legal basis.
    pub basis: String,
    /// Who is exempt.
    pub exemptions: String,
}

/// A step of the internal process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Name.
    pub name: String,
    /// Who performs it.
    pub role: Role,
    /// Working minutes allotted.
    pub budget_minutes: u32,
}

/// A procedure as published (and as written in an import file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureSpec {
    /// National code.
    pub code: ProcedureCode,
    /// Name.
    pub name: String,
    /// Field (lĩnh vực).
    pub field: String,
    /// Competent level.
    pub level: ProcedureLevel,
    /// Legal bases.
    pub legal_bases: Vec<String>,
    /// Publication decision.
    pub decision: Publication,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Statutory time limit.
    pub time_limit: TimeLimit,
    /// Shorter time limit published locally, used for the due date when present.
    pub published_time_limit: Option<TimeLimit>,
    /// Documents to submit.
    pub components: Vec<Component>,
    /// Who may apply.
    pub applicant_types: Vec<ApplicantType>,
    /// Fees and charges.
    pub fees: Vec<Fee>,
    /// What the applicant receives.
    pub result: String,
    /// Whether that result is a document; a catalogue without it means a document.
    #[serde(default)]
    pub result_kind: ResultKind,
    /// Online service level.
    pub online_level: OnlineLevel,
    /// Whether it can be done regardless of residence (phi địa giới).
    pub regardless_of_residence: bool,
    /// Whether the clock may pause while the applicant pays.
    pub payment_pause_allowed: bool,
    /// The internal process.
    pub steps: Vec<Step>,
}

impl ProcedureSpec {
    /// The time limit that sets due dates: the published one when shorter, else the statutory one.
    pub fn effective_time_limit(&self) -> TimeLimit {
        self.published_time_limit.unwrap_or(self.time_limit)
    }

    /// Total fees in đồng.
    pub fn total_fee(&self) -> u64 {
        self.fees.iter().map(|f| f.amount).sum()
    }

    /// Step budgets.
    pub fn budgets(&self) -> Vec<StepBudget> {
        self.steps
            .iter()
            .map(|s| StepBudget {
                minutes: s.budget_minutes,
            })
            .collect()
    }

    /// Checks that the internal process fits the time limit under `hours`, the office hours of
    /// the province that publishes the catalogue (docs/rules.md §3.5, §4.9).
    pub fn check_process(&self, hours: &OfficeHours) -> Result<(), BudgetError> {
        check_budgets(self.effective_time_limit(), &self.budgets(), hours)
    }
}

/// A stored version of a procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureVersion {
    /// Version number, from 1.
    pub version: u32,
    /// Status.
    pub status: ProcedureStatus,
    /// The published content.
    #[serde(flatten)]
    pub spec: ProcedureSpec,
}
