//! Reports: the periodic report of TTHC resolution (docs/rules.md §8), the Decision 766 index (docs/rules.md §9)
//! and the tracking register (Sổ theo dõi hồ sơ), over a unit and its subtree.
//!
//! Each use case takes a [`Caller`]: staff must hold a role of [`REPORT_ROLES`] over the unit;
//! the operator at the server's command line may read every unit.
//! The figures are computed by `motcua_domain::stats` from the records of [`App::stats_records`].

mod model;
mod records;
mod scope;
mod summary;
mod unit_fields;

pub use model::{IndexReport, Register, RegisterRow, TthcReport};
pub(crate) use records::facts_of;
pub use records::{StatsRecords, catalogue_facts};
pub use scope::{REPORT_ROLES, ReportUnit, Scope, reportable, subtree};
pub use summary::SubtreeSummary;
pub use unit_fields::{FieldRows, UnitFieldRows};

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use motcua_domain::classify::classify;
use motcua_domain::dossier::{Dossier, Leg};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Role, Unit};
use motcua_domain::stats::{
    CatalogueFacts, Figures, Index766, IndexWeights, IndicatorId, Period, Record, Source, losers,
};
use std::collections::HashMap;

impl App {
    /// The scope of a report: the unit asked for (default: the actor's highest unit with a
    /// report role, or the root from the command line) and its subtree, after the permission
    /// check.
    pub async fn report_scope(
        &self,
        caller: &Caller,
        unit: Option<UnitCode>,
    ) -> Result<Scope, AppError> {
        scope::scope(&self.org().await?, caller, unit)
    }

    /// The scope of a report on `unit`, with its predecessors if asked.
    async fn report_scope_of(&self, caller: &Caller, unit: ReportUnit) -> Result<Scope, AppError> {
        let org = self.org().await?;
        let scope = scope::scope(&org, caller, unit.unit)?;
        Ok(if unit.with_predecessors {
            scope.with_predecessors(&org)
        } else {
            scope
        })
    }

    /// The units the actor may report on, in tree order (for a unit picker).
    pub async fn report_units(&self, caller: &Caller) -> Result<Vec<Unit>, AppError> {
        Ok(reportable(&self.org().await?, caller))
    }

    /// The periodic report (Biểu II.06a) of `unit` and its subtree for `period`: totals, a row
    /// per unit (its own dossiers, as competent unit) and a row per field, with the other
    /// figures of the same records (online payments, digitisation, ratings, apologies) and the
    /// feedback (PAKN) of the same units handled within its limits.
    pub async fn report_tthc(
        &self,
        caller: &Caller,
        period: Period,
        unit: impl Into<ReportUnit>,
    ) -> Result<TthcReport, AppError> {
        self.report_tthc_with(caller, period, unit, FieldRows::Subtree)
            .await
    }

    /// [`App::report_tthc`], with the fields of each unit under its row when `fields` asks.
    pub async fn report_tthc_with(
        &self,
        caller: &Caller,
        period: Period,
        unit: impl Into<ReportUnit>,
        fields: FieldRows,
    ) -> Result<TthcReport, AppError> {
        let scope = self.report_scope_of(caller, unit.into()).await?;
        // A period not yet over: open dossiers are classified as of now.
        let period = period.read_at(self.now());
        // Feedback is a separate small query beside the dossier projection.
        let (s, feedback) = tokio::try_join!(
            self.subtree_summary(&scope.units, period),
            self.feedback_on_time(&scope.units, &period),
        )?;
        let unit_fields = match fields {
            FieldRows::Subtree => Vec::new(),
            FieldRows::UnderEachUnit => {
                self.unit_field_rows(&scope.units, period, &s.fields)
                    .await?
            }
        };
        Ok(TthcReport {
            figures: Figures {
                feedback_on_time: feedback,
                ..s.summary.figures
            },
            report: s.summary.report,
            unit: scope.top,
            units: scope.units,
            fields: s.fields,
            unit_fields,
        })
    }

