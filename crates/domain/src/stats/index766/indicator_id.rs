//! The indicators of the Decision 766 index that motcua scores (docs/rules.md §9, docs/rules.md §9).

use super::group::Group;
use serde::{Deserialize, Serialize};

/// Where an indicator's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Counted from the dossier records; drills down to the dossiers that lost points.
    Records,
    /// Counted from the procedure catalogue ([`super::CatalogueFacts`] counts).
    Catalogue,
    /// Known only outside the dossier data (national portal, feedback system): an optional input.
    Input,
}

/// An indicator, numbered as in the portal's formula document (docs/rules.md §9.1): group 3
/// holds online services and online payment, 4 digitisation, 5 satisfaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorId {
    /// 1.1 Procedures published on time.
    PublishedOnTime,
    /// 1.2 Procedures updated and made public on time.
    PublicisedOnTime,
    /// 1.3 Procedures with all their constituent parts.
    CompleteComponents,
    /// 1.4 Dossiers synchronised to the national portal.
    SyncedToPortal,
    /// 2.1 Dossiers handled early or on time.
    OnTime,
    /// 2.2 Average time from reception to the end, of the dossiers ended in the period: shown,
    /// not scored. Its numerator is the total in minutes, its denominator the dossiers.
    AverageTime,
    /// 3.1 Procedures offering an online public service (full at ≥ 80%).
    ProceduresOnline,
    /// 3.2 Online services that had at least one dossier.
    OnlineServicesUsed,
    /// 3.3 Online share of received dossiers (full at ≥ 50%).
    OnlineShare,
    /// 3.5 Fee-bearing procedures integrated with online payment (full at ≥ 80%).
    FeeProceduresOnline,
    /// 3.6 Fee-bearing dossiers paid online.
    PaidOnline,
    /// 4.1 Ended dossiers with an electronic result (full at ≥ 80%).
    EResult,
    /// 4.2 Dossiers digitised at reception (full at ≥ 80%).
    Digitised,
    /// 4.3 Dossiers reusing digitised data (full at ≥ 80%).
    ReusedData,
    /// 5.2 Feedback (PAKN) handled within its limits.
    FeedbackOnTime,
    /// 5.4 Satisfaction with the handling of dossiers (full at ≥ 90%).
    Satisfaction,
}

impl IndicatorId {
    /// Number of indicators.
    pub const COUNT: usize = 16;

    /// Every indicator, in order.
    pub const ALL: [IndicatorId; IndicatorId::COUNT] = [
        IndicatorId::PublishedOnTime,
        IndicatorId::PublicisedOnTime,
        IndicatorId::CompleteComponents,
        IndicatorId::SyncedToPortal,
        IndicatorId::OnTime,
        IndicatorId::AverageTime,
        IndicatorId::ProceduresOnline,
        IndicatorId::OnlineServicesUsed,
        IndicatorId::OnlineShare,
        IndicatorId::FeeProceduresOnline,
        IndicatorId::PaidOnline,
        IndicatorId::EResult,
        IndicatorId::Digitised,
        IndicatorId::ReusedData,
        IndicatorId::FeedbackOnTime,
        IndicatorId::Satisfaction,
    ];

