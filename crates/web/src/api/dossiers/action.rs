//! The body of `POST /api/v1/dossiers/{code}/actions`: one action, chosen by its `action` field,
//! each with its own fields. The document shows it as a `oneOf` with a discriminator: one
//! schema per action, each listing the `action` value and exactly the fields that action takes.

use crate::api::codes::{PaymentMethod, ReturnMethod};
use crate::api::params::UnitCodeParam;
use crate::api::time::InstantInput;
use motcua_domain::dossier::Action;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use utoipa::openapi::schema::{Discriminator, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// Tiếp nhận hồ sơ nộp trực tuyến (đã kiểm tra đủ thành phần).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptAction {}

/// Hướng dẫn bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận (Mẫu 02).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestSupplementBeforeReceptionAction {
    /// Các giấy tờ cần bổ sung, sửa đổi.
    #[schema(max_items = 100)]
    items: Vec<String>,
    /// Hướng dẫn.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Từ chối tiếp nhận (Mẫu 03).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefuseAtIntakeAction {
    /// Lý do từ chối.
    #[schema(max_length = 2000)]
    reasons: String,
}

/// Phân công người xử lý bước hiện tại.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignAction {
    /// Tên đăng nhập của người được phân công.
    #[schema(max_length = 100)]
    to: String,
}

/// Hoàn thành bước hiện tại và chuyển bước sau.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteStepAction {
    /// Người nhận bước sau (tên đăng nhập), nếu biết.
    #[serde(default)]
    #[schema(max_length = 100)]
    to: Option<String>,
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Yêu cầu bổ sung hồ sơ; tạm dừng tính thời gian.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestSupplementAction {
    /// Các giấy tờ cần bổ sung, sửa đổi.
    #[schema(max_items = 100)]
    items: Vec<String>,
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Đã nhận hồ sơ bổ sung; tiếp tục tính thời gian.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiveSupplementAction {
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Chờ thực hiện nghĩa vụ tài chính; tạm dừng tính thời gian nếu thủ tục cho phép.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestPaymentAction {
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Đã nộp phí, lệ phí.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayAction {
    /// Cách nộp.
    method: PaymentMethod,
}

/// Chuyển liên thông đến cơ quan phối hợp.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferAction {
    /// Mã đơn vị phối hợp.
    to_unit: UnitCodeParam,
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
    /// Thời gian giao cho cơ quan phối hợp (phút làm việc); mặc định một ngày làm việc.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 27000)]
    budget_minutes: Option<u32>,
}

/// Nhận lại hồ sơ từ cơ quan phối hợp.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferBackAction {
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04), trước hạn.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApologizeAction {
    /// Lý do chậm.
    #[schema(max_length = 2000)]
    reason: String,
    /// Ngày hẹn mới.
    new_date: InstantInput,
}

/// Có kết quả giải quyết.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveAction {
    /// Chấp thuận (true) hoặc không chấp thuận (false, cần lý do).
    approved: bool,
    /// Lý do (bắt buộc khi không chấp thuận).
    #[serde(default)]
    #[schema(max_length = 2000)]
    reasons: String,
    /// Tệp kết quả điện tử.
    #[serde(default)]
    #[schema(max_length = 500)]
    result_file: Option<String>,
}

/// Dừng giải quyết.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StopAction {
    /// Lý do.
    #[schema(max_length = 2000)]
    reason: String,
}

/// Rút hồ sơ theo đề nghị của người nộp.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawAction {
    /// Lý do.
    #[schema(max_length = 2000)]
    reason: String,
}

/// Trả kết quả.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnResultAction {
    /// Cách trả.
    method: ReturnMethod,
    /// Ghi chú.
    #[serde(default)]
    #[schema(max_length = 2000)]
    note: String,
}