    /// The Decision 766 index of `unit` and its subtree for `period`, with the dossiers that lost
    /// each indicator counted from records, and feedback (PAKN) handled within its limits (5.2)
    /// when the units hold feedback for the period. Indicators that need other outside inputs
    /// (publication, national portal) are not computable here; the points of each indicator are
    /// the portal's where known ([`IndexWeights::portal`]), an estimate.
    pub async fn index766(
        &self,
        caller: &Caller,
        period: Period,
        unit: impl Into<ReportUnit>,
    ) -> Result<IndexReport, AppError> {
        let scope = self.report_scope_of(caller, unit.into()).await?;
        let data = self.stats_records(&scope.units).await?;
        let period = period.read_at(self.now());
        let procedures = self.store.procedures().await?;
        let facts = CatalogueFacts {
            feedback_on_time: self.feedback_on_time(&scope.units, &period).await?,
            ..catalogue_facts(&procedures, &scope.units, &period, &data)
        };
        let index = Index766::compute(period, &data.records, &facts, &IndexWeights::default());
        let losers = IndicatorId::ALL
            .into_iter()
            .filter(|&id| {
                id.source() == Source::Records && index.indicator(id).is_some_and(|i| i.computable)
            })
            .map(|id| (id, losers(&period, &data.records, id)))
            .collect();
        Ok(IndexReport {
            unit: scope.top,
            index,
            codes: data.codes,
            losers,
        })
    }

    /// The tracking register of `unit` and its subtree: the dossiers its desks (receiving units)
    /// received in `period`, by reception instant. The register is the desk's book, so here a
    /// dossier belongs to its receiving unit. Time classes are as of the end of the period, or
    /// now if that is sooner.
    pub async fn register(
        &self,
        caller: &Caller,
        period: Period,
        unit: impl Into<ReportUnit>,
    ) -> Result<Register, AppError> {
        let scope = self.report_scope_of(caller, unit.into()).await?;
        let names: HashMap<&UnitCode, &str> = scope
            .units
            .iter()
            .map(|u| (&u.code, u.name.as_str()))
            .collect();
        let org = self.org().await?;
        let as_of = period.end().min(self.now());
        let mut rows = Vec::new();
        self.each_dossier(&scope.units, |d| {
            let Some(received_at) = d.received_at else {
                return;
            };
            if !names.contains_key(&d.facts.receiving_unit) || !period.contains(received_at.date())
            {
                return;
            }
            let Some(record) = Record::from_dossier(&d, 0, 0) else {
                return;
            };
            let f = &d.facts;
            let a = &f.applicant;
            let contact: Vec<&str> = [&a.address, &a.phone]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .filter(|s| !s.trim().is_empty())
                .collect();
            let competent = org
                .unit(&f.competent_unit)
                .map_or_else(|| f.competent_unit.to_string(), |u| u.name.clone());
            rows.push(RegisterRow {
                procedure_code: f.procedure_code.clone(),
                procedure_name: f.procedure_name.clone(),
                applicant: a.name.clone(),
                contact: contact.join(", "),
                competent_unit: competent,
                channel: f.channel,
                received_at,
                due_at: d.due_at,
                apology: d.apology.clone(),
                handed_over_at: handed_over(&d),
                ended_at: record.ended,
                returned_at: d.returned.as_ref().map(|r| r.at),
                status: d.status,
                time_class: classify(record.due, record.ended, as_of),
                rule_version: f.rule_version.clone(),
                code: d.code,
            });
        })
        .await?;
        rows.sort_by(|a, b| (a.received_at, &a.code).cmp(&(b.received_at, &b.code)));
        // The register names applicants with their addresses and phones: who took it is
        // audited (what was taken is described, not copied).
        let what = serde_json::json!({
            "report": "register",
            "unit": scope.top.code.as_str(),
            "period": period,
            "rows": rows.len(),
        });
        self.record(caller.name(), "export", what).await?;
        Ok(Register {
            unit: scope.top,
            period,
            as_of,
            rows,
        })
    }
}

/// When the desk handed `d` over to the resolving body: its hand-over event (docs/rules.md
/// §6.6); for a dossier recorded before those events, the end of the first step of its process
/// when that step is the desk's (`tiep_nhan`).
fn handed_over(d: &Dossier) -> Option<chrono::NaiveDateTime> {
    if let Some(h) = d.handovers.iter().find(|h| h.leg == Leg::ToCompetent) {
        return Some(h.sent_at);
    }
    let first = d.facts.steps.first()?;
    if first.role != Role::TiepNhan {
        return None;
    }
    d.steps.first().and_then(|s| s.finished_at)
}
