//! Administrators change a day of their unit's calendar; open dossiers' due instants follow, with
//! an event each.

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::{can_read, require_role};
use crate::store::{DossierQuery, PageSize};
use chrono::NaiveDateTime;
use motcua_domain::calendar::{CalendarOverride, ChangeError, calendar_owner};
use motcua_domain::deadline::{DeadlineEngine, OpenDeadline, recompute};
use motcua_domain::dossier::{Dossier, EventKind};
use motcua_domain::ids::DossierCode;
use motcua_domain::org::Role;
use serde::{Deserialize, Serialize};

/// A change of one day of a calendar.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarChange {
    /// Calendar name (default `ccvc`).
    #[serde(default = "ccvc")]
    pub calendar: String,
    /// The day and its new kind, reason and reference.
    #[serde(flatten)]
    pub day: CalendarOverride,
}

fn ccvc() -> String {
    "ccvc".to_owned()
}

/// A dossier whose due instant moved.
#[derive(Debug, Clone, Serialize)]
pub struct Recomputed {
    /// The dossier.
    pub code: DossierCode,
    /// Before.
    pub from: Option<NaiveDateTime>,
    /// After.
    pub to: Option<NaiveDateTime>,
}

impl App {
    /// Records a calendar change and recomputes the open dossiers it affects. The calendar
    /// belongs to the unit above every unit that uses it: only an administrator of that unit
    /// may change it. The answer lists the moved dossiers the caller may read.
    pub async fn change_calendar_day(
        &self,
        caller: &Caller,
        change: CalendarChange,
    ) -> Result<Vec<Recomputed>, AppError> {
        let org = self.org().await?;
        let invalid = |e: ChangeError| AppError::invalid(e.code(), e.field(), e.to_string());
        let owner = calendar_owner(org.units(), &change.calendar).map_err(invalid)?;
        require_role(caller, &org, Role::QuanTri, &owner.code)?;
        change.day.check().map_err(invalid)?;
        let day = change.day.parse_texts()?;
        self.store
            .add_calendar_override(&change.calendar, &day, caller.name())
            .await?;
        let what = serde_json::json!({ "calendar": change.calendar, "day": day });
        self.record(caller.name(), "calendar_change", what).await?;
        let moved = self
            .recompute_open(&change.calendar, caller.name(), &day)
            .await?;
        Ok(moved
            .into_iter()
            .filter(|(dossier, _)| can_read(caller, &org, dossier))
            .map(|(_, r)| r)
            .collect())
    }

    async fn recompute_open(
        &self,
        calendar_name: &str,
        actor: &str,
        day: &CalendarOverride,
    ) -> Result<Vec<(Dossier, Recomputed)>, AppError> {
        let org = self.org().await?;
        let now = self.now();
        let reason = format!(
            "Lịch làm việc thay đổi: ngày {} là «{}» — {} ({})",
            day.date.format("%d/%m/%Y"),
            day.kind.label_vi(),
            day.reason,
            day.reference
        );
        let mut moved_all = Vec::new();
        let mut query = DossierQuery {
            open_only: true,
            limit: PageSize::new(Some(PageSize::MAX)),
            ..DossierQuery::default()
        };
        loop {
            let page = self.store.list_dossiers(&query).await?;
            let Some(last) = page.last() else { break };
            query.after = Some(crate::store::Cursor {
                created_at: last.created_at,
                code: last.code.clone(),
            });
            for dossier in page {
                let (calendar, hours) = self.unit_time(&org, &dossier.facts.competent_unit).await?;
                if calendar.name() != calendar_name {
                    continue;
                }
                let engine = DeadlineEngine::new(&calendar, &hours);
                let Some(received) = dossier.received_at else {
                    continue;
                };
                let open = [OpenDeadline {
                    id: (),
                    received,
                    limit: dossier.facts.time_limit,
                    pauses: dossier.pauses.clone(),
                    current_due: dossier.due_at,
                }];
                for m in recompute(&engine, &open) {
                    let kind = EventKind::DueRecomputed {
                        from: m.old_due,
                        to: m.new_due,
                        reason: reason.clone(),
                    };
                    let (next, events) = dossier.stamp(vec![kind], now, actor);
                    self.store
                        .append_events(&next, dossier.version, &events)
                        .await?;
                    let moved = Recomputed {
                        code: dossier.code.clone(),
                        from: m.old_due,
                        to: m.new_due,
                    };
                    moved_all.push((next, moved));
                }
            }
        }
        Ok(moved_all)
    }
}
