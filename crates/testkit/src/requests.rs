//! Intake requests as a desk officer fills them in the tests.

use motcua_app::IntakeRequest;
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Applicant, Channel, ReturnMethod};
use motcua_domain::ids::UnitCode;

/// A citizen's dossier of `procedure` received at the desk (the officer's own unit), for the
/// `competent` unit when given, by applicant `name` with phone 0912345678.
pub fn desk_request(procedure: &str, competent: Option<&str>, name: &str) -> IntakeRequest {
    IntakeRequest {
        procedure_code: procedure.into(),
        receiving_unit: None,
        competent_unit: competent
            .map(|c| UnitCode::parse(c).unwrap_or_else(|e| panic!("unit code {c}: {e}"))),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: name.into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: None,
        },
        channel: Channel::Desk,
        return_method: ReturnMethod::Desk,
        digitised: false,
        reused_data: false,
        paid_at_desk: false,
    }
}
