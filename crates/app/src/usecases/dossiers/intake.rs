//! Receiving a dossier at the desk: the receiving unit the officer works at, a competent unit the
//! procedure allows, the code, the due date and the receipt.

use super::view::DossierView;
use super::{Org, require_unit};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::idempotency::{ClientKey, IdempotencyKey};
use crate::permissions::{can_read, offered, officer, receiving_units, require_role};
use motcua_domain::catalogue::{ProcedureVersion, competent_units};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Applicant, Channel, IntakeInput, ReturnMethod, intake};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Role, Unit, open_for_intake};
use serde::{Deserialize, Serialize};

/// What the desk sends to receive a dossier.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeRequest {
    /// Procedure code.
    pub procedure_code: String,
    /// Receiving unit; default: the first unit where the officer holds the desk role.
    #[serde(default)]
    pub receiving_unit: Option<UnitCode>,
    /// Competent unit; default: the receiving unit when the procedure allows it, else the only
    /// unit it allows.
    #[serde(default)]
    pub competent_unit: Option<UnitCode>,
    /// The applicant as sent; intake parses every field (docs/rules.md §10) and refuses a bad
    /// one as `Invalid` on `applicant.<field>`.
    pub applicant: Applicant,
    /// How it came in (default: desk).
    #[serde(default = "desk")]
    pub channel: Channel,
    /// How the result goes back (default: desk).
    #[serde(default = "desk_return")]
    pub return_method: ReturnMethod,
    /// Components digitised at reception.
    #[serde(default)]
    pub digitised: bool,
    /// Components reused from earlier digitised data.
    #[serde(default)]
    pub reused_data: bool,
    /// Fees paid at the desk at reception.
    #[serde(default)]
    pub paid_at_desk: bool,
}

/// What the desk's form offers (see [`App::intake_choices`]).
#[derive(Debug, Clone)]
pub struct IntakeChoices {
    /// Units where the caller receives dossiers.
    pub receiving: Vec<Unit>,
    /// Units that may decide a dossier received there.
    pub competent: Vec<Unit>,
}

fn desk() -> Channel {
    Channel::Desk
}

fn desk_return() -> ReturnMethod {
    ReturnMethod::Desk
}

impl App {
    /// Receives a dossier at the desk: code, due date and receipt. A retry with the same
    /// idempotency key (same user, channel and request) returns the dossier created the first
    /// time; the same key with another request is refused.
    pub async fn intake(
        &self,
        caller: &Caller,
        req: IntakeRequest,
        key: Option<ClientKey>,
    ) -> Result<DossierView, AppError> {
        let actor = officer(caller, "tiếp nhận hồ sơ")?;
        let org = self.org().await?;
        let receiving = match &req.receiving_unit {
            Some(u) => u.clone(),
            None => receiving_units(caller, &org)
                .first()
                .map(|u| u.code.clone())
                .ok_or_else(|| AppError::Forbidden("tiếp nhận hồ sơ".into()))?,
        };
        require_unit(&org, &receiving, "receiving_unit")?;
        require_role(caller, &org, Role::TiepNhan, &receiving)?;
        let now = self.now();
        open_desk(&org, &receiving, now.date())?;
        let procedure = self.procedure(&req.procedure_code).await?;
        let competent = competent_unit(
            &org,
            &procedure,
            &receiving,
            req.competent_unit.as_ref(),
            now.date(),
        )?;
        let key = key.map(|k| {
            let body = serde_json::to_vec(&req).unwrap_or_default();
            IdempotencyKey::for_caller(caller, k, &body)
        });
        let (calendar, hours) = self.unit_time(&org, &competent).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let new = intake(
            IntakeInput {
                procedure: &procedure,
                receiving_unit: receiving,
                competent_unit: competent,
                applicant: req.applicant,
                channel: req.channel,
                return_method: req.return_method,
                digitised: req.digitised,
                reused_data: req.reused_data,
                receive_now: true,
                paid_at_desk: req.paid_at_desk,
            },
            now,
            &engine,
        )?;
        let inserted = self
            .store
            .insert_dossier(new, &actor.username, key.as_ref())
            .await?;
        if let (Some(stored), Some(key)) = (&inserted.replay_of, &key) {
            if stored != key.request_digest() {
                return Err(AppError::invalid(
                    "idempotency_key_reused",
                    "Idempotency-Key",
                    "khóa chống gửi trùng này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới",
                ));
            }
            if !can_read(caller, &org, &inserted.dossier) {
                return Err(AppError::Conflict(
                    "khóa chống gửi trùng này đã được dùng cho một hồ sơ bạn không còn quyền xem"
                        .into(),
                ));
            }
        }
        let actions = offered(caller, &org, &inserted.dossier);
        Ok(DossierView::new(
            inserted.dossier,
            inserted.events,
            &engine,
            now,
            actions,
            Vec::new(),
        ))
    }

