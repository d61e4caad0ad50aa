//! Feedback (PAKN): importing the items of a feedback system (`motcua import feedback
//! FILE.jsonl`), and the share handled within their limits for a report's units and period
//! (docs/rules.md §10; Decision 766 indicator 5.2).

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::permissions::require_root_admin;
use motcua_domain::calendar::OfficeHours;
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::feedback::{FeedbackItem, on_time, parse_line};
use motcua_domain::history::{LineError, line_text, lines};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::Unit;
use motcua_domain::stats::{Fraction, Period};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How to treat bad lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct FeedbackOptions {
    /// Import the valid lines and report the others, instead of importing nothing.
    pub skip_invalid: bool,
}

/// What a feedback import did.
#[derive(Debug, Clone, Default)]
pub struct FeedbackReport {
    /// Items written (new, or replacing the stored item with the same code).
    pub imported: usize,
    /// Lines skipped, with their problem (only with `skip_invalid`).
    pub skipped: Vec<(usize, LineError)>,
}

impl App {
    /// Imports a feedback file (the operator, or an administrator of the whole organisation),
    /// given as its bytes: one JSON object per line (`docs/history-import.md`). Every line is
    /// checked first (UTF-8, fields, codes repeated in the file, units that do not exist); without
    /// `skip_invalid`, one bad line means nothing is imported. An item whose code is stored
    /// replaces it.
    pub async fn import_feedback(
        &self,
        caller: &Caller,
        text: &[u8],
        options: FeedbackOptions,
    ) -> Result<FeedbackReport, AppError> {
        let org = self.org().await?;
        require_root_admin(caller, &org, "nhập phản ánh, kiến nghị")?;
        let mut errors: Vec<(usize, LineError)> = Vec::new();
        let mut items: Vec<FeedbackItem> = Vec::new();
        let mut seen = HashSet::new();
        for (line, bytes) in lines(text).enumerate().map(|(i, l)| (i + 1, l)) {
            let text = match line_text(bytes) {
                Ok(t) if t.trim().is_empty() => continue,
                Ok(t) => t,
                Err(e) => {
                    errors.push((line, e));
                    continue;
                }
            };
            let problem = |field: &str, message: String| LineError {
                field: field.to_owned(),
                message,
            };
            match parse_line(text) {
                Err(e) => errors.push((line, e)),
                Ok(i) if org.unit(&i.unit).is_none() => errors.push((
                    line,
                    problem("unit", format!("không có đơn vị mã «{}»", i.unit)),
                )),
                Ok(i) if !seen.insert(i.code.clone()) => errors.push((
                    line,
                    problem(
                        "code",
                        format!("mã phản ánh, kiến nghị {} bị trùng trong tệp", i.code),
                    ),
                )),
                Ok(i) => items.push(i),
            }
        }
        if !errors.is_empty() && !options.skip_invalid {
            return Err(AppError::Feedback(errors));
        }
        let imported = if items.is_empty() {
            0
        } else {
            self.store.import_feedback(items).await?
        };
        let what = serde_json::json!({ "file": "feedback", "items": imported });
        self.record(caller.name(), "import", what).await?;
        Ok(FeedbackReport {
            imported,
            skipped: errors,
        })
    }

    /// Feedback of `units` handled within its limits in `period`, each item on the calendar and
    /// office hours of its unit (a unit not in `units` is not asked for). `None` when the units
    /// hold no feedback that matters for the period: the figure is not available, never zero.
    /// A separate small query, beside the dossier projection.
    pub async fn feedback_on_time(
        &self,
        units: &[Unit],
        period: &Period,
    ) -> Result<Option<Fraction>, AppError> {
        let by_unit = self.feedback_by_unit(units, period).await?;
        Ok(feedback_of(&by_unit, units.iter().map(|u| &u.code)))
    }

    /// [`App::feedback_on_time`] of each unit of `units` that holds feedback for `period`.
    pub async fn feedback_by_unit(
        &self,
        units: &[Unit],
        period: &Period,
    ) -> Result<BTreeMap<UnitCode, Fraction>, AppError> {
        let codes: Vec<UnitCode> = units.iter().map(|u| u.code.clone()).collect();
        let items = self
            .store
            .feedback_for_period(&codes, period.start(), period.end())
            .await?;
        let by_code: HashMap<&UnitCode, &Unit> = units.iter().map(|u| (&u.code, u)).collect();
        let mut by_unit: BTreeMap<&UnitCode, Vec<FeedbackItem>> = BTreeMap::new();
        for item in &items {
            by_unit.entry(&item.unit).or_default().push(item.clone());
        }
        let mut fractions = BTreeMap::new();
        for (code, items) in by_unit {
            let (calendar, hours) = by_code.get(code).map_or(("ccvc", None), |u| {
                (
                    u.calendar.as_str(),
                    u.office_hours.parse::<OfficeHours>().ok(),
                )
            });
            let calendar = self.calendars.get(self.store.as_ref(), calendar).await?;
            let hours = hours.unwrap_or_default();
            let f = on_time(period, &items, &DeadlineEngine::new(&calendar, &hours));
            fractions.insert(code.clone(), f);
        }
        Ok(fractions)
    }
}

/// The feedback handled within its limits of the units `codes`, summed from `by_unit`
/// ([`App::feedback_by_unit`]); `None` when none of them holds feedback for the period.
pub fn feedback_of<'a>(
    by_unit: &BTreeMap<UnitCode, Fraction>,
    codes: impl IntoIterator<Item = &'a UnitCode>,
) -> Option<Fraction> {
    codes
        .into_iter()
        .filter_map(|c| by_unit.get(c))
        .fold(None, |sum: Option<Fraction>, f| {
            let s = sum.unwrap_or_default();
            Some(Fraction {
                numerator: s.numerator + f.numerator,
                denominator: s.denominator + f.denominator,
            })
        })
}
