//! A dossier's history as the API shows it: each event with its type, label, instant, actor
//! and the details of its type.

use crate::api::codes::{Channel, PauseReason, PaymentMethod, Rating, ReturnMethod};
use crate::api::time::LocalInstant;
use motcua_domain::dossier::{Event, EventKind, HandedOver};
use serde::Serialize;
use utoipa::ToSchema;

/// Một sự kiện của lịch sử xử lý.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Event)]
pub struct EventDto {
    /// Số thứ tự, từ 1.
    seq: u32,
    /// Loại sự kiện và chi tiết.
    #[serde(flatten)]
    kind: EventDetails,
    /// Tên sự kiện.
    #[schema(example = "Phân công xử lý")]
    label: &'static str,
    /// Thời điểm.
    at: LocalInstant,
    /// Người thực hiện (tên đăng nhập; system khi tự động).
    actor: String,
}

/// Một lần bàn giao giữa nơi tiếp nhận và cơ quan giải quyết.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = HandedOver)]
pub struct HandedOverDto {
    /// Đơn vị giao.
    from_unit: String,
    /// Đơn vị nhận.
    to_unit: String,
    /// Lúc giấy tờ đến đơn vị nhận: hồ sơ giấy giao trước 15:00 ngày làm việc đến trong ngày,
    /// sau đó đến ngày làm việc kế tiếp; hồ sơ trực tuyến đến ngay.
    arrives_at: LocalInstant,
    /// Với kết quả: về đến nơi trả kết quả trong hạn hay không.
    on_time: Option<bool>,
}

impl From<HandedOver> for HandedOverDto {
    fn from(h: HandedOver) -> HandedOverDto {
        HandedOverDto {
            from_unit: h.from_unit.to_string(),
            to_unit: h.to_unit.to_string(),
            arrives_at: h.arrives_at.into(),
            on_time: h.on_time,
        }
    }
}

