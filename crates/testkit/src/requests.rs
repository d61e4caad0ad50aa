//! Intake requests as a desk officer fills them in the tests, and online submissions as a portal
//! stores them.

use chrono::NaiveDateTime;
use motcua_app::IntakeRequest;
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::{ApplicantType, ProcedureVersion};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Applicant, Channel, IntakeInput, NewDossier, ReturnMethod, intake};
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

/// An online submission of `procedure` to `unit` made at `at`, waiting for the completeness
/// check (applicant «Trần Thị Bình», phone 0912345678): what a portal hands the store.
///
/// # Panics
/// When the unit code does not parse or intake refuses it: a failed test.
pub fn online_submission(
    procedure: &ProcedureVersion,
    unit: &str,
    at: NaiveDateTime,
) -> NewDossier {
    let unit = UnitCode::parse(unit).unwrap_or_else(|e| panic!("unit code {unit}: {e}"));
    let (calendar, hours) = (WorkCalendar::ccvc(), OfficeHours::default());
    intake(
        IntakeInput {
            procedure,
            receiving_unit: unit.clone(),
            competent_unit: unit,
            applicant: Applicant {
                kind: ApplicantType::Citizen,
                name: "Trần Thị Bình".into(),
                id_number: None,
                phone: Some("0912345678".into()),
                email: None,
                address: None,
            },
            channel: Channel::Online,
            return_method: ReturnMethod::Online,
            digitised: true,
            reused_data: false,
            receive_now: false,
            paid_at_desk: false,
        },
        at,
        &DeadlineEngine::new(&calendar, &hours),
    )
    .unwrap_or_else(|e| panic!("online submission: {e}"))
}
