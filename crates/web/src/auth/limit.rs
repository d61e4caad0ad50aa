//! In-memory rate limits: failed sign-ins and the citizens' look-up.
//!
//! Sign-ins are throttled per (client address, user name) and per client address, never per
//! user name alone: otherwise anyone could lock every staff account by typing wrong passwords
//! for it. After the allowed failures each further attempt waits twice as long as the one
//! before (1 s, 2 s, 4 s … up to 15 minutes), and the refusal says how long. Counters live in
//! the process, so with several app instances each counts on its own; memory stays bounded
//! (entries idle for an hour are forgotten, and the oldest go first past [`MAX_KEYS`]).

use super::ClientIp;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Keys kept per limiter; past it, forgotten entries are swept out, then the oldest.
pub const MAX_KEYS: usize = 50_000;

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

    /// Counts a hit of `key`; over the limit, how long until the window ends.
    pub fn hit(&self, key: &str) -> Result<(), Duration> {
        self.hit_at(key, Instant::now())
    }

    fn hit_at(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let Ok(mut m) = self.hits.lock() else {
            return Ok(());
        };
        if m.len() >= MAX_KEYS {
            m.retain(|_, (_, start)| now.duration_since(*start) < self.window);
            evict_oldest(&mut m, |(_, start)| *start);
        }
        let entry = m.entry(key.to_owned()).or_insert((0, now));
        let elapsed = now.duration_since(entry.1);
        if elapsed >= self.window {
            *entry = (0, now);
        }
        entry.0 = entry.0.saturating_add(1);
        if entry.0 <= self.max {
            Ok(())
        } else {
            Err(self.window.saturating_sub(now.duration_since(entry.1)))
        }
    }
}

