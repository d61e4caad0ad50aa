//! The opaque `next` cursor of dossier lists: the creation instant and code of the last row,
//! hex-encoded so that clients treat it as a token and do not build it themselves.

use chrono::NaiveDateTime;
use motcua_app::store::Cursor;
use motcua_domain::ids::DossierCode;
use std::fmt::Write;

const FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// Longest cursor accepted.
pub const MAX_LEN: usize = 400;

/// The cursor after `last`.
pub fn encode(last: &Cursor) -> String {
    let plain = format!("{}|{}", last.created_at.format(FORMAT), last.code);
    plain
        .bytes()
        .fold(String::with_capacity(plain.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The position a cursor stands for; `None` when it was not made by [`encode`].
pub fn decode(text: &str) -> Option<Cursor> {
    if !text.len().is_multiple_of(2) || text.len() > MAX_LEN {
        return None;
    }
    let bytes = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let plain = String::from_utf8(bytes).ok()?;
    let (created, code) = plain.split_once('|')?;
    Some(Cursor {
        created_at: NaiveDateTime::parse_from_str(created, FORMAT).ok()?,
        code: DossierCode::parse(code).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let c = Cursor {
            created_at: motcua_testkit::start(),
            code: DossierCode::parse("T01.W1-261125-0001").unwrap(),
        };
        assert_eq!(decode(&encode(&c)), Some(c));
        for bad in ["", "zz", "abc", "7c"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
