//! Latency samples and their percentiles.

use std::time::Duration;

/// Collected latencies in microseconds.
#[derive(Debug, Default)]
pub struct Latencies(Vec<u64>);

impl Latencies {
    /// Adds one sample.
    pub fn push(&mut self, d: Duration) {
        self.0
            .push(u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    }

    /// Adds another set.
    pub fn merge(&mut self, other: Latencies) {
        self.0.extend(other.0);
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `p50 … p90 … p99 … max` in milliseconds.
    pub fn summary(&mut self) -> String {
        if self.0.is_empty() {
            return "no samples".into();
        }
        self.0.sort_unstable();
        let at = |q: f64| {
            let i = ((self.0.len() - 1) as f64 * q).round() as usize;
            self.0[i] as f64 / 1000.0
        };
        format!(
            "latency ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}",
            at(0.5),
            at(0.9),
            at(0.99),
            at(1.0)
        )
    }
}
