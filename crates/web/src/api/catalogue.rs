//! The catalogue as the API shows it: procedures, their time limits, fees and steps, and units.
//!
//! The doc comments of these types are the descriptions of the OpenAPI document, hence in
//! Vietnamese.

use crate::api::codes::{
    ApplicantType, OnlineLevel, ProcedureLevel, ProcedureStatus, ResultKind, Role, UnitKind,
};
use chrono::{NaiveDate, NaiveTime};
use motcua_domain::catalogue::{Component, Fee, ProcedureVersion, Publication, Step};
use motcua_domain::deadline::TimeLimit;
use motcua_domain::org::Unit;
use serde::Serialize;
use utoipa::ToSchema;

/// Thời hạn giải quyết: số lượng theo một đơn vị.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "unit", rename_all = "snake_case")]
#[schema(as = TimeLimit)]
pub enum TimeLimitDto {
    /// Số ngày làm việc.
    WorkingDays {
        /// Số ngày làm việc.
        amount: u32,
    },
    /// Trong ngày: tiếp nhận trước giờ chốt thì trả trong ngày.
    SameDay {
        /// Giờ chốt (tiếp nhận từ giờ này trả vào ngày làm việc sau).
        #[schema(value_type = String, example = "15:00:00")]
        cutoff: NaiveTime,
    },
    /// Số giờ làm việc.
    Hours {
        /// Số giờ làm việc.
        amount: u32,
    },
    /// Số ngày (lịch).
    CalendarDays {
        /// Số ngày.
        amount: u32,
    },
}

impl From<TimeLimit> for TimeLimitDto {
    fn from(t: TimeLimit) -> TimeLimitDto {
        match t {
            TimeLimit::WorkingDays { amount } => TimeLimitDto::WorkingDays { amount },
            TimeLimit::SameDay { cutoff } => TimeLimitDto::SameDay { cutoff },
            TimeLimit::Hours { amount } => TimeLimitDto::Hours { amount },
            TimeLimit::CalendarDays { amount } => TimeLimitDto::CalendarDays { amount },
        }
    }
}

/// Một khoản phí, lệ phí.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = Fee)]
pub struct FeeDto {
    /// Tên khoản.
    pub name: String,
    /// Số tiền (đồng).
    pub amount: u64,
    /// Căn cứ thu.
    pub basis: String,
    /// Đối tượng miễn, giảm.
    pub exemptions: String,
}

impl From<&Fee> for FeeDto {
    fn from(f: &Fee) -> FeeDto {
        FeeDto {
            name: f.name.clone(),
            amount: f.amount,
            basis: f.basis.clone(),
            exemptions: f.exemptions.clone(),
        }
    }
}

/// Một bước của quy trình nội bộ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ProcedureStep)]
pub struct StepDto {
    /// Tên bước.
    pub name: String,
    /// Vai trò thực hiện.
    pub role: Role,
    /// Thời gian dành cho bước (phút làm việc).
    pub budget_minutes: u32,
}

impl From<&Step> for StepDto {
    fn from(s: &Step) -> StepDto {
        StepDto {
            name: s.name.clone(),
            role: s.role.into(),
            budget_minutes: s.budget_minutes,
        }
    }
}

/// Một thành phần hồ sơ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = ProcedureComponent)]
pub struct ComponentDto {
    /// Tên giấy tờ.
    pub name: String,
    /// Số bản chính.
    pub originals: u32,
    /// Số bản sao.
    pub copies: u32,
    /// Bắt buộc.
    pub required: bool,
}

impl From<&Component> for ComponentDto {
    fn from(c: &Component) -> ComponentDto {
        ComponentDto {
            name: c.name.clone(),
            originals: c.originals,
            copies: c.copies,
            required: c.required,
        }
    }
}

/// Quyết định công bố thủ tục.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = Publication)]
pub struct PublicationDto {
    /// Số quyết định.
    pub number: String,
    /// Ngày ban hành.
    pub date: NaiveDate,
}

impl From<&Publication> for PublicationDto {
    fn from(p: &Publication) -> PublicationDto {
        PublicationDto {
            number: p.number.clone(),
            date: p.date,
        }
    }
}

/// Một thủ tục trong kết quả tìm kiếm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProcedureSummary {
    /// Mã thủ tục.
    #[schema(example = "1.000894")]
    pub code: String,
    /// Tên thủ tục.
    pub name: String,
    /// Lĩnh vực.
    pub field: String,
    /// Cấp thực hiện.
    pub level: ProcedureLevel,
    /// Số phiên bản hiện hành.
    pub version: u32,
    /// Tình trạng.
    pub status: ProcedureStatus,
    /// Thời hạn giải quyết áp dụng.
    pub time_limit: TimeLimitDto,
    /// Thời hạn dạng chữ.
    #[schema(example = "3 ngày làm việc")]
    pub time_limit_text: String,
    /// Tổng phí, lệ phí (đồng).
    pub total_fee: u64,
    /// Mức dịch vụ công trực tuyến.
    pub online_level: OnlineLevel,
    /// Được tạm dừng tính thời gian khi chờ nghĩa vụ tài chính.
    pub payment_pause_allowed: bool,
}

