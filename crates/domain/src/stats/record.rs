//! One received dossier, reduced to what the statistics read.

use super::rating::Rating;
use crate::dossier::{Channel, Dossier, PaymentMethod, Status};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A received dossier for statistics: small, `Copy`, and easy to load column by column.
///
/// `unit` and `field` are indexes into tables the caller holds (units, fields); memory for a
/// report grows with the largest index, so keep them dense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Record {
    /// Index of the unit the dossier is counted for.
    pub unit: u32,
    /// Index of its field (lĩnh vực).
    pub field: u32,
    /// Received online (column 4); otherwise at the desk or by post (column 5).
    pub online: bool,
    /// Reception instant (local time): the clock starts here.
    pub received: NaiveDateTime,
    /// The due instant the dossier is classified against: the final due instant, pauses
    /// included (`Dossier::classification_due`); `None` while paused with working time left.
    pub due: Option<NaiveDateTime>,
    /// When it ended: resolved, stopped or withdrawn.
    pub ended: Option<NaiveDateTime>,
    /// The procedure charges a fee or charge for this dossier.
    pub fee_bearing: bool,
    /// The fee was paid online.
    pub paid_online: bool,
    /// Amount paid online, in đồng (0 when not paid online).
    pub paid_online_vnd: u64,
    /// Its components were digitised at reception.
    pub digitised: bool,
    /// An electronic result was issued: the decision carries a stored result file.
    pub e_result: bool,
    /// The procedure's result is a document (giấy tờ): only those count in indicator 4.1, and
    /// need an electronic result in 3.3 and 4.2 (docs/rules.md §9.1).
    pub document_result: bool,
    /// At least one component reused earlier digitised data.
    pub reused_data: bool,
    /// Supplement requests after reception (more than one counts as late in Decision 766).
    pub supplements_after_reception: u8,
    /// An apology and new appointment was issued in time (Mẫu 04): at the latest one working
    /// day before the due instant.
    pub apology: bool,
    /// An apology was issued late: less than one working day before the due instant, or after
    /// it (docs/rules.md §6). Counted apart from timely ones.
    pub late_apology: bool,
    /// The applicant's rating, if given.
    pub rating: Option<Rating>,
    /// The applicant complained about this dossier (phản ánh, kiến nghị). Feedback items carry no
    /// dossier code, so nothing sets it yet (docs/rules.md, «Chỗ mã nguồn chưa theo»).
    pub complaint: bool,
}

impl Record {
    /// The record of a dossier; `None` for a dossier never received (submitted, or refused at
    /// intake).
    ///
    /// `ended` is the end of a resolved, returned, stopped or withdrawn dossier; `e_result` holds
    /// only when the decision carries a stored result file (a result "returned online" without
    /// one is not electronic). The dossier rating is the applicant's; complaints (PAKN) are not
    /// part of the dossier and start `false`.
    pub fn from_dossier(dossier: &Dossier, unit: u32, field: u32) -> Option<Record> {
        if dossier.status == Status::RefusedAtIntake {
            return None;
        }
        let received = dossier.received_at?;
        let ended = match dossier.status {
            Status::Resolved | Status::Returned | Status::Stopped | Status::Withdrawn => {
                dossier.ended_at
            }
            _ => None,
        };
        let e_result = dossier
            .decision
            .as_ref()
            .is_some_and(|d| d.result_file.is_some());
        let online_payment = dossier
            .payment
            .as_ref()
            .filter(|p| p.method == PaymentMethod::Online);
        Some(Record {
            unit,
            field,
            online: dossier.facts.channel == Channel::Online,
            received,
            due: dossier.classification_due(),
            ended,
            fee_bearing: dossier.facts.total_fee() > 0,
            paid_online: online_payment.is_some(),
            paid_online_vnd: online_payment.map_or(0, |p| p.amount),
            digitised: dossier.facts.digitised,
            e_result,
            document_result: dossier.facts.result_kind.is_document(),
            reused_data: dossier.facts.reused_data,
            supplements_after_reception: u8::try_from(dossier.supplements_after_reception)
                .unwrap_or(u8::MAX),
            apology: dossier.apology.as_ref().is_some_and(|a| !a.late),
            late_apology: dossier.apology.as_ref().is_some_and(|a| a.late),
            rating: dossier.rating,
            complaint: false,
        })
    }

    /// A record received at `received` with nothing else known: direct, open, a procedure whose
    /// result is a document, no flags. A starting point for building records field by field.
    pub fn received_at(unit: u32, field: u32, received: NaiveDateTime) -> Record {
        Record {
            unit,
            field,
            online: false,
            received,
            due: None,
            ended: None,
            fee_bearing: false,
            paid_online: false,
            paid_online_vnd: 0,
            digitised: false,
            e_result: false,
            document_result: true,
            reused_data: false,
            supplements_after_reception: 0,
            apology: false,
            late_apology: false,
            rating: None,
            complaint: false,
        }
    }

    /// A negative rating or a complaint: counted against satisfaction (indicator 5.4).
    pub fn dissatisfied(&self) -> bool {
        self.complaint || self.rating.is_some_and(Rating::is_negative)
    }
}
