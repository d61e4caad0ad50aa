//! The six groups of the Decision 766/QĐ-TTg index and their maximum points (total 100).

use serde::{Deserialize, Serialize};

/// A group of indicators (docs/rules.md §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Công khai, minh bạch (CKMB), 18 points.
    CongKhaiMinhBach,
    /// Tiến độ giải quyết (TDGQ), 20 points.
    TienDoGiaiQuyet,
    /// Dịch vụ công trực tuyến (CLGQ), 12 points.
    DichVuCongTrucTuyen,
    /// Thanh toán trực tuyến (TTTT), 10 points.
    ThanhToanTrucTuyen,
    /// Mức độ hài lòng (MDHL), 18 points.
    MucDoHaiLong,
    /// Số hóa hồ sơ (MDSH), 22 points.
    SoHoaHoSo,
}

impl Group {
    /// Every group, in the order of the numbers of their indicators (the portal's formula
    /// document): 1.x, 2.x, 3.1–3.3, 3.5–3.6, 4.x (số hóa), 5.x (hài lòng).
    pub const ALL: [Group; 6] = [
        Group::CongKhaiMinhBach,
        Group::TienDoGiaiQuyet,
        Group::DichVuCongTrucTuyen,
        Group::ThanhToanTrucTuyen,
        Group::SoHoaHoSo,
        Group::MucDoHaiLong,
    ];

    /// Maximum points; the six add up to 100.
    pub fn max_points(self) -> f64 {
        match self {
            Group::CongKhaiMinhBach | Group::MucDoHaiLong => 18.0,
            Group::TienDoGiaiQuyet => 20.0,
            Group::DichVuCongTrucTuyen => 12.0,
            Group::ThanhToanTrucTuyen => 10.0,
            Group::SoHoaHoSo => 22.0,
        }
    }

    /// Code used by the national evaluation API.
    pub fn code(self) -> &'static str {
        match self {
            Group::CongKhaiMinhBach => "CKMB",
            Group::TienDoGiaiQuyet => "TDGQ",
            Group::DichVuCongTrucTuyen => "CLGQ",
            Group::ThanhToanTrucTuyen => "TTTT",
            Group::MucDoHaiLong => "MDHL",
            Group::SoHoaHoSo => "MDSH",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Group::CongKhaiMinhBach => "Công khai, minh bạch",
            Group::TienDoGiaiQuyet => "Tiến độ giải quyết",
            Group::DichVuCongTrucTuyen => "Dịch vụ công trực tuyến",
            Group::ThanhToanTrucTuyen => "Thanh toán trực tuyến",
            Group::MucDoHaiLong => "Mức độ hài lòng",
            Group::SoHoaHoSo => "Số hóa hồ sơ",
        }
    }
}
