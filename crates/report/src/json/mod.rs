//! The JSON vocabulary the exports share with the HTTP API: instants, codes, units, periods,
//! the report's columns and rates. Every type derives its OpenAPI schema, so the API document
//! is generated from what is written; their doc comments are its descriptions, hence in
//! Vietnamese, as in every JSON export type of this crate.

mod codes;
mod instant;

pub use codes::{Channel, Status, TimeClass};
pub use instant::LocalInstant;

use chrono::NaiveDate;
use motcua_domain::org::Unit;
use motcua_domain::stats::{Columns, Fraction, Period, PeriodKind};
use serde::Serialize;
use utoipa::ToSchema;

/// Một đơn vị: mã và tên.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitRef {
    /// Mã đơn vị.
    #[schema(example = "000.00.20.H56")]
    pub code: String,
    /// Tên đơn vị.
    pub name: String,
}

impl From<&Unit> for UnitRef {
    fn from(u: &Unit) -> UnitRef {
        UnitRef {
            code: u.code.to_string(),
            name: u.name.clone(),
        }
    }
}

/// Kỳ báo cáo: các ngày, cách định nghĩa, tên và nhãn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ReportPeriod)]
pub struct PeriodJson {
    /// Ngày đầu kỳ.
    pub from: NaiveDate,
    /// Ngày cuối kỳ (tính cả ngày này).
    pub to: NaiveDate,
    /// Cách định nghĩa kỳ.
    pub kind: PeriodKindJson,
    /// Tên kỳ.
    #[schema(example = "Tháng 11/2026")]
    pub name: String,
    /// Tên kỳ kèm ngày.
    #[schema(example = "Tháng 11/2026 (15/10/2026 – 14/11/2026)")]
    pub label: String,
    /// Các ngày của kỳ.
    #[schema(example = "15/10/2026 – 14/11/2026")]
    pub dates: String,
}

/// Cách định nghĩa kỳ: type = vpcp, calendar hoặc range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[schema(as = PeriodKind)]
pub enum PeriodKindJson {
    /// Kỳ báo cáo của Văn phòng Chính phủ: từ ngày 15 đến ngày 14.
    Vpcp {
        /// Năm của tháng cuối.
        end_year: i32,
        /// Tháng cuối (1–12).
        end_month: u32,
        /// Số tháng.
        months: u32,
    },
    /// Các tháng dương lịch trọn vẹn.
    Calendar {
        /// Năm của tháng cuối.
        end_year: i32,
        /// Tháng cuối (1–12).
        end_month: u32,
        /// Số tháng.
        months: u32,
    },
    /// Khoảng ngày bất kỳ.
    Range,
}

impl From<PeriodKind> for PeriodKindJson {
    fn from(k: PeriodKind) -> PeriodKindJson {
        match k {
            PeriodKind::Vpcp {
                end_year,
                end_month,
                months,
            } => PeriodKindJson::Vpcp {
                end_year,
                end_month,
                months,
            },
            PeriodKind::Calendar {
                end_year,
                end_month,
                months,
            } => PeriodKindJson::Calendar {
                end_year,
                end_month,
                months,
            },
            PeriodKind::Range => PeriodKindJson::Range,
        }
    }
}

/// The period as JSON.
pub fn period_json(p: &Period) -> PeriodJson {
    PeriodJson {
        from: p.from(),
        to: p.to(),
        kind: p.kind().into(),
        name: p.name_vi(),
        label: p.label_vi(),
        dates: p.dates_vi(),
    }
}

/// Các cột (3)–(13) của Biểu II.06a, theo ba nhóm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ReportColumns)]
pub struct ColumnsJson {
    /// Số hồ sơ nhận giải quyết: (3) = (4) + (5) + (6).
    pub received: ReceivedJson,
    /// Số hồ sơ đã giải quyết: (7) = (8) + (9) + (10).
    pub resolved: ResolvedJson,
    /// Số hồ sơ đang giải quyết: (11) = (12) + (13).
    pub pending: PendingJson,
}

/// Các cột (3)–(6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ReceivedColumns)]
pub struct ReceivedJson {
    /// (3) Tổng số.
    pub total: u64,
    /// (4) Trực tuyến.
    pub online: u64,
    /// (5) Trực tiếp, dịch vụ bưu chính.
    pub direct_postal: u64,
    /// (6) Từ kỳ trước.
    pub carried_over: u64,
}

/// Các cột (7)–(10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ResolvedColumns)]
pub struct ResolvedJson {
    /// (7) Tổng số.
    pub total: u64,
    /// (8) Trước hạn.
    pub early: u64,
    /// (9) Đúng hạn.
    pub on_time: u64,
    /// (10) Quá hạn.
    pub late: u64,
}

/// Các cột (11)–(13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = PendingColumns)]
pub struct PendingJson {
    /// (11) Tổng số.
    pub total: u64,
    /// (12) Trong hạn.
    pub not_due: u64,
    /// (13) Quá hạn.
    pub overdue: u64,
}

/// Columns 3–13 as the three JSON groups.
pub fn columns_json(c: &Columns) -> ColumnsJson {
    ColumnsJson {
        received: ReceivedJson {
            total: c.received_total(),
            online: c.received_online,
            direct_postal: c.received_direct,
            carried_over: c.carried_over,
        },
        resolved: ResolvedJson {
            total: c.resolved_total(),
            early: c.early,
            on_time: c.on_time,
            late: c.late,
        },
        pending: PendingJson {
            total: c.pending_total(),
            not_due: c.not_due,
            overdue: c.overdue,
        },
    }
}

/// Một tỷ lệ: tử số trên mẫu số, chưa làm tròn và dạng chữ.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[schema(as = Rate)]
pub struct FractionJson {
    /// Tử số.
    pub numerator: u64,
    /// Mẫu số.
    pub denominator: u64,
    /// Tỷ lệ chưa làm tròn; null khi mẫu số bằng 0 (không phát sinh).
    pub rate: Option<f64>,
    /// Tỷ lệ dạng chữ.
    #[schema(example = "70,98%")]
    pub rate_text: String,
}

impl From<&Fraction> for FractionJson {
    fn from(f: &Fraction) -> FractionJson {
        FractionJson {
            numerator: f.numerator,
            denominator: f.denominator,
            rate: f.rate(),
            rate_text: f.rate_vi(),
        }
    }
}
