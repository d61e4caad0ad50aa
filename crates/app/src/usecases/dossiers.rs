//! Dossier use cases: intake, actions, reading, lists and the citizen's look-up.

use crate::App;
use crate::error::AppError;
use crate::permissions::{Org, authorize_action, can_read, require_role};
use crate::store::{Cursor, DossierQuery};
use chrono::NaiveDateTime;
use motcua_domain::classify::TimeClass;
use motcua_domain::deadline::{DeadlineEngine, Explanation};
use motcua_domain::dossier::{
    Action, Applicant, Channel, Dossier, Event, IntakeInput, ReturnMethod, Status, decide, intake,
};
use motcua_domain::ids::{DossierCode, UnitCode};
use motcua_domain::input::lookup_key;
use motcua_domain::org::{Actor, Role};
use serde::{Deserialize, Serialize};

/// What the desk sends to receive a dossier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeRequest {
    /// Procedure code.
    pub procedure_code: String,
    /// Receiving unit; default: where the officer holds the desk role.
    #[serde(default)]
    pub receiving_unit: Option<UnitCode>,
    /// Competent unit; default: the receiving unit.
    #[serde(default)]
    pub competent_unit: Option<UnitCode>,
    /// The applicant as sent; intake parses every field (docs/rules.md, «Dữ liệu nhập») and
    /// refuses a bad one as `Invalid` on `applicant.<field>`.
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

fn desk() -> Channel {
    Channel::Desk
}

fn desk_return() -> ReturnMethod {
    ReturnMethod::Desk
}

/// A dossier as staff see it.
#[derive(Debug, Clone, Serialize)]
pub struct DossierView {
    /// The state.
    pub dossier: Dossier,
    /// The history.
    pub events: Vec<Event>,
    /// How the due date was computed (after reception).
    pub explanation: Option<Explanation>,
    /// The same in Vietnamese lines.
    pub explanation_text: Vec<String>,
    /// Early / on time / late now.
    pub time_class: Option<TimeClass>,
    /// Warnings from the last action.
    pub warnings: Vec<String>,
}

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
    /// Appointment for the result.
    pub due_at: Option<NaiveDateTime>,
    /// New appointment after an apology.
    pub new_appointment: Option<NaiveDateTime>,
    /// Plain-words explanation of the appointment.
    pub summary: Option<String>,
    /// Result handed back at.
    pub returned_at: Option<NaiveDateTime>,
}

/// A staff list request.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DossierFilter {
    /// Only this status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Only open dossiers.
    #[serde(default)]
    pub open_only: bool,
    /// Only open dossiers due by then.
    #[serde(default)]
    pub due_before: Option<NaiveDateTime>,
    /// Keyset position.
    #[serde(default)]
    pub after: Option<Cursor>,
    /// Page size.
    #[serde(default)]
    pub limit: Option<u32>,
}

impl App {
    /// Receives a dossier at the desk: code, due date and receipt. A retried request with the same
    /// idempotency key returns the dossier created the first time.
    pub async fn intake(
        &self,
        actor: &Actor,
        req: IntakeRequest,
        idempotency_key: Option<&str>,
    ) -> Result<DossierView, AppError> {
        let org = self.org().await?;
        let receiving = match req.receiving_unit {
            Some(u) => u,
            None => actor
                .grants
                .iter()
                .find(|g| g.role == Role::TiepNhan)
                .map(|g| g.unit.clone())
                .ok_or_else(|| AppError::Forbidden("tiếp nhận hồ sơ".into()))?,
        };
        require_unit(&org, &receiving, "receiving_unit")?;
        require_role(actor, &org, Role::TiepNhan, &receiving)?;
        let competent = req.competent_unit.unwrap_or_else(|| receiving.clone());
        require_unit(&org, &competent, "competent_unit")?;
        let procedure = self.procedure(&req.procedure_code).await?;
        let (calendar, hours) = self.unit_time(&org, &competent).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let now = self.now();
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
            .insert_dossier(new, &actor.username, idempotency_key)
            .await?;
        Ok(view(
            inserted.dossier,
            inserted.events,
            &engine,
            now,
            Vec::new(),
        ))
    }

