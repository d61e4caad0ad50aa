//! The per-dossier rule of each indicator counted from records: whether a dossier is in the
//! denominator, and whether it lost the indicator.

use super::indicator_id::IndicatorId;
use crate::stats::place::{Intake, Placement};
use crate::stats::record::Record;

/// What one dossier does to one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Not in the denominator.
    Out,
    /// In the denominator and the numerator.
    Kept,
    /// In the denominator; subtracts this many from the numerator (satisfaction subtracts a
    /// late dossier and a complaint separately, as 100% − (late rate + complaint rate)).
    Lost(u8),
}

/// Late for Decision 766 (indicator 2.1): late or overdue at the end of the period, or more than
/// one supplement request after reception.
pub(crate) fn late_766(p: Placement, r: &Record) -> bool {
    p.class.is_late() || r.supplements_after_reception > 1
}

/// The result is electronic where one is asked for: a procedure without a document result asks
/// for none.
fn electronic(r: &Record) -> bool {
    !r.document_result || r.e_result
}

fn kept_if(success: bool) -> Verdict {
    if success {
        Verdict::Kept
    } else {
        Verdict::Lost(1)
    }
}

/// The verdict of a dossier placed in the period (see [`crate::stats::place`]).
///
/// Denominators: dossiers received or processed in the period (column 3) for 2.1 and 5.4;
/// received in the period (columns 4 + 5) for 3.3, 4.2, 4.3, and 3.6 when fee-bearing; ended in
/// the period (column 7) for 4.1, only of procedures whose result is a document. A dossier of
/// such a procedure counts as online (3.3) or digitised (4.2) only with an electronic result
/// (docs/rules.md §9.1). 2.2 is counted apart (see `count_records`).
pub(crate) fn verdict(id: IndicatorId, p: Placement, r: &Record) -> Verdict {
    let received_in_period = p.intake != Intake::CarriedOver;
    match id {
        IndicatorId::OnTime => kept_if(!late_766(p, r)),
        IndicatorId::Satisfaction => match u8::from(late_766(p, r)) + u8::from(r.dissatisfied()) {
            0 => Verdict::Kept,
            n => Verdict::Lost(n),
        },
        IndicatorId::OnlineShare if received_in_period => kept_if(r.online && electronic(r)),
        IndicatorId::PaidOnline if received_in_period && r.fee_bearing => kept_if(r.paid_online),
        IndicatorId::Digitised if received_in_period => kept_if(r.digitised && electronic(r)),
        IndicatorId::ReusedData if received_in_period => kept_if(r.reused_data),
        IndicatorId::EResult if p.ended_in_period() && r.document_result => kept_if(r.e_result),
        _ => Verdict::Out,
    }
}
