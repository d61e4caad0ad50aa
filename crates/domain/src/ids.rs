//! Codes that identify things: units, procedures and dossiers. Parsed once, valid ever after.

use crate::format::quoted;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A code that does not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// A unit code must be 3–40 characters of letters, digits, `.` and `_`.
    #[error("mã đơn vị «{0}» không hợp lệ (chỉ gồm chữ, số, dấu chấm; 3–40 ký tự)")]
    Unit(String),
    /// A national procedure code looks like `1.001193`.
    #[error("mã thủ tục «{0}» không hợp lệ (dạng 1.001193)")]
    Procedure(String),
    /// A dossier code looks like `<unit code>-<yymmdd>-<NNNN>`.
    #[error("mã hồ sơ «{0}» không hợp lệ (dạng <mã đơn vị>-<yymmdd>-<số thứ tự>)")]
    Dossier(String),
}

/// The electronic identifier of a unit, e.g. `000.00.20.H56` (QCVN 102:2016 style).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

impl UnitCode {
    /// Parses a unit code.
    pub fn parse(s: &str) -> Result<UnitCode, CodeError> {
        let ok = (3..=40).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        if ok {
            Ok(UnitCode(s.to_owned()))
        } else {
            Err(CodeError::Unit(quoted(s)))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A national procedure code (mã TTHC), e.g. `1.001193`. Opaque: never derived from the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProcedureCode(String);

impl ProcedureCode {
    /// Parses `^[0-9]\.[0-9]{6}$`.
    pub fn parse(s: &str) -> Result<ProcedureCode, CodeError> {
        let b = s.as_bytes();
        let ok = b.len() == 8
            && b[0].is_ascii_digit()
            && b[1] == b'.'
            && b[2..].iter().all(u8::is_ascii_digit);
        if ok {
            Ok(ProcedureCode(s.to_owned()))
        } else {
            Err(CodeError::Procedure(quoted(s)))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A dossier's number: its code for life, `<receiving unit code>-<yymmdd>-<NNNN>`, given at
/// reception (docs/rules.md §6.5), or, for an online submission not yet received, its submission
/// number `<receiving unit code>-<yymmdd>-TT<NNNN>` (the day it was submitted, the unit's own
/// series of submissions). The daily sequence has four digits and grows to five or more after
/// 9999.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DossierCode(String);

/// What marks a submission number's sequence (trực tuyến).
const SUBMISSION_MARK: &str = "TT";

impl DossierCode {
    /// The code of the `sequence`-th dossier received by `unit` on `date` (sequence from 1).
    pub fn new(unit: &UnitCode, date: NaiveDate, sequence: u32) -> DossierCode {
        DossierCode::numbered(unit, date, "", sequence)
    }

    /// The number of the `sequence`-th online submission to `unit` on `date` (sequence from 1):
    /// it names the dossier until reception gives it its code.
    pub fn submission(unit: &UnitCode, date: NaiveDate, sequence: u32) -> DossierCode {
        DossierCode::numbered(unit, date, SUBMISSION_MARK, sequence)
    }

    fn numbered(unit: &UnitCode, date: NaiveDate, mark: &str, sequence: u32) -> DossierCode {
        DossierCode(format!(
            "{}-{:02}{:02}{:02}-{mark}{:04}",
            unit.as_str(),
            date.year().rem_euclid(100),
            date.month(),
            date.day(),
            sequence
        ))
    }

    /// Parses a code or a submission number.
    pub fn parse(s: &str) -> Result<DossierCode, CodeError> {
        let bad = || CodeError::Dossier(quoted(s));
        let mut parts = s.rsplitn(3, '-');
        let (Some(seq), Some(date), Some(unit)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let seq = seq.strip_prefix(SUBMISSION_MARK).unwrap_or(seq);
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !(digits(seq) && seq.len() >= 4 && digits(date) && date.len() == 6) {
            return Err(bad());
        }
        UnitCode::parse(unit).map_err(|_| bad())?;
        Ok(DossierCode(s.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the number of an online submission, not yet a code given at reception.
    pub fn is_submission(&self) -> bool {
        self.0
            .rsplit('-')
            .next()
            .is_some_and(|seq| seq.starts_with(SUBMISSION_MARK))
    }

    /// The receiving unit, the reception date (20yy) and the daily sequence number in the code;
    /// `None` for a submission number.
    pub fn parts(&self) -> Option<(UnitCode, NaiveDate, u32)> {
        if self.is_submission() {
            return None;
        }
        let mut parts = self.0.rsplitn(3, '-');
        let (seq, date, unit) = (parts.next()?, parts.next()?, parts.next()?);
        let n = |r: std::ops::Range<usize>| date.get(r)?.parse::<u32>().ok();
        let day =
            NaiveDate::from_ymd_opt(2000 + i32::try_from(n(0..2)?).ok()?, n(2..4)?, n(4..6)?)?;
        Some((UnitCode::parse(unit).ok()?, day, seq.parse().ok()?))
    }
}

macro_rules! text_code {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<$t> for String {
            fn from(c: $t) -> String {
                c.0
            }
        }
        impl TryFrom<String> for $t {
            type Error = CodeError;
            fn try_from(s: String) -> Result<Self, CodeError> {
                <$t>::parse(&s)
            }
        }
        impl std::str::FromStr for $t {
            type Err = CodeError;
            fn from_str(s: &str) -> Result<Self, CodeError> {
                <$t>::parse(s)
            }
        }
    };
}
text_code!(UnitCode);
text_code!(ProcedureCode);
text_code!(DossierCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dossier_codes_have_the_unit_the_date_and_a_growing_sequence() {
        let unit = UnitCode::parse("000.20.01.H99").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            DossierCode::new(&unit, d, 7).as_str(),
            "000.20.01.H99-261125-0007"
        );
        assert_eq!(
            DossierCode::new(&unit, d, 12345).as_str(),
            "000.20.01.H99-261125-12345"
        );
        let code = DossierCode::parse("000.20.01.H99-261125-0007").unwrap();
        assert_eq!(code.parts(), Some((unit.clone(), d, 7)));
        assert!(DossierCode::parse("000.20.01.H99-2611-0007").is_err());
        assert!(DossierCode::parse("H99-261125-07").is_err());
    }

    #[test]
    fn submission_numbers_are_marked_and_are_not_reception_codes() {
        let unit = UnitCode::parse("000.20.01.H99").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let number = DossierCode::submission(&unit, d, 3);
        assert_eq!(number.as_str(), "000.20.01.H99-261205-TT0003");
        assert!(number.is_submission());
        assert_eq!(number.parts(), None);
        assert_eq!(DossierCode::parse(number.as_str()).unwrap(), number);
        assert!(!DossierCode::new(&unit, d, 3).is_submission());
        for bad in [
            "000.20.01.H99-261205-TT",
            "000.20.01.H99-261205-TT03",
            "000.20.01.H99-261205-XX0003",
        ] {
            assert!(DossierCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn procedure_codes_are_digit_dot_six_digits() {
        assert!(ProcedureCode::parse("1.001193").is_ok());
        for bad in ["1001193", "1.00119", "a.001193", "1.0011933", ""] {
            assert!(ProcedureCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unit_codes_reject_separators_of_dossier_codes() {
        assert!(UnitCode::parse("000.00.20.H56").is_ok());
        assert!(UnitCode::parse("a-b").is_err());
        assert!(UnitCode::parse("ab").is_err());
    }
}