    /// The units that may decide a dossier of `procedure_code` received at `receiving` today
    /// (for the desk's competent-unit picker).
    pub async fn competent_choices(
        &self,
        caller: &Caller,
        procedure_code: &str,
        receiving: &UnitCode,
    ) -> Result<Vec<Unit>, AppError> {
        officer(caller, "tiếp nhận hồ sơ")?;
        let org = self.org().await?;
        require_unit(&org, receiving, "receiving_unit")?;
        require_role(caller, &org, Role::TiepNhan, receiving)?;
        let procedure = self.procedure(procedure_code).await?;
        let Some(unit) = org.unit(receiving) else {
            return Ok(Vec::new());
        };
        Ok(
            competent_units(&procedure.spec, unit, org.units(), self.now().date())
                .into_iter()
                .cloned()
                .collect(),
        )
    }

    /// What the desk's form offers: the units where the caller receives dossiers, and every
    /// unit the catalogue lets decide a dossier received there (the use case checks the pair for
    /// the procedure chosen).
    pub async fn intake_choices(&self, caller: &Caller) -> Result<IntakeChoices, AppError> {
        let org = self.org().await?;
        let receiving = receiving_units(caller, &org);
        let procedures = self.store.procedures().await?;
        let today = self.now().date();
        let mut competent: Vec<Unit> = Vec::new();
        for desk in &receiving {
            for p in &procedures {
                for u in competent_units(&p.spec, desk, org.units(), today) {
                    if !competent.iter().any(|c| c.code == u.code) {
                        competent.push(u.clone());
                    }
                }
            }
        }
        competent.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(IntakeChoices {
            receiving,
            competent,
        })
    }
}

/// Refuses intake at a unit past its last day, naming its successor (docs/rules.md §2.2).
fn open_desk(org: &Org, receiving: &UnitCode, today: chrono::NaiveDate) -> Result<(), AppError> {
    let Some(desk) = org.unit(receiving) else {
        return Ok(());
    };
    open_for_intake(desk, org.units(), today)
        .map_err(|closed| AppError::invalid("unit_closed", "receiving_unit", closed.to_string()))
}

/// The competent unit of a new dossier: the one asked for if the procedure allows it for the
/// receiving unit; by default the receiving unit, or the only unit allowed.
fn competent_unit(
    org: &Org,
    procedure: &ProcedureVersion,
    receiving: &UnitCode,
    asked: Option<&UnitCode>,
    today: chrono::NaiveDate,
) -> Result<UnitCode, AppError> {
    let desk = org.unit(receiving).ok_or_else(|| {
        AppError::invalid(
            "unknown_unit",
            "receiving_unit",
            format!("không có đơn vị mã «{receiving}»"),
        )
    })?;
    let allowed = competent_units(&procedure.spec, desk, org.units(), today);
    let pick = match asked {
        Some(code) => allowed.iter().find(|u| &u.code == code),
        None => allowed
            .iter()
            .find(|u| &u.code == receiving)
            .or_else(|| allowed.first().filter(|_| allowed.len() == 1)),
    };
    if let Some(unit) = pick {
        return Ok(unit.code.clone());
    }
    let names: Vec<String> = allowed
        .iter()
        .map(|u| format!("{} ({})", u.name, u.code))
        .collect();
    let message = match (asked, names.is_empty()) {
        (_, true) => format!(
            "thủ tục {} không được tiếp nhận tại đơn vị {receiving}",
            procedure.spec.code
        ),
        (Some(code), false) => format!(
            "đơn vị {code} không giải quyết thủ tục {} nhận tại {receiving}; chọn một trong: {}",
            procedure.spec.code,
            names.join(", ")
        ),
        (None, false) => format!("chọn đơn vị giải quyết: {}", names.join(", ")),
    };
    Err(AppError::invalid(
        "competent_unit_not_allowed",
        "competent_unit",
        message,
    ))
}