/// Failures with exponential back-off: `free` failures pass, then each attempt must wait
/// 1 s × 2^(failures − free), at most [`LoginLimiter::MAX_DELAY`], after the last failure.
#[derive(Debug)]
struct Backoff {
    free: u32,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Backoff {
    fn new(free: u32) -> Backoff {
        Backoff {
            free: free.max(1),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// How long `key` must still wait, if at all.
    fn wait(&self, key: &str, now: Instant) -> Option<Duration> {
        let m = self.failures.lock().ok()?;
        let &(count, last) = m.get(key)?;
        let ready = last + self.delay(count);
        (ready > now).then(|| ready - now)
    }

    fn delay(&self, count: u32) -> Duration {
        match count.checked_sub(self.free) {
            None => Duration::ZERO,
            Some(over) => 2_u32
                .checked_pow(over)
                .map_or(LoginLimiter::MAX_DELAY, |n| Duration::from_secs(n.into()))
                .min(LoginLimiter::MAX_DELAY),
        }
    }

    /// Counts a failure of `key` at `now`.
    fn fail(&self, key: &str, now: Instant) {
        let Ok(mut m) = self.failures.lock() else {
            return;
        };
        if m.len() >= MAX_KEYS {
            m.retain(|_, (_, last)| now.duration_since(*last) < LoginLimiter::FORGET);
            evict_oldest(&mut m, |(_, last)| *last);
        }
        let entry = m.entry(key.to_owned()).or_insert((0, now));
        if now.duration_since(entry.1) >= LoginLimiter::FORGET {
            entry.0 = 0;
        }
        *entry = (entry.0.saturating_add(1), now);
    }

    /// Takes back one failure of `key` (an attempt counted in advance that succeeded).
    fn forgive_one(&self, key: &str) {
        if let Ok(mut m) = self.failures.lock()
            && let Some(entry) = m.get_mut(key)
        {
            entry.0 = entry.0.saturating_sub(1);
        }
    }

    /// Forgets `key`.
    fn reset(&self, key: &str) {
        if let Ok(mut m) = self.failures.lock() {
            m.remove(key);
        }
    }
}

/// Removes the older half of `m` when it is still full after a sweep.
fn evict_oldest<V>(m: &mut HashMap<String, V>, at: impl Fn(&V) -> Instant) {
    if m.len() < MAX_KEYS {
        return;
    }
    let mut times: Vec<Instant> = m.values().map(&at).collect();
    let middle = times.len() / 2;
    let (_, cut, _) = times.select_nth_unstable(middle);
    let cut = *cut;
    m.retain(|_, v| at(v) > cut);
}

/// Failed sign-ins per (client address, user name) and per client address.
///
/// The address allows four times as many failures as a pair: a whole ward office often
/// shares one public address, and one person's typos should not slow down colleagues. Every
/// attempt is counted before the password is checked, so parallel guesses cannot slip past the
/// limit while the hashes run; a success takes its count back.
#[derive(Debug)]
pub struct LoginLimiter {
    pairs: Backoff,
    addresses: Backoff,
}

impl LoginLimiter {
    /// The longest wait between attempts.
    pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
    /// Failures older than this are forgotten.
    pub const FORGET: Duration = Duration::from_secs(60 * 60);

    /// Lets `attempts` failures per (address, user name) pass before the back-off starts.
    pub fn new(attempts: u32) -> LoginLimiter {
        LoginLimiter {
            pairs: Backoff::new(attempts),
            addresses: Backoff::new(attempts.saturating_mul(4)),
        }
    }

    /// Counts an attempt by `ip` for `username`, or says how long it must wait first.
    pub fn attempt(&self, ip: &ClientIp, username: &str) -> Result<(), Duration> {
        self.attempt_at(ip, username, Instant::now())
    }

    fn attempt_at(&self, ip: &ClientIp, username: &str, now: Instant) -> Result<(), Duration> {
        let (pair, address) = keys(ip, username);
        let wait = [
            self.pairs.wait(&pair, now),
            self.addresses.wait(&address, now),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        self.pairs.fail(&pair, now);
        self.addresses.fail(&address, now);
        Ok(())
    }

    /// The attempt succeeded: the pair starts afresh and the address gets its count back.
    pub fn succeeded(&self, ip: &ClientIp, username: &str) {
        let (pair, address) = keys(ip, username);
        self.pairs.reset(&pair);
        self.addresses.forgive_one(&address);
    }
}

fn keys(ip: &ClientIp, username: &str) -> (String, String) {
    let address = ip.key();
    let pair = format!("{address} {}", username.trim().to_lowercase());
    (pair, address)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::IpAddr;

    fn ip(s: &str) -> ClientIp {
        ClientIp(Some(s.parse::<IpAddr>().unwrap()))
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn failures_back_off_exponentially_for_one_address_and_name() {
        let l = LoginLimiter::new(3);
        let t = Instant::now();
        let a = ip("1.2.3.4");
        for _ in 0..3 {
            assert_eq!(l.attempt_at(&a, "An", t), Ok(()));
        }
        assert_eq!(l.attempt_at(&a, "an", t), Err(secs(1)));
        assert_eq!(l.attempt_at(&a, "an", t + secs(1)), Ok(()));
        assert_eq!(l.attempt_at(&a, "an", t + secs(1)), Err(secs(2)));
        assert_eq!(l.attempt_at(&a, "an", t + secs(2)), Err(secs(1)));
        assert_eq!(l.attempt_at(&a, "an", t + secs(3)), Ok(()));
        assert_eq!(l.attempt_at(&a, "an", t + secs(4)), Err(secs(3)));
        // Another address, or another name from this one, is not held back.
        assert_eq!(l.attempt_at(&ip("5.6.7.8"), "an", t + secs(4)), Ok(()));
        assert_eq!(l.attempt_at(&a, "binh", t + secs(4)), Ok(()));
        l.succeeded(&a, "an");
        assert_eq!(l.attempt_at(&a, "an", t + secs(4)), Ok(()));
    }

    #[test]
    fn fifty_failures_elsewhere_do_not_stop_a_user_at_their_desk() {
        let l = LoginLimiter::new(5);
        let t = Instant::now();
        let attacker = ip("203.0.113.9");
        for i in 0..50 {
            assert_eq!(l.attempt_at(&attacker, "an", t + secs(i * 1000)), Ok(()));
        }
        assert!(l.attempt_at(&attacker, "an", t + secs(49_001)).is_err());
        assert_eq!(
            l.attempt_at(&ip("10.1.2.3"), "an", t + secs(49_001)),
            Ok(())
        );
    }

    #[test]
    fn the_wait_is_capped_and_old_failures_are_forgotten() {
        let l = LoginLimiter::new(1);
        let t = Instant::now();
        let a = ip("1.2.3.4");
        let mut now = t;
        for _ in 0..40 {
            if let Err(wait) = l.attempt_at(&a, "an", now) {
                assert!(wait <= LoginLimiter::MAX_DELAY);
                now += wait;
                assert_eq!(l.attempt_at(&a, "an", now), Ok(()));
            }
        }
        assert_eq!(l.attempt_at(&a, "an", now), Err(LoginLimiter::MAX_DELAY));
        let later = now + LoginLimiter::FORGET + LoginLimiter::MAX_DELAY;
        assert_eq!(l.attempt_at(&a, "an", later), Ok(()));
        assert_eq!(l.attempt_at(&a, "an", later), Err(secs(1)));
    }

    #[test]
    fn an_address_gets_four_times_the_failures_and_successes_give_theirs_back() {
        let l = LoginLimiter::new(2);
        let t = Instant::now();
        let a = ip("1.2.3.4");
        for i in 0..8 {
            assert_eq!(l.attempt_at(&a, &format!("u{i}"), t), Ok(()));
        }
        assert_eq!(l.attempt_at(&a, "new", t), Err(secs(1)));
        assert_eq!(l.attempt_at(&ip("9.9.9.9"), "new", t), Ok(()));
        let b = ip("5.5.5.5");
        for i in 0..20 {
            let name = format!("u{i}");
            assert_eq!(l.attempt_at(&b, &name, t), Ok(()));
            l.succeeded(&b, &name);
        }
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_bit_prefix() {
        let l = LoginLimiter::new(1);
        let t = Instant::now();
        assert_eq!(l.attempt_at(&ip("2001:db8:1:2::1"), "an", t), Ok(()));
        assert_eq!(
            l.attempt_at(&ip("2001:db8:1:2:ffff::9"), "an", t),
            Err(secs(1))
        );
    }

    #[test]
    fn memory_stays_bounded() {
        let l = LoginLimiter::new(5);
        let t = Instant::now();
        for i in 0..(MAX_KEYS as u32 + 10) {
            let a = ClientIp(Some(IpAddr::from(i.to_be_bytes())));
            let _ = l.attempt_at(&a, "an", t + Duration::from_millis(i.into()));
        }
        assert!(l.pairs.failures.lock().unwrap().len() <= MAX_KEYS);
        assert!(l.addresses.failures.lock().unwrap().len() <= MAX_KEYS);
    }

    #[test]
    fn a_fixed_window_says_how_long_is_left() {
        let r = RateLimiter::new(2, secs(60));
        let t = Instant::now();
        assert!(r.hit_at("k", t).is_ok() && r.hit_at("k", t + secs(10)).is_ok());
        assert_eq!(r.hit_at("k", t + secs(15)), Err(secs(45)));
        assert!(r.hit_at("k", t + secs(60)).is_ok());
    }
}
