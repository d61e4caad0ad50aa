//! The body of `POST /api/v1/dossiers`: what the desk sends to receive a dossier.

use crate::api::codes::{ApplicantType, Channel, ReturnMethod};
use crate::api::params::{ProcedureCodeParam, UnitCodeParam};
use motcua_app::IntakeRequest;
use motcua_domain::dossier::Applicant;
use serde::Deserialize;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::{Modify, ToSchema};

/// Người nộp hồ sơ; cần số điện thoại hoặc số định danh, để người dân tra cứu hồ sơ.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ApplicantInput)]
pub struct ApplicantBody {
    /// Cá nhân hoặc tổ chức.
    kind: ApplicantType,
    /// Họ tên hoặc tên tổ chức (tối đa 200 ký tự).
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    /// Số định danh: CMND 9 chữ số, căn cước 12 chữ số, hoặc mã số thuế của tổ chức (10 chữ
    /// số; đơn vị phụ thuộc 13 chữ số, dạng 0101234567-001).
    #[serde(default)]
    #[schema(
        pattern = r"^([0-9]{9}|[0-9]{10}|[0-9]{12}|[0-9]{10}-?[0-9]{3})$",
        example = "001090012345"
    )]
    id_number: Option<String>,
    /// Số điện thoại Việt Nam: di động 0[35789] và 8 chữ số, cố định 02 và 9 chữ số; có thể
    /// viết +84 thay cho số 0 đầu, cách nhóm bằng dấu cách, chấm hoặc gạch ngang.
    #[serde(default)]
    #[schema(
        pattern = r"^(\+84[ .-]?|0)([35789]([ .-]?[0-9]){8}|2([ .-]?[0-9]){9})$",
        example = "0912 345 678"
    )]
    phone: Option<String>,
    /// Thư điện tử (tối đa 254 ký tự).
    #[serde(default)]
    #[schema(max_length = 254)]
    email: Option<String>,
    /// Địa chỉ (tối đa 500 ký tự).
    #[serde(default)]
    #[schema(max_length = 500)]
    address: Option<String>,
}

impl From<ApplicantBody> for Applicant {
    fn from(a: ApplicantBody) -> Applicant {
        Applicant {
            kind: a.kind.into(),
            name: a.name,
            id_number: a.id_number,
            phone: a.phone,
            email: a.email,
            address: a.address,
        }
    }
}

/// What the derived schema of [`ApplicantBody`] cannot say: a phone or an ID number is
/// required (the domain refuses an applicant with neither).
#[derive(Debug)]
pub struct ApplicantRules;

impl Modify for ApplicantRules {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let name = <ApplicantBody as ToSchema>::name().into_owned();
        let Some(schemas) = doc.components.as_mut().map(|c| &mut c.schemas) else {
            return;
        };
        let Some(fields) = schemas.remove(&name) else {
            return;
        };
        let given = |field: &str| {
            let text = ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1));
            ObjectBuilder::new().property(field, text).required(field)
        };
        let either = AnyOfBuilder::new()
            .item(given("phone"))
            .item(given("id_number"))
            .description(Some("Cần số điện thoại hoặc số định danh (hoặc cả hai)."));
        let schema = AllOfBuilder::new().item(fields).item(either).build();
        schemas.insert(name, RefOr::T(Schema::AllOf(schema)));
    }
}

/// Hồ sơ tiếp nhận tại Bộ phận Một cửa.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = IntakeRequest)]
pub struct IntakeBody {
    /// Mã thủ tục.
    procedure_code: ProcedureCodeParam,
    /// Đơn vị tiếp nhận; mặc định đơn vị nơi người gọi có vai trò tiep_nhan.
    #[serde(default)]
    receiving_unit: Option<UnitCodeParam>,
    /// Cơ quan có thẩm quyền giải quyết; mặc định đơn vị tiếp nhận.
    #[serde(default)]
    competent_unit: Option<UnitCodeParam>,
    /// Người nộp.
    applicant: ApplicantBody,
    /// Hình thức nộp (mặc định desk).
    #[serde(default = "desk")]
    #[schema(default = "desk")]
    channel: Channel,
    /// Cách trả kết quả (mặc định desk).
    #[serde(default = "desk_return")]
    #[schema(default = "desk")]
    return_method: ReturnMethod,
    /// Thành phần hồ sơ được số hóa khi tiếp nhận.
    #[serde(default)]
    digitised: bool,
    /// Thành phần hồ sơ dùng lại từ dữ liệu đã số hóa.
    #[serde(default)]
    reused_data: bool,
    /// Đã nộp phí, lệ phí tại Bộ phận Một cửa khi tiếp nhận.
    #[serde(default)]
    paid_at_desk: bool,
}

fn desk() -> Channel {
    Channel::Desk
}

fn desk_return() -> ReturnMethod {
    ReturnMethod::Desk
}

impl From<IntakeBody> for IntakeRequest {
    fn from(b: IntakeBody) -> IntakeRequest {
        IntakeRequest {
            procedure_code: b.procedure_code.0.to_string(),
            receiving_unit: b.receiving_unit.map(|u| u.0),
            competent_unit: b.competent_unit.map(|u| u.0),
            applicant: b.applicant.into(),
            channel: b.channel.into(),
            return_method: b.return_method.into(),
            digitised: b.digitised,
            reused_data: b.reused_data,
            paid_at_desk: b.paid_at_desk,
        }
    }
}
