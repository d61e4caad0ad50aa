//! What people type and import files carry, parsed once at the edge (docs/rules.md, «Dữ liệu
//! nhập»): bounded free text, Vietnamese phone numbers, identity numbers, e-mail addresses and fee
//! amounts. Each rule lives in one place here; the API, the pages and the importers all call it.
//!
//! **Where the checks apply.** Every path that *creates* a record parses its texts with these
//! types: [`crate::dossier::intake`] parses the applicant, [`crate::dossier::decide`] the texts of
//! an action, the history and catalogue importers every field of a line or item. The records
//! themselves ([`crate::dossier::Applicant`], events, imported history lines) keep plain
//! strings: they are what was accepted, possibly under older rules, and reading them back from
//! storage never checks them again. A limit added later must not make an old dossier unreadable,
//! its page blank or its report fail; exports bound what they lay out instead
//! ([`crate::format::bounded`]).
//!
//! **Counting.** Limits count characters (Unicode scalar values) after trimming surrounding
//! white space, as a person counts them, not bytes.

mod email;
mod error;
mod fee;
mod id_number;
mod phone;
mod text;

pub use email::Email;
pub use error::{FieldError, InputError};
pub use fee::{MAX_FEE_VND, fee_vnd};
pub use id_number::IdNumber;
pub use phone::Phone;
pub use text::{Address, Note, PersonName, Reason, TextRule, optional};

/// `Debug` that hides the value of a type holding personal data (names, numbers, addresses), so
/// it never reaches a log by accident.
macro_rules! redacted_debug {
    ($($name:ident),*) => {$(
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&"…").finish()
            }
        }
    )*};
}
use redacted_debug;

/// The form a phone or identity number is compared in at the citizen's look-up: a phone number
/// normalised like [`Phone::parse`] (`+84 912 345 678` → `0912345678`); anything else, its
/// digits. Both the number typed and the numbers stored on the dossier (which may predate these
/// checks) go through it.
pub fn lookup_key(s: &str) -> String {
    match Phone::parse(s) {
        Ok(phone) => phone.into(),
        Err(_) => s.chars().filter(char::is_ascii_digit).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_up_keys_normalise_phones_and_keep_the_digits_of_the_rest() {
        assert_eq!(lookup_key("+84 912 345 678"), "0912345678");
        assert_eq!(lookup_key("0912.345.678"), "0912345678");
        assert_eq!(lookup_key("001 090 012 345"), "001090012345");
        assert_eq!(lookup_key("0101234567-001"), "0101234567001");
    }
}
