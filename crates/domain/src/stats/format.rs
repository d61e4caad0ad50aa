//! Vietnamese display of rates and points (docs/rules.md §12): `70,98%`, `17,50`.

use crate::format::percent;

/// A rate in [0, 1] as a Vietnamese percent with two decimals: `0.7098` → `70,98%`.
pub fn rate_percent(rate: f64) -> String {
    percent(rate * 100.0)
}

/// Points with two decimals and a decimal comma: `17.5` → `17,50`.
pub fn points(value: f64) -> String {
    let mut shown = percent(value);
    shown.pop(); // the `%` sign
    shown
}
