//! The citizen's look-up of a dossier's status by its code and the applicant's phone or ID
//! number.

use super::explanation;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use chrono::NaiveDateTime;
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::Status;
use motcua_domain::format;
use motcua_domain::ids::DossierCode;
use motcua_domain::input::lookup_key;
use serde::Serialize;

/// What a citizen sees with the code and a phone or ID number.
#[derive(Debug, Clone, Serialize)]
pub struct PublicView {
    /// Code.
    pub code: DossierCode,
    /// Procedure.
    pub procedure_name: String,
    /// Status code.
    pub status: Status,
    /// Status in Vietnamese.
    pub status_label: String,
    /// Received.
    pub received_at: Option<NaiveDateTime>,
    /// The appointment for the result in force: the new appointment after an apology, in place
    /// of the old one (docs/rules.md §6).
    pub due_at: Option<NaiveDateTime>,
    /// The appointment was moved by an apology letter.
    pub rescheduled: bool,
    /// Plain-words explanation of the appointment.
    pub summary: Option<String>,
    /// Result handed back at.
    pub returned_at: Option<NaiveDateTime>,
}

impl App {
    /// The citizen's look-up: the code and the phone or ID number on the dossier, both sides
    /// normalised alike ([`lookup_key`]: `+84 912 345 678` finds `0912345678`). Open to every
    /// caller: the code and the number are the proof (rate-limited at the edge).
    pub async fn public_lookup(
        &self,
        _caller: &Caller,
        code: &str,
        factor: &str,
    ) -> Result<PublicView, AppError> {
        let not_found =
            || AppError::NotFound("hồ sơ với mã và số điện thoại/số định danh này".into());
        let code = DossierCode::parse(code.trim()).map_err(|_| not_found())?;
        let factor = lookup_key(factor);
        if factor.len() < 6 {
            return Err(AppError::invalid(
                "invalid_second_factor",
                "phone",
                "nhập số điện thoại hoặc số định danh đã khai khi nộp hồ sơ",
            ));
        }
        let Some((dossier, _)) = self.store.dossier(&code).await? else {
            return Err(not_found());
        };
        let a = &dossier.facts.applicant;
        let matches = [&a.phone, &a.id_number]
            .into_iter()
            .flatten()
            .any(|v| lookup_key(v) == factor);
        if !matches {
            return Err(not_found());
        }
        let org = self.org().await?;
        let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let apology = dossier.apology.as_ref();
        let summary = match apology {
            Some(a) => Some(format!(
                "Cơ quan giải quyết đã có văn bản xin lỗi vì chậm trả kết quả ({}) và hẹn lại trả kết quả lúc {} ngày {}.",
                a.reason,
                format::time_on_form(a.new_date),
                format::date(a.new_date.date())
            )),
            None => explanation(&dossier, &engine).map(|x| x.summary_for_applicant_vi()),
        };
        Ok(PublicView {
            procedure_name: dossier.facts.procedure_name.clone(),
            status: dossier.status,
            status_label: dossier.status.label_vi().to_owned(),
            received_at: dossier.received_at,
            due_at: apology.map(|a| a.new_date).or(dossier.due_at),
            rescheduled: apology.is_some(),
            summary,
            returned_at: dossier.returned.as_ref().map(|r| r.at),
            code: dossier.code,
        })
    }
}