/// One action on a dossier, as sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ActionBody {
    /// See [`AcceptAction`].
    Accept(AcceptAction),
    /// See [`RequestSupplementBeforeReceptionAction`].
    RequestSupplementBeforeReception(RequestSupplementBeforeReceptionAction),
    /// See [`RefuseAtIntakeAction`].
    RefuseAtIntake(RefuseAtIntakeAction),
    /// See [`AssignAction`].
    Assign(AssignAction),
    /// See [`CompleteStepAction`].
    CompleteStep(CompleteStepAction),
    /// See [`RequestSupplementAction`].
    RequestSupplement(RequestSupplementAction),
    /// See [`ReceiveSupplementAction`].
    ReceiveSupplement(ReceiveSupplementAction),
    /// See [`RequestPaymentAction`].
    RequestPayment(RequestPaymentAction),
    /// See [`PayAction`].
    Pay(PayAction),
    /// See [`TransferAction`].
    Transfer(TransferAction),
    /// See [`TransferBackAction`].
    TransferBack(TransferBackAction),
    /// See [`ApologizeAction`].
    Apologize(ApologizeAction),
    /// See [`ResolveAction`].
    Resolve(ResolveAction),
    /// See [`StopAction`].
    Stop(StopAction),
    /// See [`WithdrawAction`].
    Withdraw(WithdrawAction),
    /// See [`ReturnResultAction`].
    ReturnResult(ReturnResultAction),
}

impl From<ActionBody> for Action {
    fn from(a: ActionBody) -> Action {
        match a {
            ActionBody::Accept(AcceptAction {}) => Action::Accept,
            ActionBody::RequestSupplementBeforeReception(a) => {
                Action::RequestSupplementBeforeReception {
                    items: a.items,
                    note: a.note,
                }
            }
            ActionBody::RefuseAtIntake(a) => Action::RefuseAtIntake { reasons: a.reasons },
            ActionBody::Assign(a) => Action::Assign { to: a.to },
            ActionBody::CompleteStep(a) => Action::CompleteStep {
                to: a.to,
                note: a.note,
            },
            ActionBody::RequestSupplement(a) => Action::RequestSupplement {
                items: a.items,
                note: a.note,
            },
            ActionBody::ReceiveSupplement(a) => Action::ReceiveSupplement { note: a.note },
            ActionBody::RequestPayment(a) => Action::RequestPayment { note: a.note },
            ActionBody::Pay(a) => Action::Pay {
                method: a.method.into(),
            },
            ActionBody::Transfer(a) => Action::Transfer {
                to_unit: a.to_unit.0,
                note: a.note,
                budget_minutes: a.budget_minutes,
            },
            ActionBody::TransferBack(a) => Action::TransferBack { note: a.note },
            ActionBody::Apologize(a) => Action::Apologize {
                reason: a.reason,
                new_date: a.new_date.0,
            },
            ActionBody::Resolve(a) => Action::Resolve {
                approved: a.approved,
                reasons: a.reasons,
                result_file: a.result_file,
            },
            ActionBody::Stop(a) => Action::Stop { reason: a.reason },
            ActionBody::Withdraw(a) => Action::Withdraw { reason: a.reason },
            ActionBody::ReturnResult(a) => Action::ReturnResult {
                method: a.method.into(),
                note: a.note,
            },
        }
    }
}

/// One action's schema: its `action` value, its name and its fields.
struct Variant {
    tag: &'static str,
    name: Cow<'static, str>,
    schema: RefOr<Schema>,
}

fn variant<T: ToSchema>(tag: &'static str, nested: &mut Vec<(String, RefOr<Schema>)>) -> Variant {
    T::schemas(nested);
    let mut schema = T::schema();
    if let RefOr::T(Schema::Object(object)) = &mut schema {
        let value = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([tag]))
            .description(Some("Loại thao tác."))
            .build();
        object.properties.insert("action".into(), value.into());
        object.required.insert(0, "action".into());
    }
    Variant {
        tag,
        name: T::name(),
        schema,
    }
}

