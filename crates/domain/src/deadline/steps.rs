//! Step budgets of a procedure's internal process and the due instant of each step.

use super::{DeadlineEngine, TimeLimit};
use crate::calendar::OfficeHours;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// The working time allotted to one step, in working minutes (one working day = the length of
/// the unit's office day, 450 minutes by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepBudget {
    /// Working minutes.
    pub minutes: u32,
}

impl StepBudget {
    /// A budget of whole working hours.
    pub const fn hours(hours: u32) -> StepBudget {
        StepBudget {
            minutes: hours * 60,
        }
    }
}

/// Step budgets that do not fit the time limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    /// The budgets of a working-days or hours limit must add up to it exactly.
    #[error(
        "tổng thời gian các bước ({actual} phút làm việc) phải bằng thời hạn giải quyết ({expected} phút)"
    )]
    NotEqual {
        /// Working minutes of the time limit.
        expected: u32,
        /// Sum of the budgets.
        actual: u32,
    },
    /// The budgets of a same-day or calendar-days limit must not exceed it.
    #[error(
        "tổng thời gian các bước ({actual} phút làm việc) vượt quá thời hạn giải quyết ({limit} phút)"
    )]
    TooLong {
        /// Working minutes the limit allows at most.
        limit: u32,
        /// Sum of the budgets.
        actual: u32,
    },
    /// A process needs at least one step.
    #[error("quy trình nội bộ phải có ít nhất một bước")]
    NoSteps,
}

/// Checks that step budgets add up to the time limit under the given office hours.
pub fn check_budgets(
    limit: TimeLimit,
    budgets: &[StepBudget],
    hours: &OfficeHours,
) -> Result<(), BudgetError> {
    if budgets.is_empty() {
        return Err(BudgetError::NoSteps);
    }
    let actual: u32 = budgets.iter().map(|b| b.minutes).sum();
    let day = hours.day_minutes();
    if limit.is_on_the_spot() {
        return at_most(day, actual);
    }
    match limit {
        TimeLimit::WorkingDays { amount } => exact(amount * day, actual),
        TimeLimit::Hours { amount } => exact(amount * 60, actual),
        TimeLimit::SameDay { .. } => at_most(day, actual),
        TimeLimit::CalendarDays { amount } => at_most(amount * day, actual),
    }
}

fn exact(expected: u32, actual: u32) -> Result<(), BudgetError> {
    if expected == actual {
        Ok(())
    } else {
        Err(BudgetError::NotEqual { expected, actual })
    }
}

fn at_most(limit: u32, actual: u32) -> Result<(), BudgetError> {
    if actual <= limit {
        Ok(())
    } else {
        Err(BudgetError::TooLong { limit, actual })
    }
}

/// The due instant of each step when the steps run one after the other from `start` (the clock
/// start of the dossier). The last step is due when the dossier is; no step is due after it.
pub fn step_dues(
    engine: &DeadlineEngine<'_>,
    start: NaiveDateTime,
    budgets: &[StepBudget],
    dossier_due: NaiveDateTime,
) -> Vec<NaiveDateTime> {
    let mut elapsed = 0i64;
    let count = budgets.len();
    budgets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            elapsed += i64::from(b.minutes) * 60;
            let due = engine.add_working_seconds(start, elapsed);
            if i + 1 == count {
                dossier_due
            } else {
                due.min(dossier_due)
            }
        })
        .collect()
}
