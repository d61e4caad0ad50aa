//! E-mail addresses: a simple, sane check (no quoted local parts, no IP-address domains), enough
//! to catch typing mistakes; only a message that arrives proves an address.

use super::error::InputError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address `local@domain`, the domain in lower case. Personal data: its `Debug` form
/// hides it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Most characters of an address (RFC 5321's path limit less the angle brackets).
const MAX: usize = 254;
/// Most characters of the local part (RFC 5321).
const MAX_LOCAL: usize = 64;
/// Most characters of a domain label (RFC 1035).
const MAX_LABEL: usize = 63;

impl Email {
    /// Parses an address: one `@`; a local part of at most 64 printable characters without
    /// spaces, not starting or ending with a dot nor holding two in a row; a domain of at least
    /// two labels of letters, digits and inner dashes, the last one not all digits.
    pub fn parse(s: &str) -> Result<Email, InputError> {
        let s = s.trim();
        let bad = || InputError::Email;
        if s.len() > MAX * 4 || s.chars().count() > MAX {
            return Err(bad());
        }
        let (local, domain) = s.split_once('@').ok_or_else(bad)?;
        let local_ok = !local.is_empty()
            && local.chars().count() <= MAX_LOCAL
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.chars().count() <= MAX_LABEL
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
        if local_ok && domain_ok {
            Ok(Email(format!("{local}@{domain}")))
        } else {
            Err(bad())
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::redacted_debug!(Email);

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl TryFrom<String> for Email {
    type Error = InputError;
    fn try_from(s: String) -> Result<Email, InputError> {
        Email::parse(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sane_addresses_pass_and_their_domain_is_lower_case() {
        assert_eq!(
            Email::parse(" An.Nguyen+hs@UBND.Hanoi.gov.vn ")
                .unwrap()
                .as_str(),
            "An.Nguyen+hs@ubnd.hanoi.gov.vn"
        );
        assert!(Email::parse("a@b.vn").is_ok());
        assert!(Email::parse("thu@bưuđiện.vn").is_ok());
    }

    #[test]
    fn broken_addresses_are_refused() {
        for bad in [
            "",
            "an",
            "an@",
            "@vi-du.vn",
            "an@localhost",
            "an@@vi-du.vn",
            "an@vi-du..vn",
            "an@-vi-du.vn",
            "an nguyen@vi-du.vn",
            ".an@vi-du.vn",
            "an..b@vi-du.vn",
            "an@1.2.3.4",
            "an@vi_du.vn",
            "an\n@vi-du.vn",
        ] {
            assert_eq!(Email::parse(bad), Err(InputError::Email), "{bad:?}");
        }
        let long = format!("{}@vi-du.vn", "a".repeat(65));
        assert_eq!(Email::parse(&long), Err(InputError::Email));
    }
}