/// Every action, in the order of [`ActionBody`], with the schemas its fields refer to.
fn variants(nested: &mut Vec<(String, RefOr<Schema>)>) -> Vec<Variant> {
    vec![
        variant::<AcceptAction>("accept", nested),
        variant::<RequestSupplementBeforeReceptionAction>(
            "request_supplement_before_reception",
            nested,
        ),
        variant::<RefuseAtIntakeAction>("refuse_at_intake", nested),
        variant::<AssignAction>("assign", nested),
        variant::<CompleteStepAction>("complete_step", nested),
        variant::<RequestSupplementAction>("request_supplement", nested),
        variant::<ReceiveSupplementAction>("receive_supplement", nested),
        variant::<RequestPaymentAction>("request_payment", nested),
        variant::<PayAction>("pay", nested),
        variant::<TransferAction>("transfer", nested),
        variant::<TransferBackAction>("transfer_back", nested),
        variant::<ApologizeAction>("apologize", nested),
        variant::<ResolveAction>("resolve", nested),
        variant::<StopAction>("stop", nested),
        variant::<WithdrawAction>("withdraw", nested),
        variant::<ReturnResultAction>("return_result", nested),
    ]
}

impl PartialSchema for ActionBody {
    fn schema() -> RefOr<Schema> {
        let variants = variants(&mut Vec::new());
        let mut discriminator = Discriminator::new("action");
        discriminator.mapping = variants
            .iter()
            .map(|v| (v.tag.to_owned(), format!("#/components/schemas/{}", v.name)))
            .collect::<BTreeMap<_, _>>();
        variants
            .iter()
            .fold(OneOfBuilder::new(), |b, v| {
                b.item(Ref::from_schema_name(v.name.clone()))
            })
            .discriminator(Some(discriminator))
            .description(Some(
                "Một thao tác; trường action chọn loại, mỗi loại có các trường riêng. Ví dụ \
                 {\"action\":\"assign\",\"to\":\"chuyenvien\"}, {\"action\":\"complete_step\"}, \
                 {\"action\":\"resolve\",\"approved\":true}, \
                 {\"action\":\"return_result\",\"method\":\"desk\"}.",
            ))
            .into()
    }
}

impl ToSchema for ActionBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Action")
    }

    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        let mut nested = Vec::new();
        for v in variants(&mut nested) {
            out.push((v.name.into_owned(), v.schema));
        }
        out.extend(nested);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The tags of the schema are exactly the variants serde knows, in the same order.
    #[test]
    fn every_action_has_its_schema() {
        let e = serde_json::from_value::<ActionBody>(json!({ "action": "zzz" }))
            .unwrap_err()
            .to_string();
        let known: Vec<String> = e
            .split_once("expected one of ")
            .unwrap()
            .1
            .split(", ")
            .map(|s| s.trim_matches('`').to_owned())
            .collect();
        let tags: Vec<String> = variants(&mut Vec::new())
            .iter()
            .map(|v| v.tag.to_owned())
            .collect();
        assert_eq!(known, tags);
    }

    #[test]
    fn each_action_takes_its_own_fields_only() {
        let ok = |v: serde_json::Value| serde_json::from_value::<ActionBody>(v).is_ok();
        assert!(ok(json!({ "action": "accept" })));
        assert!(!ok(json!({ "action": "accept", "to": "x" })));
        assert!(ok(json!({ "action": "assign", "to": "x" })));
        assert!(!ok(json!({ "action": "assign" })));
        assert!(!ok(json!({ "action": "assign", "to": "x", "note": "" })));
        let a = serde_json::from_value::<ActionBody>(json!({
            "action": "apologize", "reason": "r", "new_date": "2026-12-02T09:00:00Z"
        }))
        .unwrap();
        match Action::from(a) {
            Action::Apologize { new_date, .. } => {
                assert_eq!(new_date.to_string(), "2026-12-02 16:00:00");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_schema_requires_its_action_and_refuses_other_fields() {
        for v in variants(&mut Vec::new()) {
            let RefOr::T(Schema::Object(o)) = &v.schema else {
                panic!("{}", v.tag)
            };
            assert_eq!(o.required.first().map(String::as_str), Some("action"));
            let text = serde_json::to_string(&o).unwrap();
            assert!(text.contains("\"additionalProperties\":false"), "{text}");
        }
    }
}
