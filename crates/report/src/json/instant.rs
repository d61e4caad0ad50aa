//! Instants in JSON: RFC 3339 with the `+07:00` offset, never naive local times.

use chrono::NaiveDateTime;
use motcua_domain::time::rfc3339;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// A local (Vietnam) instant as every JSON answer writes it: RFC 3339 with `+07:00`, e.g.
/// `2026-11-30T09:00:00+07:00`. The domain keeps local [`NaiveDateTime`]s; this is the one place
/// where they become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalInstant(pub NaiveDateTime);

impl From<NaiveDateTime> for LocalInstant {
    fn from(t: NaiveDateTime) -> LocalInstant {
        LocalInstant(t)
    }
}

impl LocalInstant {
    /// The optional instant `t`.
    pub fn opt(t: Option<NaiveDateTime>) -> Option<LocalInstant> {
        t.map(LocalInstant)
    }
}

impl Serialize for LocalInstant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rfc3339(self.0))
    }
}

impl PartialSchema for LocalInstant {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .description(Some("Thời điểm theo RFC 3339, giờ Việt Nam (+07:00)."))
            .examples([serde_json::json!("2026-11-30T09:00:00+07:00")])
            .into()
    }
}

impl ToSchema for LocalInstant {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("LocalInstant")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn instants_carry_the_vietnamese_offset() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .map(LocalInstant);
        assert_eq!(
            serde_json::to_string(&t).ok().as_deref(),
            Some("\"2026-11-30T09:00:00+07:00\"")
        );
    }
}
