//! The time port: the only place that reads the system clock.

use chrono::{NaiveDateTime, Timelike};
use motcua_domain::time::to_local;

/// Current local (UTC+07:00) time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Now, in Vietnamese local time.
    fn now(&self) -> NaiveDateTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    // The one sanctioned read of the system clock. Whole seconds: every instant shown or stored
    // (receipts, events, API) is to the second.
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> NaiveDateTime {
        let now = to_local(&chrono::Utc::now());
        now.with_nanosecond(0).unwrap_or(now)
    }
}

/// A clock that stands still unless moved: for tests and demo data.
#[derive(Debug)]
pub struct FixedClock(std::sync::Mutex<NaiveDateTime>);

impl FixedClock {
    /// A clock at `t`.
    pub fn new(t: NaiveDateTime) -> FixedClock {
        FixedClock(std::sync::Mutex::new(t))
    }

    /// Moves the clock to `t`.
    pub fn set(&self, t: NaiveDateTime) {
        if let Ok(mut g) = self.0.lock() {
            *g = t;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0.lock().map(|g| *g).unwrap_or_default()
    }
}
