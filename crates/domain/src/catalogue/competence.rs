//! Which units may decide a dossier received at a given desk (docs/rules.md §2, §3): the
//! procedure's level names the kind of body, and only a procedure done regardless of residence
//! (phi địa giới hành chính) may be decided by a unit other than the desk's own.

use super::procedure::{ProcedureLevel, ProcedureSpec};
use crate::org::{Unit, UnitKind};
use chrono::NaiveDate;

/// Whether a unit of `kind` decides procedures of `level`.
fn decides(level: ProcedureLevel, kind: UnitKind) -> bool {
    match level {
        ProcedureLevel::Commune => matches!(kind, UnitKind::Commune | UnitKind::Ward),
        ProcedureLevel::Province => matches!(kind, UnitKind::Province | UnitKind::Department),
    }
}

/// The units of `units` that may decide a dossier of `procedure` received at `receiving` on
/// `on`, in the order given:
/// - a desk of the procedure's level decides its own dossiers; with a procedure done regardless
///   of residence, any unit of that level in the same province may decide;
/// - a desk of another level (the provincial centre, say) receives for the units of the
///   procedure's level below it, or in the whole province when the procedure is done regardless
///   of residence. A provincial procedure received at the centre goes to a department.
pub fn competent_units<'a>(
    procedure: &ProcedureSpec,
    receiving: &Unit,
    units: &'a [Unit],
    on: NaiveDate,
) -> Vec<&'a Unit> {
    let province = receiving.path.first();
    let level = procedure.level;
    units
        .iter()
        .filter(|u| u.is_active_on(on) && decides(level, u.kind))
        .filter(|u| u.path.first() == province)
        .filter(|u| {
            if u.code == receiving.code {
                return true;
            }
            if decides(level, receiving.kind) {
                return procedure.regardless_of_residence;
            }
            procedure.regardless_of_residence
                || level == ProcedureLevel::Province
                || receiving.contains(u)
        })
        .collect()
}