impl From<&ProcedureVersion> for ProcedureSummary {
    fn from(p: &ProcedureVersion) -> ProcedureSummary {
        let s = &p.spec;
        ProcedureSummary {
            code: s.code.to_string(),
            name: s.name.clone(),
            field: s.field.clone(),
            level: s.level.into(),
            version: p.version,
            status: p.status.into(),
            time_limit: s.effective_time_limit().into(),
            time_limit_text: s.effective_time_limit().to_string(),
            total_fee: s.total_fee(),
            online_level: s.online_level.into(),
            payment_pause_allowed: s.payment_pause_allowed,
        }
    }
}

/// Toàn bộ nội dung công bố của phiên bản hiện hành của một thủ tục.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = Procedure)]
pub struct ProcedureDto {
    /// Mã thủ tục.
    pub code: String,
    /// Tên thủ tục.
    pub name: String,
    /// Lĩnh vực.
    pub field: String,
    /// Cấp thực hiện.
    pub level: ProcedureLevel,
    /// Số phiên bản.
    pub version: u32,
    /// Tình trạng.
    pub status: ProcedureStatus,
    /// Căn cứ pháp lý.
    pub legal_bases: Vec<String>,
    /// Quyết định công bố.
    pub decision: PublicationDto,
    /// Ngày có hiệu lực.
    pub effective_from: NaiveDate,
    /// Thời hạn giải quyết áp dụng (đã rút ngắn nếu có).
    pub time_limit: TimeLimitDto,
    /// Thời hạn theo quyết định công bố, khi khác thời hạn áp dụng.
    pub published_time_limit: Option<TimeLimitDto>,
    /// Thành phần hồ sơ.
    pub components: Vec<ComponentDto>,
    /// Đối tượng thực hiện.
    pub applicant_types: Vec<ApplicantType>,
    /// Phí, lệ phí.
    pub fees: Vec<FeeDto>,
    /// Kết quả thực hiện.
    pub result: String,
    /// Kết quả có phải là giấy tờ hay không.
    pub result_kind: ResultKind,
    /// Mức dịch vụ công trực tuyến.
    pub online_level: OnlineLevel,
    /// Tiếp nhận không phụ thuộc địa giới hành chính.
    pub regardless_of_residence: bool,
    /// Được tạm dừng tính thời gian khi chờ nghĩa vụ tài chính.
    pub payment_pause_allowed: bool,
    /// Quy trình nội bộ.
    pub steps: Vec<StepDto>,
    /// Thời hạn dạng chữ.
    pub time_limit_text: String,
    /// Tổng phí, lệ phí (đồng).
    pub total_fee: u64,
}

impl From<&ProcedureVersion> for ProcedureDto {
    fn from(p: &ProcedureVersion) -> ProcedureDto {
        let s = &p.spec;
        ProcedureDto {
            code: s.code.to_string(),
            name: s.name.clone(),
            field: s.field.clone(),
            level: s.level.into(),
            version: p.version,
            status: p.status.into(),
            legal_bases: s.legal_bases.clone(),
            decision: (&s.decision).into(),
            effective_from: s.effective_from,
            time_limit: s.time_limit.into(),
            published_time_limit: s.published_time_limit.map(Into::into),
            components: s.components.iter().map(Into::into).collect(),
            applicant_types: s.applicant_types.iter().map(|&a| a.into()).collect(),
            fees: s.fees.iter().map(Into::into).collect(),
            result: s.result.clone(),
            result_kind: s.result_kind.into(),
            online_level: s.online_level.into(),
            regardless_of_residence: s.regardless_of_residence,
            payment_pause_allowed: s.payment_pause_allowed,
            steps: s.steps.iter().map(Into::into).collect(),
            time_limit_text: s.effective_time_limit().to_string(),
            total_fee: s.total_fee(),
        }
    }
}

/// Một đơn vị.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = Unit)]
pub struct UnitDto {
    /// Mã đơn vị.
    #[schema(example = "000.00.20.H56")]
    pub code: String,
    /// Tên đơn vị.
    pub name: String,
    /// Loại đơn vị.
    pub kind: UnitKind,
    /// Tên loại đơn vị.
    pub kind_label: &'static str,
    /// Mã đơn vị cấp trên.
    pub parent: Option<String>,
    /// Ngày thôi hoạt động (sáp nhập, giải thể).
    pub valid_to: Option<NaiveDate>,
    /// Đơn vị kế thừa.
    pub successor: Option<String>,
}

impl From<&Unit> for UnitDto {
    fn from(u: &Unit) -> UnitDto {
        UnitDto {
            code: u.code.to_string(),
            name: u.name.clone(),
            kind: u.kind.into(),
            kind_label: u.kind.label_vi(),
            parent: u.parent.as_ref().map(ToString::to_string),
            valid_to: u.valid_to,
            successor: u.successor.as_ref().map(ToString::to_string),
        }
    }
}

/// Các thủ tục tìm thấy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProcedureList {
    /// Các thủ tục.
    pub items: Vec<ProcedureSummary>,
}

/// Các đơn vị.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitList {
    /// Các đơn vị.
    pub items: Vec<UnitDto>,
}
