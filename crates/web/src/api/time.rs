//! Instants in the API. Answers write [`LocalInstant`] (RFC 3339, `+07:00`, shared with the
//! report exports); requests read [`InstantInput`].

pub use motcua_report::json::LocalInstant;

use chrono::{Datelike, NaiveDateTime};
use motcua_domain::time::to_local;
use serde::de::{Deserialize, Deserializer, Error};
use std::borrow::Cow;
use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// Years an instant sent by a client may fall in: wide enough for any appointment or filter,
/// narrow enough that the calendar arithmetic behind it stays meaningful.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Local time written without an offset: `YYYY-MM-DDTHH:MM[:SS[.fraction]]`.
const LOCAL_PATTERN: &str =
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$";

/// An instant sent by a client: RFC 3339 with any offset (converted to Vietnam time), or a
/// local Vietnam time without offset, between the years 2000 and 2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstantInput(pub NaiveDateTime);

impl InstantInput {
    /// Parses `text`; `None` when it is neither form or out of range.
    pub fn parse(text: &str) -> Option<InstantInput> {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .and_then(|t| (t.year() > 1900 && t.year() < 2200).then(|| to_local(&t)))
            .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").ok())
            .or_else(|| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok())
            .filter(|t| YEARS.contains(&t.year()))
            .map(InstantInput)
    }
}

impl<'de> Deserialize<'de> for InstantInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        InstantInput::parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "thời điểm «{text}» không hợp lệ (RFC 3339 như 2026-11-30T09:00:00+07:00, hoặc \
                 giờ Việt Nam như 2026-11-30T09:00, từ năm {} đến năm {})",
                YEARS.start(),
                YEARS.end()
            ))
        })
    }
}

impl PartialSchema for InstantInput {
    fn schema() -> RefOr<Schema> {
        let rfc3339 = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)));
        let local = ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(LOCAL_PATTERN));
        AnyOfBuilder::new()
            .item(rfc3339)
            .item(local)
            .description(Some(
                "Thời điểm theo RFC 3339 (mọi múi giờ, đổi sang giờ Việt Nam) hoặc giờ Việt Nam \
                 không kèm múi giờ (2026-11-30T09:00); từ năm 2000 đến năm 2100.",
            ))
            .examples([serde_json::json!("2026-12-02T16:00:00+07:00")])
            .into()
    }
}

impl ToSchema for InstantInput {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("InstantInput")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_accept_offsets_and_local_times_within_the_years() {
        let local = InstantInput::parse("2026-11-30T09:00").unwrap();
        assert_eq!(InstantInput::parse("2026-11-30T02:00:00Z"), Some(local));
        assert_eq!(
            InstantInput::parse("2026-11-30T09:00:00+07:00"),
            Some(local)
        );
        assert_eq!(InstantInput::parse("2026-11-30T09:00:00"), Some(local));
        assert_eq!(InstantInput::parse("30/11/2026"), None);
        assert_eq!(InstantInput::parse("9999-12-31T23:59:59+14:00"), None);
        assert_eq!(InstantInput::parse("1999-12-31T23:59:59"), None);
    }
}
