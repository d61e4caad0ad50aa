//! The applicant's satisfaction rating of one dossier (docs/rules.md §10).

use serde::{Deserialize, Serialize};

/// A satisfaction rating, given once per dossier after the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Rất hài lòng.
    RatHaiLong,
    /// Hài lòng.
    HaiLong,
    /// Bình thường.
    BinhThuong,
    /// Không hài lòng.
    KhongHaiLong,
}

impl Rating {
    /// Every rating, best first.
    pub const ALL: [Rating; 4] = [
        Rating::RatHaiLong,
        Rating::HaiLong,
        Rating::BinhThuong,
        Rating::KhongHaiLong,
    ];

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Rating::RatHaiLong => "Rất hài lòng",
            Rating::HaiLong => "Hài lòng",
            Rating::BinhThuong => "Bình thường",
            Rating::KhongHaiLong => "Không hài lòng",
        }
    }

    /// A negative rating: counted against satisfaction by Decision 766 (indicator 5.4).
    pub fn is_negative(self) -> bool {
        self == Rating::KhongHaiLong
    }
}
