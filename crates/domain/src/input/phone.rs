//! Vietnamese phone numbers, kept in their national form so that the look-up finds a dossier
//! however the number was written.

use super::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Vietnamese phone number in its national form: a mobile `0` + `3|5|7|8|9` + 8 digits
/// (`0912345678`), or a landline `02` + 9 digits (`02438251234`, area code of three digits since
/// 2017). Personal data: its `Debug` form hides it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

/// Longer than any way of writing a number (`+84 (0) 24 3825 1234` has 20 characters).
const LONGEST_WRITTEN: usize = 32;

impl Phone {
    /// Parses a number as people write it: spaces, dots, dashes and parentheses are dropped, and
    /// the international forms `+84…`, `0084…` and `84…` (11 or 12 digits) become `0…`, also
    /// when the trunk `0` is written after the country code (`+84 (0) 912…`).
    pub fn parse(s: &str) -> Result<Phone, InputError> {
        let s = s.trim();
        if s.len() > LONGEST_WRITTEN {
            return Err(InputError::Phone);
        }
        let (plus, rest) = match s.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut digits = String::with_capacity(12);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' | '(' | ')' => {}
                _ => return Err(InputError::Phone),
            }
        }
        let subscriber = if plus {
            Some(digits.strip_prefix("84").ok_or(InputError::Phone)?)
        } else if let Some(rest) = digits.strip_prefix("0084") {
            Some(rest)
        } else if digits.starts_with("84") && matches!(digits.len(), 11 | 12) {
            digits.get(2..)
        } else {
            None
        };
        let national = match subscriber {
            Some(rest) => format!("0{}", rest.strip_prefix('0').unwrap_or(rest)),
            None => digits,
        };
        if national_form(national.as_bytes()) {
            Ok(Phone(national))
        } else {
            Err(InputError::Phone)
        }
    }

    /// The national form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `n` is a mobile (10 digits, `03`, `05`, `07`, `08`, `09`) or a landline (11 digits,
/// `02`) number in the national form.
fn national_form(n: &[u8]) -> bool {
    let shape = match n.len() {
        10 => matches!(n.get(1), Some(b'3' | b'5' | b'7' | b'8' | b'9')),
        11 => n.get(1) == Some(&b'2'),
        _ => false,
    };
    shape && n.first() == Some(&b'0') && n.iter().all(u8::is_ascii_digit)
}

super::redacted_debug!(Phone);

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

impl TryFrom<String> for Phone {
    type Error = InputError;
    fn try_from(s: String) -> Result<Phone, InputError> {
        Phone::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn international_and_spaced_forms_become_the_national_form() {
        for written in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "0912-345-678",
            "+84 912 345 678",
            "+84912345678",
            "+84 (0) 912 345 678",
            "84912345678",
            "0084 912 345 678",
        ] {
            assert_eq!(
                Phone::parse(written).unwrap().as_str(),
                "0912345678",
                "{written}"
            );
        }
        assert_eq!(
            Phone::parse("(024) 3825 1234").unwrap().as_str(),
            "02438251234"
        );
        assert_eq!(
            Phone::parse("+84 24 3825 1234").unwrap().as_str(),
            "02438251234"
        );
    }

    #[test]
    fn other_numbers_are_refused() {
        for bad in [
            "",
            "091234567",   // 9 digits
            "09123456789", // a mobile with 11 digits
            "0112345678",  // no such prefix
            "01681234567", // an old 11-digit mobile, renumbered in 2018
            "+1 212 555 0100",
            "0912a45678",
            "0912345678 ext 2",
            "++84912345678",
            "+84 0912 345 678 9",
        ] {
            assert_eq!(Phone::parse(bad), Err(InputError::Phone), "{bad}");
        }
        assert_eq!(Phone::parse(&"0".repeat(1_000_000)), Err(InputError::Phone));
    }
}