/// Loại sự kiện (type) và chi tiết của loại đó (details).
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "type", content = "details", rename_all = "snake_case")]
pub enum EventDetails {
    /// Tạo hồ sơ.
    Created {
        /// Mã thủ tục.
        procedure_code: String,
        /// Phiên bản thủ tục.
        procedure_version: u32,
        /// Hình thức nộp.
        channel: Channel,
    },
    /// Tiếp nhận hồ sơ.
    Received {
        /// Hạn trả kết quả.
        due_at: LocalInstant,
        /// Hạn của từng bước.
        step_dues: Vec<LocalInstant>,
        /// Bàn giao cho cơ quan giải quyết ngay khi tiếp nhận (quy trình không có bước của
        /// bộ phận tiếp nhận).
        handed_over: Option<HandedOverDto>,
        /// Mã hồ sơ cấp khi tiếp nhận hồ sơ nộp trực tuyến (trước đó hồ sơ chỉ có số nộp
        /// trực tuyến); không có khi hồ sơ được tiếp nhận ngay lúc nộp.
        code: Option<String>,
    },
    /// Hướng dẫn bổ sung trước khi tiếp nhận.
    SupplementRequestedBeforeReception {
        /// Các giấy tờ cần bổ sung.
        items: Vec<String>,
        /// Hướng dẫn.
        note: String,
    },
    /// Từ chối tiếp nhận.
    RefusedAtIntake {
        /// Lý do.
        reasons: String,
    },
    /// Phân công xử lý.
    Assigned {
        /// Bước.
        step: usize,
        /// Người được phân công.
        to: String,
    },
    /// Chuyển bước xử lý.
    StepCompleted {
        /// Bước đã xong.
        step: usize,
        /// Đúng hạn bước.
        on_time: bool,
        /// Người nhận bước sau.
        to: Option<String>,
        /// Ghi chú.
        note: String,
        /// Bàn giao cho cơ quan giải quyết, khi bước này kết thúc phần việc của bộ phận tiếp
        /// nhận.
        handed_over: Option<HandedOverDto>,
    },
    /// Tạm dừng tính thời gian.
    Paused {
        /// Lý do.
        reason: PauseReason,
        /// Các giấy tờ yêu cầu.
        items: Vec<String>,
        /// Ghi chú.
        note: String,
    },
    /// Yêu cầu bổ sung lần nữa sau khi tiếp nhận: không tạm dừng, hồ sơ tính là quá hạn.
    SupplementRequestedAgain {
        /// Các giấy tờ yêu cầu.
        items: Vec<String>,
        /// Lý do của lãnh đạo.
        reason: String,
    },
    /// Nhận hồ sơ bổ sung sau yêu cầu bổ sung lần nữa.
    SupplementReceived {
        /// Ghi chú.
        note: String,
    },
    /// Tiếp tục tính thời gian.
    Resumed {
        /// Hạn mới.
        due_at: LocalInstant,
        /// Hạn mới của từng bước.
        step_dues: Vec<LocalInstant>,
        /// Ghi chú.
        note: String,
    },
    /// Nộp phí, lệ phí.
    FeePaid {
        /// Số tiền (đồng).
        amount: u64,
        /// Cách nộp.
        method: PaymentMethod,
    },
    /// Chuyển liên thông.
    Transferred {
        /// Đơn vị phối hợp.
        to_unit: String,
        /// Ghi chú.
        note: String,
        /// Thời gian giao (phút làm việc).
        budget_minutes: u32,
        /// Lúc hồ sơ giấy đến đơn vị phối hợp (chuyển trước 15:00: cùng ngày).
        handed_over_at: Option<LocalInstant>,
        /// Hạn của đơn vị phối hợp.
        due_at: Option<LocalInstant>,
    },
    /// Nhận lại từ cơ quan liên thông.
    TransferReturned {
        /// Đơn vị phối hợp trả đúng hạn của mình.
        on_time: Option<bool>,
        /// Ghi chú.
        note: String,
    },
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
    ApologyIssued {
        /// Lý do.
        reason: String,
        /// Ngày hẹn mới.
        new_date: LocalInstant,
        /// Lập muộn: sau thời điểm một ngày làm việc trước hạn, hoặc sau hạn.
        late: bool,
    },
    /// Có kết quả giải quyết.
    Resolved {
        /// Chấp thuận.
        approved: bool,
        /// Lý do (khi không chấp thuận).
        reasons: String,
        /// Tệp kết quả điện tử.
        result_file: Option<String>,
        /// Chuyển kết quả về nơi trả kết quả, khi hồ sơ đã được bàn giao cho cơ quan giải
        /// quyết.
        handed_over: Option<HandedOverDto>,
    },
    /// Dừng giải quyết.
    Stopped {
        /// Lý do.
        reason: String,
    },
    /// Rút hồ sơ.
    Withdrawn {
        /// Lý do.
        reason: String,
    },
    /// Trả kết quả.
    ResultReturned {
        /// Cách trả.
        method: ReturnMethod,
        /// Ghi chú.
        note: String,
    },
    /// Đánh giá mức độ hài lòng.
    Rated {
        /// Mức độ.
        rating: Rating,
        /// Ý kiến.
        comment: String,
    },
    /// Tính lại hạn do thay đổi lịch làm việc.
    DueRecomputed {
        /// Hạn cũ.
        from: Option<LocalInstant>,
        /// Hạn mới.
        to: Option<LocalInstant>,
        /// Lý do (thay đổi lịch và văn bản).
        reason: String,
    },
}

fn instants(v: &[chrono::NaiveDateTime]) -> Vec<LocalInstant> {
    v.iter().copied().map(LocalInstant).collect()
}

