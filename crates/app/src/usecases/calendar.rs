//! Administrators change a calendar day; open dossiers' due instants follow, with an event each.

use crate::App;
use crate::error::AppError;
use crate::store::DossierQuery;
use chrono::{Datelike, NaiveDateTime, Weekday};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::deadline::{DeadlineEngine, OpenDeadline, recompute};
use motcua_domain::dossier::{Event, EventKind};
use motcua_domain::ids::DossierCode;
use motcua_domain::org::{Actor, Role};
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
    /// Records a calendar change and recomputes the open dossiers it affects.
    pub async fn change_calendar_day(
        &self,
        actor: &Actor,
        change: CalendarChange,
    ) -> Result<Vec<Recomputed>, AppError> {
        if !actor.grants.iter().any(|g| g.role == Role::QuanTri) {
            return Err(AppError::Forbidden("sửa lịch làm việc".into()));
        }
        if change.day.reason.trim().is_empty() || change.day.reference.trim().is_empty() {
            return Err(AppError::invalid(
                "missing_reference",
                "reference",
                "thay đổi lịch phải có lý do và số hiệu văn bản",
            ));
        }
        let day = change.day.parse_texts()?;
        let weekend = matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun);
        if day.kind == DayKind::Weekend && !weekend {
            return Err(AppError::invalid(
                "invalid_kind",
                "kind",
                "ngày thường không thể là ngày cuối tuần",
            ));
        }
        self.store
            .add_calendar_override(&change.calendar, &day, &actor.username)
            .await?;
        self.recompute_open(&change.calendar, &actor.username, &day)
            .await
    }

    async fn recompute_open(
        &self,
        calendar_name: &str,
        actor: &str,
        day: &CalendarOverride,
    ) -> Result<Vec<Recomputed>, AppError> {
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
            limit: 500,
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
                    let event = Event {
                        seq: dossier.version + 1,
                        at: now,
                        actor: actor.to_owned(),
                        kind: EventKind::DueRecomputed {
                            from: m.old_due,
                            to: m.new_due,
                            reason: reason.clone(),
                        },
                    };
                    let mut next = dossier.clone();
                    next.apply(&event);
                    self.store
                        .append_events(&next, dossier.version, std::slice::from_ref(&event))
                        .await?;
                    moved_all.push(Recomputed {
                        code: dossier.code.clone(),
                        from: m.old_due,
                        to: m.new_due,
                    });
                }
            }
        }
        Ok(moved_all)
    }
}