    /// Position in [`IndicatorId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Number in the formula document, `2.1`.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorId::PublishedOnTime => "1.1",
            IndicatorId::PublicisedOnTime => "1.2",
            IndicatorId::CompleteComponents => "1.3",
            IndicatorId::SyncedToPortal => "1.4",
            IndicatorId::OnTime => "2.1",
            IndicatorId::AverageTime => "2.2",
            IndicatorId::ProceduresOnline => "3.1",
            IndicatorId::OnlineServicesUsed => "3.2",
            IndicatorId::OnlineShare => "3.3",
            IndicatorId::FeeProceduresOnline => "3.5",
            IndicatorId::PaidOnline => "3.6",
            IndicatorId::EResult => "4.1",
            IndicatorId::Digitised => "4.2",
            IndicatorId::ReusedData => "4.3",
            IndicatorId::FeedbackOnTime => "5.2",
            IndicatorId::Satisfaction => "5.4",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            IndicatorId::PublishedOnTime => "Tỷ lệ TTHC công bố đúng hạn",
            IndicatorId::PublicisedOnTime => "Tỷ lệ TTHC được cập nhật, công khai đúng hạn",
            IndicatorId::CompleteComponents => "Tỷ lệ TTHC có đầy đủ bộ phận tạo thành",
            IndicatorId::SyncedToPortal => "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG",
            IndicatorId::OnTime => "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
            IndicatorId::AverageTime => "Thời gian giải quyết trung bình",
            IndicatorId::ProceduresOnline => "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
            IndicatorId::OnlineServicesUsed => "Tỷ lệ DVCTT có phát sinh hồ sơ",
            IndicatorId::OnlineShare => "Tỷ lệ hồ sơ nộp trực tuyến",
            IndicatorId::FeeProceduresOnline => {
                "Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến"
            }
            IndicatorId::PaidOnline => "Tỷ lệ hồ sơ thanh toán trực tuyến",
            IndicatorId::EResult => "Tỷ lệ hồ sơ có cấp kết quả điện tử",
            IndicatorId::Digitised => "Tỷ lệ hồ sơ thực hiện số hóa",
            IndicatorId::ReusedData => "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
            IndicatorId::FeedbackOnTime => "Tiến độ xử lý phản ánh, kiến nghị",
            IndicatorId::Satisfaction => "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
        }
    }

    /// Its group.
    pub fn group(self) -> Group {
        match self {
            IndicatorId::PublishedOnTime
            | IndicatorId::PublicisedOnTime
            | IndicatorId::CompleteComponents
            | IndicatorId::SyncedToPortal => Group::CongKhaiMinhBach,
            IndicatorId::OnTime | IndicatorId::AverageTime => Group::TienDoGiaiQuyet,
            IndicatorId::ProceduresOnline
            | IndicatorId::OnlineServicesUsed
            | IndicatorId::OnlineShare => Group::DichVuCongTrucTuyen,
            IndicatorId::FeeProceduresOnline | IndicatorId::PaidOnline => Group::ThanhToanTrucTuyen,
            IndicatorId::EResult | IndicatorId::Digitised | IndicatorId::ReusedData => {
                Group::SoHoaHoSo
            }
            IndicatorId::FeedbackOnTime | IndicatorId::Satisfaction => Group::MucDoHaiLong,
        }
    }

    /// The rate that earns full points (1.0 where the law names none).
    pub fn threshold(self) -> f64 {
        match self {
            IndicatorId::OnlineShare => 0.5,
            IndicatorId::ProceduresOnline
            | IndicatorId::FeeProceduresOnline
            | IndicatorId::EResult
            | IndicatorId::Digitised
            | IndicatorId::ReusedData => 0.8,
            IndicatorId::Satisfaction => 0.9,
            _ => 1.0,
        }
    }

    /// Where its figures come from.
    pub fn source(self) -> Source {
        match self {
            IndicatorId::OnTime
            | IndicatorId::AverageTime
            | IndicatorId::OnlineShare
            | IndicatorId::PaidOnline
            | IndicatorId::EResult
            | IndicatorId::Digitised
            | IndicatorId::ReusedData
            | IndicatorId::Satisfaction => Source::Records,
            IndicatorId::ProceduresOnline
            | IndicatorId::OnlineServicesUsed
            | IndicatorId::FeeProceduresOnline
            | IndicatorId::CompleteComponents => Source::Catalogue,
            IndicatorId::PublishedOnTime
            | IndicatorId::PublicisedOnTime
            | IndicatorId::SyncedToPortal
            | IndicatorId::FeedbackOnTime => Source::Input,
        }
    }
}