impl From<&EventKind> for EventDetails {
    fn from(k: &EventKind) -> EventDetails {
        match k.clone() {
            // The facts are the dossier's own fields: repeat only what identifies the procedure.
            EventKind::Created { facts } => EventDetails::Created {
                procedure_code: facts.procedure_code.to_string(),
                procedure_version: facts.procedure_version,
                channel: facts.channel.into(),
            },
            EventKind::Received {
                due_at,
                step_dues,
                handed_over,
                code,
            } => EventDetails::Received {
                due_at: due_at.into(),
                step_dues: instants(&step_dues),
                handed_over: handed_over.map(Into::into),
                code: code.map(String::from),
            },
            EventKind::SupplementRequestedBeforeReception { items, note } => {
                EventDetails::SupplementRequestedBeforeReception { items, note }
            }
            EventKind::RefusedAtIntake { reasons } => EventDetails::RefusedAtIntake { reasons },
            EventKind::Assigned { step, to } => EventDetails::Assigned { step, to },
            EventKind::StepCompleted {
                step,
                on_time,
                to,
                note,
                handed_over,
            } => EventDetails::StepCompleted {
                step,
                on_time,
                to,
                note,
                handed_over: handed_over.map(Into::into),
            },
            EventKind::Paused {
                reason,
                items,
                note,
            } => EventDetails::Paused {
                reason: reason.into(),
                items,
                note,
            },
            EventKind::SupplementRequestedAgain { items, reason } => {
                EventDetails::SupplementRequestedAgain { items, reason }
            }
            EventKind::SupplementReceived { note } => EventDetails::SupplementReceived { note },
            EventKind::Resumed {
                due_at,
                step_dues,
                note,
            } => EventDetails::Resumed {
                due_at: due_at.into(),
                step_dues: instants(&step_dues),
                note,
            },
            EventKind::FeePaid { amount, method } => EventDetails::FeePaid {
                amount,
                method: method.into(),
            },
            EventKind::Transferred {
                to_unit,
                note,
                budget_minutes,
                handed_over_at,
                due_at,
            } => EventDetails::Transferred {
                to_unit: to_unit.to_string(),
                note,
                budget_minutes,
                handed_over_at: LocalInstant::opt(handed_over_at),
                due_at: LocalInstant::opt(due_at),
            },
            EventKind::TransferReturned { note, on_time } => {
                EventDetails::TransferReturned { note, on_time }
            }
            EventKind::ApologyIssued {
                reason,
                new_date,
                late,
            } => EventDetails::ApologyIssued {
                reason,
                new_date: new_date.into(),
                late,
            },
            EventKind::Resolved {
                approved,
                reasons,
                result_file,
                handed_over,
            } => EventDetails::Resolved {
                approved,
                reasons,
                result_file,
                handed_over: handed_over.map(Into::into),
            },
            EventKind::Stopped { reason } => EventDetails::Stopped { reason },
            EventKind::Withdrawn { reason } => EventDetails::Withdrawn { reason },
            EventKind::ResultReturned { method, note } => EventDetails::ResultReturned {
                method: method.into(),
                note,
            },
            EventKind::Rated { rating, comment } => EventDetails::Rated {
                rating: rating.into(),
                comment,
            },
            EventKind::DueRecomputed { from, to, reason } => EventDetails::DueRecomputed {
                from: LocalInstant::opt(from),
                to: LocalInstant::opt(to),
                reason,
            },
        }
    }
}

impl From<&Event> for EventDto {
    fn from(e: &Event) -> EventDto {
        EventDto {
            seq: e.seq,
            kind: (&e.kind).into(),
            label: e.kind.label_vi(),
            at: e.at.into(),
            actor: e.actor.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use motcua_domain::dossier::{EventKind, ReturnMethod};

    /// The details are the event's own fields, with instants in `+07:00`, and the type is the
    /// domain's code.
    #[test]
    fn events_keep_their_code_and_fields() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        for kind in [
            EventKind::ApologyIssued {
                reason: "r".into(),
                new_date: at,
                late: false,
            },
            EventKind::ResultReturned {
                method: ReturnMethod::Post,
                note: String::new(),
            },
        ] {
            let e = Event {
                seq: 3,
                at,
                actor: "a".into(),
                kind,
            };
            let v = serde_json::to_value(EventDto::from(&e)).unwrap();
            assert_eq!(v["type"], e.kind.code());
            assert_eq!(v["at"], "2026-11-30T09:00:00+07:00");
            let mut domain = serde_json::to_value(&e.kind).unwrap();
            domain.as_object_mut().unwrap().remove("type");
            for (key, value) in domain.as_object().unwrap() {
                if key == "new_date" {
                    assert_eq!(v["details"][key], "2026-11-30T09:00:00+07:00");
                } else {
                    assert_eq!(&v["details"][key], value, "{key}");
                }
            }
        }
    }
}
