//! Codes sent by clients (in paths, queries and bodies), parsed at the edge: each type refuses
//! what the domain would refuse, with a Vietnamese message, and declares the same rule as a
//! pattern in the document.

use motcua_app::usecases::auth::{USERNAME_PATTERN, valid_username};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use serde::de::{Deserialize, Deserializer, Error};
use std::borrow::Cow;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A string schema with `pattern`, an example and a description.
fn pattern_schema(pattern: &str, example: &str, description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
        .description(Some(description))
        .into()
}

/// A dossier code: `<mã đơn vị>-<yymmdd>-<số thứ tự>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierCodeParam(pub DossierCode);

impl<'de> Deserialize<'de> for DossierCodeParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DossierCode::parse(&text)
            .map(DossierCodeParam)
            .map_err(|_| {
                D::Error::custom(format!(
                    "mã hồ sơ «{text}» không hợp lệ (dạng <mã đơn vị>-<yymmdd>-<số thứ tự>)"
                ))
            })
    }
}

impl PartialSchema for DossierCodeParam {
    fn schema() -> RefOr<Schema> {
        pattern_schema(
            r"^[A-Za-z0-9._]{3,40}-[0-9]{6}-[0-9]{4,}$",
            "000.00.20.H56-261125-0001",
            "Mã hồ sơ: <mã đơn vị>-<yymmdd>-<số thứ tự>.",
        )
    }
}

impl ToSchema for DossierCodeParam {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("DossierCode")
    }
}

/// A national procedure code: `1.000894`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureCodeParam(pub ProcedureCode);

impl<'de> Deserialize<'de> for ProcedureCodeParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ProcedureCode::parse(&text)
            .map(ProcedureCodeParam)
            .map_err(|_| {
                D::Error::custom(format!("mã thủ tục «{text}» không hợp lệ (dạng 1.000894)"))
            })
    }
}

impl PartialSchema for ProcedureCodeParam {
    fn schema() -> RefOr<Schema> {
        pattern_schema(
            r"^[0-9]\.[0-9]{6}$",
            "1.000894",
            "Mã thủ tục hành chính quốc gia.",
        )
    }
}

impl ToSchema for ProcedureCodeParam {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ProcedureCode")
    }
}

/// A unit code: 3 to 40 letters, digits, dots or underscores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCodeParam(pub UnitCode);

impl<'de> Deserialize<'de> for UnitCodeParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        UnitCode::parse(&text).map(UnitCodeParam).map_err(|_| {
            D::Error::custom(format!(
                "mã đơn vị «{text}» không hợp lệ (3–40 chữ cái không dấu, chữ số, dấu chấm \
                 hoặc gạch dưới)"
            ))
        })
    }
}

impl PartialSchema for UnitCodeParam {
    fn schema() -> RefOr<Schema> {
        pattern_schema(r"^[A-Za-z0-9._]{3,40}$", "000.00.20.H56", "Mã đơn vị.")
    }
}

impl ToSchema for UnitCodeParam {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("UnitCode")
    }
}

/// A user name: 3–40 lower-case letters, digits, dots or underscores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsernameParam(pub String);

impl<'de> Deserialize<'de> for UsernameParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if valid_username(&text) {
            Ok(UsernameParam(text))
        } else {
            Err(D::Error::custom(format!(
                "tên đăng nhập «{text}» không hợp lệ (3–40 ký tự: chữ thường không dấu, số, dấu \
                 chấm, gạch dưới)"
            )))
        }
    }
}

impl PartialSchema for UsernameParam {
    fn schema() -> RefOr<Schema> {
        pattern_schema(USERNAME_PATTERN, "tiepnhan", "Tên đăng nhập.")
    }
}

impl ToSchema for UsernameParam {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Username")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, String> {
        serde_json::from_value(serde_json::json!(s)).map_err(|e| e.to_string())
    }

    #[test]
    fn codes_are_parsed_and_refused_in_vietnamese() {
        assert!(parse::<DossierCodeParam>("000.00.20.H56-261125-0001").is_ok());
        let e = parse::<DossierCodeParam>("abc").unwrap_err();
        assert!(e.starts_with("mã hồ sơ «abc» không hợp lệ"), "{e}");
        assert!(parse::<ProcedureCodeParam>("1.000894").is_ok());
        assert!(parse::<ProcedureCodeParam>("1.0008945").is_err());
        assert!(parse::<UnitCodeParam>("H56").is_ok());
        assert!(parse::<UnitCodeParam>("H 56").is_err());
        assert!(parse::<UsernameParam>("tiep_nhan.w1").is_ok());
        let e = parse::<UsernameParam>("Tiep Nhan").unwrap_err();
        assert!(
            e.starts_with("tên đăng nhập «Tiep Nhan» không hợp lệ"),
            "{e}"
        );
    }
}
