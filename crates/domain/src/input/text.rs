//! Bounded free text: names, addresses, notes, reasons and the texts of import files.

use super::error::InputError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How a free text is bounded: its name in messages, its most characters, and whether it may
/// hold several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// The field as people call it («Địa chỉ»), at the start of messages.
    pub label: &'static str,
    /// Most characters (Unicode scalar values) after trimming.
    pub max: usize,
    /// Whether line breaks and tabs are allowed.
    pub lines: bool,
}

impl TextRule {
    /// One line of at most `max` characters.
    pub const fn line(label: &'static str, max: usize) -> TextRule {
        TextRule {
            label,
            max,
            lines: false,
        }
    }

    /// Several lines, at most `max` characters in all.
    pub const fn lines(label: &'static str, max: usize) -> TextRule {
        TextRule {
            label,
            max,
            lines: true,
        }
    }

    /// `s` without surrounding white space; refused when blank, longer than the limit, or holding
    /// a control character. Line breaks and tabs are allowed only in several-line texts, where
    /// `\r\n` (as browsers send a text area) becomes `\n`.
    pub fn parse<'a>(&self, s: &'a str) -> Result<Cow<'a, str>, InputError> {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            return Err(InputError::Empty(self.label));
        }
        let too_long = InputError::TooLong {
            label: self.label,
            max: self.max,
        };
        // A character takes at most four bytes: longer texts need no counting (a megabyte
        // pasted into a name is refused at once).
        if trimmed.len() > self.max.saturating_mul(4) {
            return Err(too_long);
        }
        let text = if self.lines && trimmed.contains('\r') {
            Cow::Owned(trimmed.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(trimmed)
        };
        let mut count = 0_usize;
        for c in text.chars() {
            if forbidden(c, self.lines) {
                return Err(InputError::Control(self.label));
            }
            count += 1;
        }
        if count > self.max {
            return Err(too_long);
        }
        Ok(text)
    }
}

/// Characters a text may not hold: control characters (line breaks and tabs allowed in
/// several-line texts), the bidirectional embeddings, overrides and isolates that show a text in
/// another order than it is stored, and the Unicode line and paragraph separators.
fn forbidden(c: char, lines: bool) -> bool {
    match c {
        '\n' | '\t' => !lines,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => true,
        c => c.is_control(),
    }
}

/// A field that may be left out: absent or blank is `None`; anything else must parse.
pub fn optional<T>(
    s: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, InputError>,
) -> Result<Option<T>, InputError> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => parse(t).map(Some),
    }
}

/// A newtype over a text checked by its [`TextRule`]: private field, `parse`, `TryFrom<String>`;
/// serialised as a plain string.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident = $rule:expr;) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The rule: name in messages, most characters, lines.
            pub const RULE: TextRule = $rule;

            /// Parses `s` by [`Self::RULE`].
            pub fn parse(s: &str) -> Result<$name, InputError> {
                Self::RULE.parse(s).map(|t| $name(t.into_owned()))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<$name> for String {
            fn from(t: $name) -> String {
                t.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InputError;
            fn try_from(s: String) -> Result<$name, InputError> {
                $name::parse(&s)
            }
        }

        impl std::str::FromStr for $name {
            type Err = InputError;
            fn from_str(s: &str) -> Result<$name, InputError> {
                $name::parse(s)
            }
        }
    };
}

bounded_text! {
    /// A person's or an organisation's full name: one line, at most 200 characters. Personal
    /// data: its `Debug` form hides it.
    PersonName = TextRule::line("Họ tên", 200);
}

bounded_text! {
    /// A postal address: one line, at most 500 characters. Personal data: its `Debug` form hides
    /// it.
    Address = TextRule::line("Địa chỉ", 500);
}

bounded_text! {
    /// A note on a step of a dossier: several lines, at most 2,000 characters.
    Note = TextRule::lines("Ghi chú", 2000);
}

bounded_text! {
    /// A reason (refusal, stop, withdrawal, apology, calendar change): several lines, at most
    /// 2,000 characters.
    Reason = TextRule::lines("Lý do", 2000);
}

super::redacted_debug!(PersonName, Address);

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Note").field(&self.0).finish()
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Reason").field(&self.0).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_bounded_in_characters() {
        assert_eq!(
            PersonName::parse("  Nguyễn Văn An ").unwrap().as_str(),
            "Nguyễn Văn An"
        );
        // 200 letters of two bytes each: 400 bytes, still 200 characters.
        assert!(PersonName::parse(&"Đ".repeat(200)).is_ok());
        assert_eq!(
            PersonName::parse(&"Đ".repeat(201)).unwrap_err(),
            InputError::TooLong {
                label: "Họ tên",
                max: 200
            }
        );
        assert_eq!(
            PersonName::parse(" \t ").unwrap_err(),
            InputError::Empty("Họ tên")
        );
    }

    #[test]
    fn control_characters_are_refused_and_lines_only_where_allowed() {
        for bad in [
            "An\u{0}",
            "An\nBình",
            "An\u{7}",
            "An\u{202E}nib",
            "An\u{2028}B",
        ] {
            assert_eq!(
                PersonName::parse(bad).unwrap_err(),
                InputError::Control("Họ tên"),
                "{bad:?}"
            );
        }
        let note = Note::parse("Dòng một\r\nDòng hai\tcột").unwrap();
        assert_eq!(note.as_str(), "Dòng một\nDòng hai\tcột");
        assert_eq!(
            Note::parse("a\u{1b}[31m").unwrap_err(),
            InputError::Control("Ghi chú")
        );
    }

    #[test]
    fn serde_keeps_a_plain_string_and_checks_on_the_way_in() {
        let a: Address = serde_json::from_str("\"12 Trần Hưng Đạo\"").unwrap();
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"12 Trần Hưng Đạo\"");
        let long = format!("\"{}\"", "x".repeat(501));
        let e = serde_json::from_str::<Address>(&long).unwrap_err();
        assert!(
            e.to_string().starts_with("Địa chỉ dài quá 500 ký tự"),
            "{e}"
        );
        assert_eq!(format!("{a:?}"), "Address(\"…\")");
    }

    #[test]
    fn optional_fields_treat_blank_as_absent() {
        assert_eq!(optional(Some("  "), Address::parse), Ok(None));
        assert_eq!(optional(None, Address::parse), Ok(None));
        assert!(optional(Some("x"), Address::parse).unwrap().is_some());
    }
}
