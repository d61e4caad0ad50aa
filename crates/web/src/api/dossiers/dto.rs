//! The dossier as the API shows it: codes with Vietnamese labels, instants in RFC 3339 `+07:00`,
//! money in đồng. The doc comments are the document's descriptions, hence in Vietnamese.

use super::events::EventDto;
use super::explanation::ExplanationDto;
use crate::api::catalogue::{FeeDto, TimeLimitDto};
use crate::api::codes::{
    ApplicantType, Channel, PauseReason, PaymentMethod, ReturnMethod, Role, Status, TimeClass,
};
use crate::api::time::LocalInstant;
use chrono::NaiveDateTime;
use motcua_app::DossierView;
use motcua_domain::dossier::{Applicant, Dossier};
use serde::Serialize;
use utoipa::ToSchema;

/// Một dòng của danh sách hồ sơ.
#[derive(Debug, Serialize, ToSchema)]
pub struct DossierSummary {
    /// Mã hồ sơ, cấp khi tiếp nhận; hồ sơ nộp trực tuyến chưa tiếp nhận mang số nộp trực tuyến
    /// (`…-TT0001`).
    #[schema(example = "000.00.20.H56-261125-0001")]
    code: String,
    /// Số nộp trực tuyến của hồ sơ đã được cấp mã khi tiếp nhận; tra cứu bằng số này vẫn được.
    #[schema(example = "000.00.20.H56-261123-TT0004")]
    submission_number: Option<String>,
    /// Mã thủ tục.
    procedure_code: String,
    /// Tên thủ tục.
    procedure_name: String,
    /// Trạng thái.
    status: Status,
    /// Tên trạng thái.
    #[schema(example = "Đang giải quyết")]
    status_label: &'static str,
    /// Đơn vị tiếp nhận.
    receiving_unit: String,
    /// Cơ quan có thẩm quyền giải quyết.
    competent_unit: String,
    /// Đơn vị đang giữ hồ sơ.
    current_unit: String,
    /// Tên người nộp.
    applicant_name: String,
    /// Thời điểm tạo.
    created_at: LocalInstant,
    /// Thời điểm tiếp nhận.
    received_at: Option<LocalInstant>,
    /// Hạn trả kết quả; null trước khi tiếp nhận và khi tạm dừng.
    due_at: Option<LocalInstant>,
    /// Thời điểm kết thúc (có kết quả, dừng, rút, từ chối).
    ended_at: Option<LocalInstant>,
    /// Tình hình giải quyết tại thời điểm trả lời.
    time_class: Option<TimeClass>,
    /// Tên tình hình giải quyết.
    time_class_label: Option<&'static str>,
}

impl DossierSummary {
    /// The summary of `d` as of `now`.
    pub fn new(d: &Dossier, now: NaiveDateTime) -> DossierSummary {
        let class = d.time_class(now);
        DossierSummary {
            code: d.code.to_string(),
            submission_number: d.submitted_as.as_ref().map(ToString::to_string),
            procedure_code: d.facts.procedure_code.to_string(),
            procedure_name: d.facts.procedure_name.clone(),
            status: d.status.into(),
            status_label: d.status.label_vi(),
            receiving_unit: d.facts.receiving_unit.to_string(),
            competent_unit: d.facts.competent_unit.to_string(),
            current_unit: d.current_unit.to_string(),
            applicant_name: d.facts.applicant.name.clone(),
            created_at: d.created_at.into(),
            received_at: LocalInstant::opt(d.received_at),
            due_at: LocalInstant::opt(d.due_at),
            ended_at: LocalInstant::opt(d.ended_at),
            time_class: class.map(Into::into),
            time_class_label: class.map(|c| c.label_vi()),
        }
    }
}

/// Người nộp hồ sơ.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Applicant)]
pub struct ApplicantView {
    /// Cá nhân hoặc tổ chức.
    kind: ApplicantType,
    /// Họ tên hoặc tên tổ chức.
    name: String,
    /// Số định danh cá nhân hoặc mã số thuế.
    id_number: Option<String>,
    /// Số điện thoại.
    phone: Option<String>,
    /// Thư điện tử.
    email: Option<String>,
    /// Địa chỉ.
    address: Option<String>,
}

impl From<&Applicant> for ApplicantView {
    fn from(a: &Applicant) -> ApplicantView {
        ApplicantView {
            kind: a.kind.into(),
            name: a.name.clone(),
            id_number: a.id_number.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            address: a.address.clone(),
        }
    }
}

