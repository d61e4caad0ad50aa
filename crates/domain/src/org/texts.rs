//! The texts of a unit as a units file gives them, bounded like every input (docs/rules.md,
//! «Dữ liệu nhập»).

use crate::input::{FieldError, TextRule, optional};

/// A unit's name, e.g. `Ủy ban nhân dân phường Hoàn Kiếm`.
const NAME: TextRule = TextRule::line("Tên đơn vị", 300);
/// A unit's address.
const ADDRESS: TextRule = TextRule::line("Địa chỉ", 500);
/// A unit's phone: free text, since a switchboard may list several numbers or an extension.
const PHONE: TextRule = TextRule::line("Số điện thoại", 100);

/// A unit's name (required), address and phone (may be empty), each trimmed and bounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTexts {
    /// Name.
    pub name: String,
    /// Address, or empty.
    pub address: String,
    /// Phone, or empty.
    pub phone: String,
}

impl UnitTexts {
    /// Parses the three texts; the error names the field (`name`, `address`, `phone`).
    pub fn parse(name: &str, address: &str, phone: &str) -> Result<UnitTexts, FieldError> {
        let at = |field: &'static str| move |e| FieldError::new(field, e);
        let maybe = |s: &str, rule: TextRule, field| {
            optional(Some(s), |t| rule.parse(t).map(String::from))
                .map(Option::unwrap_or_default)
                .map_err(at(field))
        };
        Ok(UnitTexts {
            name: NAME.parse(name).map_err(at("name"))?.into(),
            address: maybe(address, ADDRESS, "address")?,
            phone: maybe(phone, PHONE, "phone")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_required_and_every_text_bounded() {
        let t = UnitTexts::parse(" UBND phường A ", "", "0203 3850 001").unwrap();
        assert_eq!(t.name, "UBND phường A");
        assert_eq!(UnitTexts::parse("", "", "").unwrap_err().field, "name");
        let long = "x".repeat(501);
        let e = UnitTexts::parse("A", &long, "").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.to_string().as_str()),
            ("address", "Địa chỉ dài quá 500 ký tự")
        );
    }
}
