//! Vietnamese labels the domain does not carry yet (it has them for statuses, roles, channels
//! and events), and the wording of the dossier actions.

use motcua_domain::catalogue::{ApplicantType, OnlineLevel, ProcedureLevel};
use motcua_domain::dossier::{PaymentMethod, ReturnMethod};

/// Person or organisation.
pub fn applicant_type(t: ApplicantType) -> &'static str {
    match t {
        ApplicantType::Citizen => "Cá nhân",
        ApplicantType::Organisation => "Tổ chức",
    }
}

/// Where the result goes.
pub fn return_method(m: ReturnMethod) -> &'static str {
    match m {
        ReturnMethod::Desk => "Tại Bộ phận Một cửa",
        ReturnMethod::Post => "Qua dịch vụ bưu chính",
        ReturnMethod::Online => "Trực tuyến (bản điện tử)",
    }
}

/// How a fee was paid.
pub fn payment_method(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Desk => "Nộp tại Bộ phận Một cửa",
        PaymentMethod::Online => "Thanh toán trực tuyến",
    }
}

/// Online service level.
pub fn online_level(l: OnlineLevel) -> &'static str {
    match l {
        OnlineLevel::Full => "Dịch vụ công trực tuyến toàn trình",
        OnlineLevel::Partial => "Dịch vụ công trực tuyến một phần",
        OnlineLevel::None => "Chỉ cung cấp thông tin",
    }
}

/// Competent level.
pub fn procedure_level(l: ProcedureLevel) -> &'static str {
    match l {
        ProcedureLevel::Commune => "Cấp xã",
        ProcedureLevel::Province => "Cấp tỉnh",
    }
}

/// The button text of an action, by its API code; `None` for unknown codes.
pub fn action(code: &str) -> Option<&'static str> {
    Some(match code {
        "accept" => "Tiếp nhận hồ sơ",
        "request_supplement_before_reception" => "Hướng dẫn bổ sung, hoàn thiện hồ sơ",
        "refuse_at_intake" => "Từ chối tiếp nhận",
        "assign" => "Phân công xử lý",
        "complete_step" => "Hoàn thành bước, chuyển tiếp",
        "request_supplement" => "Yêu cầu bổ sung hồ sơ",
        "receive_supplement" => "Đã nhận hồ sơ bổ sung",
        "request_payment" => "Chờ thực hiện nghĩa vụ tài chính",
        "pay" => "Ghi nhận nộp phí, lệ phí",
        "transfer" => "Chuyển cơ quan phối hợp",
        "transfer_back" => "Nhận lại từ cơ quan phối hợp",
        "apologize" => "Lập văn bản xin lỗi, hẹn lại",
        "resolve" => "Ghi nhận kết quả giải quyết",
        "stop" => "Dừng giải quyết",
        "withdraw" => "Rút hồ sơ",
        "return_result" => "Trả kết quả",
        _ => return None,
    })
}