/// Hình thức nộp kèm tên.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelLabel {
    /// Mã.
    code: Channel,
    /// Tên.
    #[schema(example = "Trực tiếp")]
    label: &'static str,
}

/// Một bước của quy trình nội bộ, như đang chạy.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepView {
    /// Số thứ tự bước, từ 0.
    index: usize,
    /// Tên bước.
    name: String,
    /// Vai trò thực hiện.
    role: Role,
    /// Tên vai trò.
    role_label: &'static str,
    /// Thời gian dành cho bước (phút làm việc).
    budget_minutes: u32,
    /// Hạn của bước.
    due_at: Option<LocalInstant>,
    /// Người đang xử lý.
    assignee: Option<String>,
    /// Thời điểm hoàn thành.
    finished_at: Option<LocalInstant>,
    /// Hoàn thành đúng hạn bước.
    on_time: Option<bool>,
}

/// Một lần tạm dừng tính thời gian.
#[derive(Debug, Serialize, ToSchema)]
pub struct PauseView {
    /// Bắt đầu.
    from: LocalInstant,
    /// Kết thúc; null khi đang tạm dừng.
    to: Option<LocalInstant>,
    /// Lý do.
    reason: PauseReason,
    /// Tên lý do.
    reason_label: &'static str,
}

/// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApologyView {
    /// Thời điểm lập.
    at: LocalInstant,
    /// Lý do.
    reason: String,
    /// Ngày hẹn mới.
    new_date: LocalInstant,
}

/// Kết quả giải quyết.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionView {
    /// Chấp thuận.
    approved: bool,
    /// Lý do (khi không chấp thuận).
    reasons: String,
    /// Tệp kết quả điện tử.
    result_file: Option<String>,
}

/// Đã nộp phí, lệ phí.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    /// Thời điểm nộp.
    at: LocalInstant,
    /// Số tiền (đồng).
    amount: u64,
    /// Cách nộp.
    method: PaymentMethod,
}

/// Đã trả kết quả.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReturnedView {
    /// Thời điểm trả.
    at: LocalInstant,
    /// Cách trả.
    method: ReturnMethod,
}

/// Dữ liệu phiếu tiếp nhận và hẹn trả kết quả.
#[derive(Debug, Serialize, ToSchema)]
pub struct Receipt {
    /// Mã hồ sơ.
    code: String,
    /// Đơn vị tiếp nhận.
    receiving_unit: String,
    /// Tên thủ tục.
    procedure_name: String,
    /// Tên người nộp.
    applicant_name: String,
    /// Thời điểm tiếp nhận.
    received_at: LocalInstant,
    /// Ngày hẹn trả.
    appointment: Option<LocalInstant>,
    /// Tổng phí, lệ phí (đồng).
    total_fee: u64,
    /// Đường dẫn tra cứu cho người dân.
    #[schema(example = "/tra-cuu?ma=000.00.20.H56-261125-0001")]
    lookup_path: String,
}

/// Hồ sơ, lịch sử xử lý và giải thích cách tính hạn.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Dossier)]
pub struct DossierDetail {
    /// Các thông tin chính.
    #[serde(flatten)]
    summary: DossierSummary,
    /// Phiên bản thủ tục áp dụng.
    procedure_version: u32,
    /// Lĩnh vực.
    field: String,
    /// Quy định về một cửa áp dụng khi tiếp nhận.
    #[schema(example = "118/2025")]
    rule_version: String,
    /// Người nộp.
    applicant: ApplicantView,
    /// Hình thức nộp.
    channel: ChannelLabel,
    /// Cách trả kết quả.
    return_method: ReturnMethod,
    /// Số hóa khi tiếp nhận.
    digitised: bool,
    /// Dùng lại dữ liệu đã số hóa.
    reused_data: bool,
    /// Thời hạn giải quyết.
    time_limit: TimeLimitDto,
    /// Thời hạn dạng chữ.
    time_limit_text: String,
    /// Phí, lệ phí.
    fees: Vec<FeeDto>,
    /// Tổng phí, lệ phí (đồng).
    total_fee: u64,
    /// Được tạm dừng khi chờ nghĩa vụ tài chính.
    payment_pause_allowed: bool,
    /// Các đơn vị phối hợp đã chuyển đến.
    coordinating_units: Vec<String>,
    /// Bước đang xử lý; null khi đã xong các bước.
    current_step: Option<usize>,
    /// Các bước.
    steps: Vec<StepView>,
    /// Các lần tạm dừng.
    pauses: Vec<PauseView>,
    /// Số lần yêu cầu bổ sung sau khi tiếp nhận.
    supplements_after_reception: u32,
    /// Phiếu xin lỗi.
    apology: Option<ApologyView>,
    /// Kết quả giải quyết.
    decision: Option<DecisionView>,
    /// Nộp phí, lệ phí.
    payment: Option<PaymentView>,
    /// Trả kết quả.
    returned: Option<ReturnedView>,
    /// Phiếu tiếp nhận và hẹn trả kết quả; null khi chưa tiếp nhận.
    receipt: Option<Receipt>,
    /// Phiên bản (số sự kiện, tăng sau mỗi thao tác); thao tác gửi lại trong If-Match.
    version: u32,
    /// Lịch sử xử lý.
    events: Vec<EventDto>,
    /// Giải thích cách tính hạn.
    explanation: Option<ExplanationDto>,
    /// Giải thích bằng lời, từng dòng.
    explanation_text: Vec<String>,
    /// Cảnh báo của thao tác vừa làm.
    warnings: Vec<String>,
}

