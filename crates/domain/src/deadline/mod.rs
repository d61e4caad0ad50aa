//! Deadlines (docs/rules.md §5): due instants in working time, pauses, step budgets, explanations and
//! recomputation after a calendar change.

mod compute;
mod engine;
mod explain;
mod recompute;
mod steps;
mod time_limit;

pub use compute::{Deadline, DeadlineError, Pause, PauseEffect, PauseReason};
pub use engine::DeadlineEngine;
pub use explain::{Explanation, SkippedDay, StartNote};
pub use recompute::{Moved, OpenDeadline, recompute};
pub use steps::{BudgetError, StepBudget, check_budgets, step_dues};
pub use time_limit::{DEFAULT_CUTOFF, TimeLimit, TimeLimitError};