    /// Does an action on a dossier.
    pub async fn act(
        &self,
        actor: &Actor,
        code: &str,
        action: Action,
    ) -> Result<DossierView, AppError> {
        let code = parse_code(code)?;
        // Texts bounded before anything looks them up (`decide` parses them again).
        let action = action.parse_texts()?;
        let org = self.org().await?;
        let (dossier, mut events) = self.load(actor, &org, &code).await?;
        authorize_action(actor, &org, &action, &dossier)?;
        match &action {
            Action::Transfer { to_unit, .. } => require_unit(&org, to_unit, "to_unit")?,
            Action::Assign { to } if self.store.user(to).await?.is_none() => {
                return Err(AppError::invalid(
                    "unknown_user",
                    "to",
                    format!("không có người dùng «{to}»"),
                ));
            }
            _ => {}
        }
        let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        let now = self.now();
        let decided = decide(&dossier, &action, now, &engine)?;
        let mut next = dossier.clone();
        let mut new_events = Vec::with_capacity(decided.events.len());
        for (i, kind) in decided.events.into_iter().enumerate() {
            let event = Event {
                seq: dossier.version + 1 + u32::try_from(i).unwrap_or(0),
                at: now,
                actor: actor.username.clone(),
                kind,
            };
            next.apply(&event);
            new_events.push(event);
        }
        self.store
            .append_events(&next, dossier.version, &new_events)
            .await?;
        events.extend(new_events);
        Ok(view(next, events, &engine, now, decided.warnings))
    }

    /// A dossier with its history and due-date explanation.
    pub async fn dossier(&self, actor: &Actor, code: &str) -> Result<DossierView, AppError> {
        let code = parse_code(code)?;
        let org = self.org().await?;
        let (dossier, events) = self.load(actor, &org, &code).await?;
        let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
        let engine = DeadlineEngine::new(&calendar, &hours);
        Ok(view(dossier, events, &engine, self.now(), Vec::new()))
    }

    /// A page of the dossiers the actor may see, newest first.
    pub async fn list_dossiers(
        &self,
        actor: &Actor,
        filter: DossierFilter,
    ) -> Result<Vec<Dossier>, AppError> {
        let org = self.org().await?;
        let units = org.visible_units(actor);
        if units.is_empty() {
            return Ok(Vec::new());
        }
        let query = DossierQuery {
            units: Some(units),
            status: filter.status,
            open_only: filter.open_only,
            due_before: filter.due_before,
            after: filter.after,
            limit: filter.limit.unwrap_or(50).clamp(1, 500),
        };
        Ok(self.store.list_dossiers(&query).await?)
    }

    /// The citizen's look-up: the code and the phone or ID number on the dossier, both sides
    /// normalised alike ([`lookup_key`]: `+84 912 345 678` finds `0912345678`).
    pub async fn public_lookup(&self, code: &str, factor: &str) -> Result<PublicView, AppError> {
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
        let summary = explanation(&dossier, &engine).map(|x| x.summary_for_applicant_vi());
        Ok(PublicView {
            procedure_name: dossier.facts.procedure_name.clone(),
            status: dossier.status,
            status_label: dossier.status.label_vi().to_owned(),
            received_at: dossier.received_at,
            due_at: dossier.due_at,
            new_appointment: dossier.apology.as_ref().map(|a| a.new_date),
            summary,
            returned_at: dossier.returned.as_ref().map(|r| r.at),
            code: dossier.code,
        })
    }

    async fn load(
        &self,
        actor: &Actor,
        org: &Org,
        code: &DossierCode,
    ) -> Result<(Dossier, Vec<Event>), AppError> {
        let missing = || AppError::NotFound(format!("hồ sơ {code}"));
        let (dossier, events) = self.store.dossier(code).await?.ok_or_else(missing)?;
        if can_read(actor, org, &dossier) {
            Ok((dossier, events))
        } else {
            Err(missing())
        }
    }
}

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

/// The due-date explanation of a received dossier; none for a dossier imported from a legacy
/// system, whose due instant is the one that system recorded.
pub(crate) fn explanation(dossier: &Dossier, engine: &DeadlineEngine<'_>) -> Option<Explanation> {
    if dossier.facts.imported {
        return None;
    }
    let received = dossier.received_at?;
    let deadline = engine
        .deadline(received, dossier.facts.time_limit, &dossier.pauses)
        .ok()?;
    Some(engine.explain(&deadline))
}

fn view(
    dossier: Dossier,
    events: Vec<Event>,
    engine: &DeadlineEngine<'_>,
    now: NaiveDateTime,
    warnings: Vec<String>,
) -> DossierView {
    let explanation = explanation(&dossier, engine);
    DossierView {
        explanation_text: explanation
            .as_ref()
            .map(|x| x.lines_vi())
            .unwrap_or_default(),
        explanation,
        time_class: dossier.time_class(now),
        dossier,
        events,
        warnings,
    }
}