impl DossierDetail {
    /// The detail of a use case's view, as of `now`.
    pub fn new(view: DossierView, now: NaiveDateTime) -> DossierDetail {
        let d = &view.dossier;
        let f = &d.facts;
        let steps = f
            .steps
            .iter()
            .zip(&d.steps)
            .enumerate()
            .map(|(index, (spec, state))| StepView {
                index,
                name: spec.name.clone(),
                role: spec.role.into(),
                role_label: spec.role.label_vi(),
                budget_minutes: spec.budget_minutes,
                due_at: LocalInstant::opt(state.due_at),
                assignee: state.assignee.clone(),
                finished_at: LocalInstant::opt(state.finished_at),
                on_time: state.on_time,
            })
            .collect();
        let pauses = d
            .pauses
            .iter()
            .map(|p| PauseView {
                from: p.from.into(),
                to: LocalInstant::opt(p.to),
                reason: p.reason.into(),
                reason_label: p.reason.label_vi(),
            })
            .collect();
        DossierDetail {
            summary: DossierSummary::new(d, now),
            procedure_version: f.procedure_version,
            field: f.field.clone(),
            rule_version: f.rule_version.clone(),
            applicant: (&f.applicant).into(),
            channel: ChannelLabel {
                code: f.channel.into(),
                label: f.channel.label_vi(),
            },
            return_method: f.return_method.into(),
            digitised: f.digitised,
            reused_data: f.reused_data,
            time_limit: f.time_limit.into(),
            time_limit_text: f.time_limit.to_string(),
            fees: f.fees.iter().map(Into::into).collect(),
            total_fee: f.total_fee(),
            payment_pause_allowed: f.payment_pause_allowed,
            coordinating_units: d
                .coordinating_units
                .iter()
                .map(ToString::to_string)
                .collect(),
            current_step: d.current_step,
            steps,
            pauses,
            supplements_after_reception: d.supplements_after_reception,
            apology: d.apology.as_ref().map(|a| ApologyView {
                at: a.at.into(),
                reason: a.reason.clone(),
                new_date: a.new_date.into(),
            }),
            decision: d.decision.as_ref().map(|x| DecisionView {
                approved: x.approved,
                reasons: x.reasons.clone(),
                result_file: x.result_file.clone(),
            }),
            payment: d.payment.as_ref().map(|p| PaymentView {
                at: p.at.into(),
                amount: p.amount,
                method: p.method.into(),
            }),
            returned: d.returned.as_ref().map(|r| ReturnedView {
                at: r.at.into(),
                method: r.method.into(),
            }),
            receipt: receipt(d),
            version: d.version,
            events: view.events.iter().map(EventDto::from).collect(),
            explanation: view.explanation.as_ref().map(Into::into),
            explanation_text: view.explanation_text,
            warnings: view.warnings,
        }
    }
}

/// The receipt (Mẫu 01 / phiếu hẹn) of a received dossier.
fn receipt(d: &Dossier) -> Option<Receipt> {
    let received = d.received_at?;
    Some(Receipt {
        code: d.code.to_string(),
        receiving_unit: d.facts.receiving_unit.to_string(),
        procedure_name: d.facts.procedure_name.clone(),
        applicant_name: d.facts.applicant.name.clone(),
        received_at: received.into(),
        appointment: LocalInstant::opt(d.due_at),
        total_fee: d.facts.total_fee(),
        lookup_path: format!("/tra-cuu?ma={}", d.code),
    })
}
