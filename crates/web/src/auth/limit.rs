//! In-memory rate limits: failed logins and the citizens' look-up.
//!
//! Counters live in the process, so with several app instances each counts on its own; the
//! limits still bound guessing to a small multiple of the configured rate.

use motcua_app::AppError;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys kept before expired ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// At most `max` hits per key in a fixed window starting at the key's first hit.
#[derive(Debug)]
pub struct RateLimiter {
    max: u32,
    window: Duration,
    hits: Mutex<HashMap<String, (u32, Instant)>>,
}

impl RateLimiter {
    /// A limiter allowing `max` hits per `window`.
    pub fn new(max: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            max: max.max(1),
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` has used up its hits in the current window.
    pub fn is_limited(&self, key: &str) -> bool {
        let now = Instant::now();
        self.hits.lock().is_ok_and(|m| {
            m.get(key).is_some_and(|(n, start)| {
                *n >= self.max && now.duration_since(*start) < self.window
            })
        })
    }

    /// Counts a hit; `false` when it is over the limit.
    pub fn hit(&self, key: &str) -> bool {
        let now = Instant::now();
        let Ok(mut m) = self.hits.lock() else {
            return true;
        };
        if m.len() > SWEEP_ABOVE {
            m.retain(|_, (_, start)| now.duration_since(*start) < self.window);
        }
        let entry = m.entry(key.to_owned()).or_insert((0, now));
        if now.duration_since(entry.1) >= self.window {
            *entry = (0, now);
        }
        entry.0 = entry.0.saturating_add(1);
        entry.0 <= self.max
    }

    /// Forgets `key`.
    pub fn reset(&self, key: &str) {
        if let Ok(mut m) = self.hits.lock() {
            m.remove(key);
        }
    }
}

/// Failed logins per user name and per client address in 15 minutes.
///
/// The address allows four times as many failures as a user name: a whole ward office often
/// shares one public address, and one person's typos should not lock out colleagues.
#[derive(Debug)]
pub struct LoginLimiter {
    users: RateLimiter,
    addresses: RateLimiter,
}

impl LoginLimiter {
    /// The window of the login limits.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    /// Allows `attempts` failures per user name in 15 minutes.
    pub fn new(attempts: u32) -> LoginLimiter {
        LoginLimiter {
            users: RateLimiter::new(attempts, Self::WINDOW),
            addresses: RateLimiter::new(attempts.saturating_mul(4), Self::WINDOW),
        }
    }

    /// `RateLimited` when the user name or the address has failed too often.
    pub fn check(&self, ip: &str, username: &str) -> Result<(), AppError> {
        if self.users.is_limited(&user_key(username)) || self.addresses.is_limited(ip) {
            Err(AppError::RateLimited)
        } else {
            Ok(())
        }
    }

    /// Counts a failed attempt.
    pub fn failed(&self, ip: &str, username: &str) {
        self.users.hit(&user_key(username));
        self.addresses.hit(ip);
    }

    /// A successful login clears the user name's failures.
    pub fn succeeded(&self, username: &str) {
        self.users.reset(&user_key(username));
    }
}

fn user_key(username: &str) -> String {
    username.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_name_is_locked_after_the_allowed_failures_and_freed_by_success() {
        let l = LoginLimiter::new(3);
        for _ in 0..2 {
            l.failed("1.2.3.4", "An");
        }
        assert!(l.check("1.2.3.4", "an").is_ok());
        l.failed("1.2.3.4", "an");
        assert!(matches!(
            l.check("5.6.7.8", "an"),
            Err(AppError::RateLimited)
        ));
        assert!(l.check("1.2.3.4", "binh").is_ok());
        l.succeeded("an");
        assert!(l.check("1.2.3.4", "an").is_ok());
    }

    #[test]
    fn an_address_is_locked_after_four_times_the_failures() {
        let l = LoginLimiter::new(2);
        for i in 0..8 {
            l.failed("1.2.3.4", &format!("u{i}"));
        }
        assert!(l.check("1.2.3.4", "new").is_err());
        assert!(l.check("9.9.9.9", "new").is_ok());
    }

    #[test]
    fn a_window_that_passed_counts_again_from_zero() {
        let r = RateLimiter::new(1, Duration::ZERO);
        assert!(r.hit("k"));
        assert!(r.hit("k"));
        assert!(!r.is_limited("k"));
        let r = RateLimiter::new(2, Duration::from_secs(60));
        assert!(r.hit("k") && r.hit("k"));
        assert!(!r.hit("k"));
        assert!(r.is_limited("k"));
    }
}
