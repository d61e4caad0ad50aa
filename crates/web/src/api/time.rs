//! Instants in API answers: RFC 3339 with the `+07:00` offset, never naive local times.

use chrono::NaiveDateTime;
use motcua_domain::time::{rfc3339, to_local};
use serde_json::Value;

/// Naive local time as written by chrono's serde.
const NAIVE: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// RFC 3339 of a local instant.
pub fn at(t: NaiveDateTime) -> String {
    rfc3339(t)
}

/// RFC 3339 of an optional local instant.
pub fn opt(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(rfc3339)
}

/// Rewrites every naive local date-time string in a serialised domain value (an explanation,
/// event details) as RFC 3339 with `+07:00`. Dates without a time stay as they are.
pub fn localise(value: Value) -> Value {
    match value {
        Value::String(s) => {
            Value::String(NaiveDateTime::parse_from_str(&s, NAIVE).map_or(s, rfc3339))
        }
        Value::Array(items) => Value::Array(items.into_iter().map(localise).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, localise(v))).collect())
        }
        other => other,
    }
}

/// Parses an instant from a query: RFC 3339 with any offset, or a local `YYYY-MM-DDTHH:MM[:SS]`.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| to_local(&t))
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(text, NAIVE).ok())
        .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn naive_instants_get_the_vietnamese_offset_and_dates_stay() {
        let v = localise(
            json!({ "due": "2026-11-30T09:00:00", "days": ["2026-11-28"],
                                 "n": 3, "text": "ghi chú" }),
        );
        assert_eq!(
            v,
            json!({ "due": "2026-11-30T09:00:00+07:00", "days": ["2026-11-28"],
                              "n": 3, "text": "ghi chú" })
        );
    }

    #[test]
    fn query_instants_accept_offsets_and_local_times() {
        let local = parse("2026-11-30T09:00").unwrap();
        assert_eq!(parse("2026-11-30T02:00:00Z"), Some(local));
        assert_eq!(parse("2026-11-30T09:00:00+07:00"), Some(local));
        assert_eq!(parse("30/11/2026"), None);
    }
}
