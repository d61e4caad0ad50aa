//! The hash chains that make the history tamper-evident (docs/operations.md, «Lịch sử không sửa
//! được»).
//!
//! - Each dossier event carries the SHA-256 of a canonical encoding of its dossier code, number,
//!   instant, actor, type, data and the hash of the dossier's previous event (64 zeros for the
//!   first): editing, removing or reordering a stored event breaks its link and every later one.
//! - Each finished day has a root per receiving unit: the SHA-256 over the hashes of the events
//!   written that day for that unit's dossiers, in (code, number) order, with their count; a root
//!   is written once and never changes, so a whole dossier deleted or rewritten with a new chain
//!   still shows.
//! - The audit log (sign-ins, accounts, calendars, imports, exports of personal data) is one
//!   chain in the order of its ids.
//!
//! The encoding is a JSON array with a version tag, objects with sorted keys and no spaces, so
//! the same value gives the same bytes from SQLite's text and PostgreSQL's `jsonb`.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The previous hash of the first link of a chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored dossier event, as the chain sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLink {
    /// The dossier code.
    pub code: String,
    /// The event's number in its dossier.
    pub seq: u32,
    /// When it happened.
    pub at: NaiveDateTime,
    /// Who did it.
    pub actor: String,
    /// Its type code.
    pub kind: String,
    /// Its data as stored.
    pub data: Value,
    /// The hash stored with the previous event of the dossier.
    pub prev_hash: String,
    /// The hash stored with it.
    pub hash: String,
}

/// Which part of the history to read: the dossiers of one receiving unit, the events written
/// in a range of days (each bound included); everything when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainScope {
    /// The receiving unit (the first part of the dossier codes).
    pub unit: Option<String>,
    /// The first day.
    pub from: Option<NaiveDate>,
    /// The last day.
    pub to: Option<NaiveDate>,
}

/// The sealed root of the events written on one day for one receiving unit's dossiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRoot {
    /// The day.
    pub day: NaiveDate,
    /// The receiving unit.
    pub unit: String,
    /// [`day_root`] of its events' hashes.
    pub root: String,
    /// How many events.
    pub count: u64,
    /// When it was sealed.
    pub sealed_at: NaiveDateTime,
}

/// An entry to append to the audit log: who did what, when. Never a password, never the
/// personal data itself (what is exported is described, not copied).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// When.
    pub at: NaiveDateTime,
    /// Who: a user name, `operator:<login>`, or the name tried at a failed sign-in.
    pub actor: String,
    /// What kind of thing: `login`, `login_failed`, `user_active`, `calendar_change`, `import`,
    /// `export`.
    pub action: String,
    /// The details.
    pub what: Value,
}

/// A stored entry of the audit log with its links.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    /// Its place in the chain (1, 2, …).
    pub id: i64,
    /// The entry.
    pub entry: AuditEntry,
    /// The hash of the previous entry.
    pub prev_hash: String,
    /// Its own hash.
    pub hash: String,
}

/// The hash of an event after `prev`.
pub fn event_hash(
    prev: &str,
    code: &str,
    seq: u32,
    at: NaiveDateTime,
    actor: &str,
    kind: &str,
    data: &Value,
) -> String {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(b"[\"motcua.event.v1\",");
    canonical(&Value::from(code), &mut out);
    out.extend_from_slice(format!(",{seq},").as_bytes());
    canonical(&Value::from(instant(at)), &mut out);
    out.push(b',');
    canonical(&Value::from(actor), &mut out);
    out.push(b',');
    canonical(&Value::from(kind), &mut out);
    out.push(b',');
    canonical(data, &mut out);
    out.push(b',');
    canonical(&Value::from(prev), &mut out);
    out.push(b']');
    hex::encode(Sha256::digest(&out))
}

/// The hash of an audit-log entry after `prev`.
pub fn entry_hash(
    prev: &str,
    id: i64,
    at: NaiveDateTime,
    actor: &str,
    action: &str,
    what: &Value,
) -> String {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(format!("[\"motcua.audit.v1\",{id},").as_bytes());
    canonical(&Value::from(instant(at)), &mut out);
    out.push(b',');
    canonical(&Value::from(actor), &mut out);
    out.push(b',');
    canonical(&Value::from(action), &mut out);
    out.push(b',');
    canonical(what, &mut out);
    out.push(b',');
    canonical(&Value::from(prev), &mut out);
    out.push(b']');
    hex::encode(Sha256::digest(&out))
}

/// The root of a unit's day: over the hashes of its events in (code, number) order.
pub fn day_root<'a>(hashes: impl IntoIterator<Item = &'a str>) -> String {
    let mut sha = Sha256::new();
    sha.update(b"motcua.root.v1");
    for h in hashes {
        sha.update(h.as_bytes());
    }
    hex::encode(sha.finalize())
}

/// The receiving unit of a dossier code (`<unit>-<yymmdd>-<NNNN>`): what a day's root groups by.
pub fn unit_of(code: &str) -> &str {
    let mut parts = code.rsplitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(_), Some(unit)) => unit,
        _ => code,
    }
}

/// An instant as hashed: to the microsecond, as both databases keep it.
fn instant(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

/// `value` as compact JSON with the keys of every object sorted.
fn canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(&Value::from(k.as_str()), out);
                out.push(b':');
                if let Some(v) = map.get(k) {
                    canonical(v, out);
                }
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(v, out);
            }
            out.push(b']');
        }
        leaf => out.extend_from_slice(leaf.to_string().as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde_json::json;

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap()
    }

    #[test]
    fn key_order_and_spacing_do_not_change_the_hash_but_any_value_does() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"y": [1, 2], "x": "đ"}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":{"x":"\u0111","y":[1,2]},"b":1}"#).unwrap();
        let h = |d: &Value| event_hash(GENESIS, "T01.W1-261125-0001", 1, at(), "an", "created", d);
        assert_eq!(h(&a), h(&b));
        assert_eq!(h(&a).len(), 64);
        assert_ne!(h(&a), h(&json!({"b": 2, "a": {"y": [1, 2], "x": "đ"}})));
        let base = h(&a);
        assert_ne!(
            base,
            event_hash(GENESIS, "T01.W1-261125-0001", 2, at(), "an", "created", &a)
        );
        assert_ne!(
            base,
            event_hash(&base, "T01.W1-261125-0001", 1, at(), "an", "created", &a)
        );
        assert_ne!(
            base,
            event_hash(GENESIS, "T01.W1-261125-0001", 1, at(), "bo", "created", &a)
        );
    }

    #[test]
    fn the_unit_is_what_precedes_the_date_and_number() {
        assert_eq!(unit_of("000.00.20.H56-261125-0001"), "000.00.20.H56");
        assert_eq!(unit_of("T01.W1-261125-12345"), "T01.W1");
        assert_eq!(unit_of("x"), "x");
    }

    #[test]
    fn a_root_depends_on_every_hash_and_their_order() {
        let (a, b) = ("a".repeat(64), "b".repeat(64));
        assert_ne!(
            day_root([a.as_str(), b.as_str()]),
            day_root([b.as_str(), a.as_str()])
        );
        assert_ne!(day_root([a.as_str()]), day_root([a.as_str(), b.as_str()]));
    }
}
