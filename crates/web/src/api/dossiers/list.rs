//! The query and the answer of `GET /api/v1/dossiers`.

use super::cursor;
use super::dto::DossierSummary;
use crate::api::codes::Status;
use crate::api::time::InstantInput;
use motcua_app::store::Cursor;
use serde::Serialize;
use serde::de::{Deserialize, Deserializer, Error};
use std::borrow::Cow;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

/// Largest page of a list.
pub const MAX_LIMIT: u32 = 200;
/// Page size when none is asked.
pub const DEFAULT_LIMIT: u32 = motcua_app::store::PageSize::DEFAULT;

/// Query of `GET /api/v1/dossiers`.
#[derive(Debug, serde::Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Chỉ hồ sơ ở trạng thái này.
    #[param(inline)]
    pub status: Option<Status>,
    /// Chỉ hồ sơ đang giải quyết (đã tiếp nhận, chưa kết thúc).
    pub open: Option<bool>,
    /// Chỉ hồ sơ có hạn trước thời điểm này.
    #[param(inline)]
    pub due_before: Option<InstantInput>,
    /// Giá trị `next` của trang trước (chuỗi mờ, không tự tạo).
    #[param(inline)]
    pub after: Option<After>,
    /// Số hồ sơ mỗi trang (1–200, mặc định 50).
    #[param(inline)]
    pub limit: Option<Limit>,
}

/// The position after which a page starts, as a previous page's `next` wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After(pub Cursor);

impl<'de> Deserialize<'de> for After {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        cursor::decode(&text).map(After).ok_or_else(|| {
            D::Error::custom("con trỏ trang không hợp lệ (dùng giá trị next của trang trước)")
        })
    }
}

impl PartialSchema for After {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^([0-9a-f]{2})+$"))
            .max_length(Some(cursor::MAX_LEN))
            .into()
    }
}

impl ToSchema for After {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("PageCursor")
    }
}

/// A page size, 1 to [`MAX_LIMIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(pub u32);

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u32::deserialize(d)?;
        if (1..=MAX_LIMIT).contains(&n) {
            Ok(Limit(n))
        } else {
            Err(D::Error::custom(format!(
                "số hồ sơ mỗi trang phải từ 1 đến {MAX_LIMIT}"
            )))
        }
    }
}

impl PartialSchema for Limit {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(1))
            .maximum(Some(MAX_LIMIT))
            .default(Some(DEFAULT_LIMIT.into()))
            .into()
    }
}

impl ToSchema for Limit {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("PageSize")
    }
}

/// Một trang hồ sơ, mới nhất trước.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierPage {
    /// Các hồ sơ.
    pub items: Vec<DossierSummary>,
    /// Con trỏ trang sau (giá trị của tham số after); null khi hết.
    pub next: Option<String>,
}
