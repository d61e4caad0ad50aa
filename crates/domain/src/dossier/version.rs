//! The version of a dossier an officer decided an action on, so that an action taken on a stale
//! screen is refused instead of overwriting what another officer did meanwhile.

use super::Dossier;
use std::fmt;

/// A dossier's version as a caller saw it: the number of its events at that moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(u32);

impl Version {
    /// The version `dossier` is at now.
    pub fn of(dossier: &Dossier) -> Version {
        Version(dossier.version)
    }

    /// A version written in decimal digits (`7`), as forms and `If-Match` carry it; `None` for
    /// anything else (a sign, spaces, zero, a number past `u32`).
    pub fn parse(text: &str) -> Option<Version> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse::<u32>().ok().filter(|n| *n > 0).map(Version)
    }

    /// The number of events.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether `dossier` is still at this version.
    pub fn is_current(self, dossier: &Dossier) -> bool {
        self.0 == dossier.version
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    #[test]
    fn only_plain_positive_decimals_are_versions() {
        assert_eq!(Version::parse("7").map(Version::get), Some(7));
        assert_eq!(Version::parse("0042").map(Version::get), Some(42));
        assert_eq!(
            Version::parse("4294967295").map(Version::get),
            Some(u32::MAX)
        );
        for bad in [
            "",
            "0",
            "-1",
            "+1",
            " 7",
            "7 ",
            "4294967296",
            "\"7\"",
            "W/7",
            "*",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Version::parse("12").map(|v| v.to_string()),
            Some("12".into())
        );
    }
}
