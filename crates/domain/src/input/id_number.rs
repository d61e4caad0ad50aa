//! Identity numbers of applicants: a person's identity card or personal identification number,
//! or an organisation's tax code (the applicant's `id_number` holds either).

use super::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An identity number, digits only: a CMND (9 digits), a căn cước / personal identification
/// number (12 digits, also a person's tax code since 2025), or an organisation's tax code
/// (10 digits; a dependent unit's 13, kept as `0101234567-001`). Personal data: its `Debug`
/// form hides it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

/// Longer than any way of writing one (`0101 234 567 - 001`).
const LONGEST_WRITTEN: usize = 32;

impl IdNumber {
    /// Parses a number as people write it: spaces and dots are dropped; a dependent unit's tax
    /// code may be written with or without its dash.
    pub fn parse(s: &str) -> Result<IdNumber, InputError> {
        let s = s.trim();
        if s.len() > LONGEST_WRITTEN {
            return Err(InputError::IdNumber);
        }
        let mut digits = String::with_capacity(14);
        let mut dash = None;
        for c in s.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' => {}
                '-' if dash.is_none() => dash = Some(digits.len()),
                _ => return Err(InputError::IdNumber),
            }
        }
        match (digits.len(), dash) {
            (9 | 10 | 12, None) => Ok(IdNumber(digits)),
            (13, None | Some(10)) => {
                digits.insert(10, '-');
                Ok(IdNumber(digits))
            }
            _ => Err(InputError::IdNumber),
        }
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::redacted_debug!(IdNumber);

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<IdNumber> for String {
    fn from(n: IdNumber) -> String {
        n.0
    }
}

impl TryFrom<String> for IdNumber {
    type Error = InputError;
    fn try_from(s: String) -> Result<IdNumber, InputError> {
        IdNumber::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_and_tax_codes() {
        assert_eq!(
            IdNumber::parse("001090012345").unwrap().as_str(),
            "001090012345"
        );
        assert_eq!(
            IdNumber::parse("001 090 012 345").unwrap().as_str(),
            "001090012345"
        );
        assert_eq!(IdNumber::parse("123456789").unwrap().as_str(), "123456789");
        assert_eq!(
            IdNumber::parse("0101234567").unwrap().as_str(),
            "0101234567"
        );
        assert_eq!(
            IdNumber::parse("0101234567-001").unwrap().as_str(),
            "0101234567-001"
        );
        assert_eq!(
            IdNumber::parse("0101234567001").unwrap().as_str(),
            "0101234567-001"
        );
        for bad in [
            "",
            "12345678",
            "12345678901",
            "1234567890123456",
            "00109001234a",
            "001-090-012345",
            "01012-34567001",
        ] {
            assert_eq!(IdNumber::parse(bad), Err(InputError::IdNumber), "{bad}");
        }
    }
}
