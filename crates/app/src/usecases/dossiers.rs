//! Dossier use cases: intake, actions, reading, lists, the people a step may go to and the
//! citizen's look-up. Each takes a [`crate::Caller`] checked by [`crate::permissions`].

mod act;
mod intake;
mod lookup;
mod people;
mod read;
mod view;

pub use intake::{IntakeChoices, IntakeRequest};
pub use lookup::PublicView;
pub use people::Assignee;
pub use read::{DossierFilter, PageSize};
pub use view::DossierView;
pub(crate) use view::explanation;

use crate::error::AppError;
use crate::permissions::Org;
use motcua_domain::ids::{DossierCode, UnitCode};

fn parse_code(code: &str) -> Result<DossierCode, AppError> {
    DossierCode::parse(code)
        .map_err(|e| AppError::invalid("invalid_dossier_code", "code", e.to_string()))
}

fn require_unit(org: &Org, code: &UnitCode, field: &str) -> Result<(), AppError> {
    if org.unit(code).is_some() {
        Ok(())
    } else {
        Err(AppError::invalid(
            "unknown_unit",
            field,
            format!("không có đơn vị mã «{code}»"),
        ))
    }
}
