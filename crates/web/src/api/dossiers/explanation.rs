//! Why a dossier's due instant is what it is, as the API shows it.

use crate::api::catalogue::TimeLimitDto;
use crate::api::codes::{DayKind, PauseReason};
use crate::api::time::LocalInstant;
use chrono::NaiveDate;
use motcua_domain::deadline::{Explanation, PauseEffect, SkippedDay, StartNote};
use serde::Serialize;
use utoipa::ToSchema;

/// Cách chọn thời điểm bắt đầu tính (ngày 0).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = StartNote)]
pub enum StartNoteDto {
    /// Tiếp nhận trong giờ hành chính: ngày 0 là thời điểm tiếp nhận.
    InOfficeHours,
    /// Tiếp nhận ngoài giờ của ngày làm việc: tính từ đầu giờ làm việc kế tiếp.
    OutsideOfficeHours,
    /// Tiếp nhận vào ngày không làm việc (loại ngày kèm theo).
    NonWorkingDay(DayKind),
}

impl From<StartNote> for StartNoteDto {
    fn from(n: StartNote) -> StartNoteDto {
        match n {
            StartNote::InOfficeHours => StartNoteDto::InOfficeHours,
            StartNote::OutsideOfficeHours => StartNoteDto::OutsideOfficeHours,
            StartNote::NonWorkingDay(kind) => StartNoteDto::NonWorkingDay(kind.into()),
        }
    }
}

/// Một ngày không tính.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = SkippedDay)]
pub struct SkippedDayDto {
    /// Ngày.
    date: NaiveDate,
    /// Loại ngày.
    kind: DayKind,
    /// Tên ngày lễ.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Văn bản quy định ngày nghỉ.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    /// Ngày của năm lịch tạm tính (chưa có thông báo chính thức).
    provisional: bool,
}

impl From<&SkippedDay> for SkippedDayDto {
    fn from(s: &SkippedDay) -> SkippedDayDto {
        SkippedDayDto {
            date: s.date,
            kind: s.kind.into(),
            name: s.name.clone(),
            reference: s.reference.clone(),
            provisional: s.provisional,
        }
    }
}

/// Một lần tạm dừng.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = Pause)]
pub struct PauseDto {
    /// Bắt đầu.
    from: LocalInstant,
    /// Kết thúc; null khi đang tạm dừng.
    to: Option<LocalInstant>,
    /// Lý do.
    reason: PauseReason,
}

/// Tác động của một lần tạm dừng lên hạn.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[schema(as = PauseEffect)]
pub struct PauseEffectDto {
    /// Lần tạm dừng.
    pause: PauseDto,
    /// Thời gian làm việc còn lại khi bắt đầu tạm dừng (giây; âm khi đã quá hạn).
    remaining_seconds: i64,
    /// Thời gian làm việc của lần tạm dừng, cộng vào hạn (giây).
    paused_seconds: i64,
    /// Hạn trước khi tạm dừng.
    due_before: LocalInstant,
    /// Hạn sau khi tạm dừng; null khi đang tạm dừng.
    due_after: Option<LocalInstant>,
}

impl From<&PauseEffect> for PauseEffectDto {
    fn from(e: &PauseEffect) -> PauseEffectDto {
        PauseEffectDto {
            pause: PauseDto {
                from: e.pause.from.into(),
                to: LocalInstant::opt(e.pause.to),
                reason: e.pause.reason.into(),
            },
            remaining_seconds: e.remaining_seconds,
            paused_seconds: e.paused_seconds,
            due_before: e.due_before.into(),
            due_after: LocalInstant::opt(e.due_after),
        }
    }
}

/// Giải thích cách tính hạn: ngày bắt đầu, các ngày không tính, các lần tạm dừng, quy tắc.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = Explanation)]
pub struct ExplanationDto {
    /// Tên lịch làm việc.
    calendar: String,
    /// Giờ làm việc.
    #[schema(example = "07:30-11:30,13:30-17:00")]
    office_hours: String,
    /// Thời hạn giải quyết.
    limit: TimeLimitDto,
    /// Thời điểm tiếp nhận.
    received: LocalInstant,
    /// Thời điểm bắt đầu tính (ngày 0).
    start: LocalInstant,
    /// Cách chọn thời điểm bắt đầu.
    start_note: StartNoteDto,
    /// Các ngày làm việc được tính (thời hạn theo ngày làm việc).
    counted_days: Vec<NaiveDate>,
    /// Các ngày không làm việc giữa ngày tiếp nhận và ngày hẹn.
    skipped: Vec<SkippedDayDto>,
    /// Các lần tạm dừng.
    pauses: Vec<PauseEffectDto>,
    /// Hạn theo thời hạn, chưa kể tạm dừng.
    base_due: LocalInstant,
    /// Hạn cuối cùng; null khi đang tạm dừng.
    due: Option<LocalInstant>,
    /// Bắt đầu tính từ giờ mở cửa: ngày đó được tính trọn là ngày 1, hạn là giờ đóng cửa.
    whole_first_day: bool,
    /// Giờ hẹn được chuyển về cuối giờ làm việc.
    moved_to_closing: bool,
    /// Thời hạn theo ngày lịch rơi vào ngày nghỉ nên chuyển sang ngày làm việc kế tiếp.
    rolled_forward: bool,
    /// Các năm có lịch nghỉ tạm tính.
    provisional_years: Vec<i32>,
}

impl From<&Explanation> for ExplanationDto {
    fn from(x: &Explanation) -> ExplanationDto {
        ExplanationDto {
            calendar: x.calendar.clone(),
            office_hours: x.office_hours.clone(),
            limit: x.limit.into(),
            received: x.received.into(),
            start: x.start.into(),
            start_note: x.start_note.into(),
            counted_days: x.counted_days.clone(),
            skipped: x.skipped.iter().map(Into::into).collect(),
            pauses: x.pauses.iter().map(Into::into).collect(),
            base_due: x.base_due.into(),
            due: LocalInstant::opt(x.due),
            whole_first_day: x.whole_first_day,
            moved_to_closing: x.moved_to_closing,
            rolled_forward: x.rolled_forward,
            provisional_years: x.provisional_years.clone(),
        }
    }
}
