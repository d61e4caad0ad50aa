//! The constituent parts of a procedure (bộ phận tạo thành, Nghị định 63/2010 Art. 8(2)) that
//! a catalogue entry can lack: Decision 766 indicator 1.3 counts the procedures that have all.
//!
//! The other parts (cách thức, thời hạn, cơ quan thực hiện) cannot be missing here: the
//! catalogue always records a level and a time limit, and every procedure can be filed at the
//! desk.

use super::ProcedureSpec;
use serde::{Deserialize, Serialize};

/// A part a procedure's entry can lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Tên thủ tục.
    Name,
    /// Trình tự thực hiện: the internal process steps.
    Sequence,
    /// Thành phần, số lượng hồ sơ: named components, each with a quantity.
    Components,
    /// Đối tượng thực hiện.
    Applicants,
}

impl Part {
    /// Every part, in the order of the decree.
    pub const ALL: [Part; 4] = [
        Part::Name,
        Part::Sequence,
        Part::Components,
        Part::Applicants,
    ];

    /// Its name in the decree.
    pub fn label(self) -> &'static str {
        match self {
            Part::Name => "tên thủ tục",
            Part::Sequence => "trình tự thực hiện",
            Part::Components => "thành phần, số lượng hồ sơ",
            Part::Applicants => "đối tượng thực hiện",
        }
    }

    fn present_in(self, p: &ProcedureSpec) -> bool {
        match self {
            Part::Name => !p.name.trim().is_empty(),
            Part::Sequence => !p.steps.is_empty(),
            Part::Components => {
                !p.components.is_empty()
                    && p.components
                        .iter()
                        .all(|c| !c.name.trim().is_empty() && c.originals + c.copies > 0)
            }
            Part::Applicants => !p.applicant_types.is_empty(),
        }
    }
}

impl ProcedureSpec {
    /// The parts this entry lacks, in the order of the decree.
    pub fn missing_parts(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|part| !part.present_in(self))
            .collect()
    }

    /// Whether it has every constituent part (counted by indicator 1.3).
    pub fn has_every_part(&self) -> bool {
        Part::ALL.into_iter().all(|part| part.present_in(self))
    }
}
