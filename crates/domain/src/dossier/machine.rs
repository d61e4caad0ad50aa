//! The rules of the lifecycle: which action is allowed in which state, and what it causes.

use super::action::Action;
use super::event::EventKind;
use super::handover;
use super::offer::gate;
use super::state::Dossier;
use super::status::Status;
use crate::deadline::{DeadlineEngine, DeadlineError, Pause, PauseReason, StepBudget, step_dues};
use crate::input::{FieldError, TextRule, optional};
use crate::stats::Rating;
use chrono::NaiveDateTime;

/// An action refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierError {
    /// Not allowed in the current state.
    #[error("không thể thực hiện «{action}» khi hồ sơ đang ở trạng thái «{status}»")]
    NotAllowed {
        /// Action code.
        action: &'static str,
        /// Vietnamese label of the status.
        status: &'static str,
    },
    /// A reason or list is required.
    #[error("thiếu {0}")]
    Missing(&'static str),
    /// An apology was already issued.
    #[error("hồ sơ đã có phiếu xin lỗi; chỉ được xin lỗi một lần")]
    ApologyAlreadyIssued,
    /// The new appointment must be after the due instant.
    #[error("ngày hẹn mới phải sau thời hạn hiện tại ({0})")]
    ApologyDateTooEarly(String),
    /// The new appointment must fall inside office hours of a working day.
    #[error(
        "ngày hẹn mới ({0}) không phải thời điểm làm việc: chọn một ngày làm việc, trong giờ làm việc"
    )]
    ApologyDateNotWorking(String),
    /// A second supplement request before reception.
    #[error(
        "hồ sơ đã được hướng dẫn bổ sung một lần trước khi tiếp nhận; theo quy định chỉ yêu cầu bổ sung một lần: hãy tiếp nhận hồ sơ hoặc từ chối tiếp nhận (Mẫu 03) và nêu rõ lý do"
    )]
    SupplementAlreadyRequested,
    /// The procedure does not allow pausing for payment.
    #[error("thủ tục này không cho phép tạm dừng tính thời gian để chờ nộp phí")]
    PaymentPauseNotAllowed,
    /// Nothing to pay, or already paid.
    #[error("{0}")]
    Payment(&'static str),
    /// The dossier is not at a coordinating unit, or already is.
    #[error("{0}")]
    Transfer(&'static str),
    /// Pauses inconsistent with the deadline.
    #[error(transparent)]
    Deadline(#[from] DeadlineError),
    /// A text or number of the input refused (too long, control characters, bad format).
    #[error(transparent)]
    Input(#[from] FieldError),
}

impl DossierError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            DossierError::NotAllowed { .. } => "invalid_transition",
            DossierError::Missing(_) => "missing_field",
            DossierError::ApologyAlreadyIssued => "apology_already_issued",
            DossierError::ApologyDateTooEarly(_) => "apology_date_too_early",
            DossierError::ApologyDateNotWorking(_) => "apology_date_not_working",
            DossierError::SupplementAlreadyRequested => "supplement_already_requested",
            DossierError::PaymentPauseNotAllowed => "payment_pause_not_allowed",
            DossierError::Payment(_) => "payment_not_allowed",
            DossierError::Transfer(_) => "transfer_not_allowed",
            DossierError::Deadline(_) => "invalid_pause",
            DossierError::Input(e) => e.code(),
        }
    }
}

/// The events an action causes, with warnings for the officer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decided {
    /// Events to append, in order.
    pub events: Vec<EventKind>,
    /// Vietnamese warnings (e.g. a second supplement request counts as late).
    pub warnings: Vec<String>,
}

impl Decided {
    fn one(event: EventKind) -> Decided {
        Decided {
            events: vec![event],
            warnings: Vec::new(),
        }
    }
}

/// Checks `action` on `dossier` at `now` and returns the events it causes.
pub fn decide(
    dossier: &Dossier,
    action: &Action,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> Result<Decided, DossierError> {
    let action = &action.parse_texts()?;
    gate(dossier, action.kind())?;
    match action {
        Action::Accept => Ok(Decided::one(received(dossier, now, engine))),
        Action::RequestSupplementBeforeReception { items, note } => {
            require_items(items)?;
            Ok(Decided::one(
                EventKind::SupplementRequestedBeforeReception {
                    items: items.clone(),
                    note: note.clone(),
                },
            ))
        }
        Action::RefuseAtIntake { reasons } => {
            require(reasons, "lý do từ chối")?;
            Ok(Decided::one(EventKind::RefusedAtIntake {
                reasons: reasons.clone(),
            }))
        }
        Action::Assign { to } => {
            require(to, "người được phân công")?;
            let step = dossier
                .current_step
                .ok_or(DossierError::Missing("bước đang xử lý"))?;
            Ok(Decided::one(EventKind::Assigned {
                step,
                to: to.clone(),
            }))
        }
        Action::CompleteStep { to, note } => {
            let step = dossier
                .current_step
                .ok_or(DossierError::Missing("bước đang xử lý"))?;
            let on_time = dossier.steps[step].due_at.is_none_or(|due| now <= due);
            Ok(Decided::one(EventKind::StepCompleted {
                step,
                on_time,
                to: to.clone(),
                note: note.clone(),
                handed_over: handover::ends_desk_part(dossier, step)
                    .then(|| handover::to_competent(dossier, now, engine)),
            }))
        }
        Action::RequestSupplement { items, note } => {
            require_items(items)?;
            if dossier.supplements_after_reception == 0 {
                return Ok(Decided::one(EventKind::Paused {
                    reason: PauseReason::Supplement,
                    items: items.clone(),
                    note: note.clone(),
                }));
            }
            require(note, "lý do của lãnh đạo khi yêu cầu bổ sung lần nữa")?;
            Ok(Decided {
                events: vec![EventKind::SupplementRequestedAgain {
                    items: items.clone(),
                    reason: note.clone(),
                }],
                warnings: vec![SUPPLEMENT_AGAIN_WARNING.to_owned()],
            })
        }
        Action::ReceiveSupplement { note } => Ok(Decided::one(if dossier.open_pause().is_some() {
            resumed(dossier, now, engine, note)?
        } else {
            EventKind::SupplementReceived { note: note.clone() }
        })),
        Action::RequestPayment { note } => Ok(Decided::one(EventKind::Paused {
            reason: PauseReason::Payment,
            items: Vec::new(),
            note: note.clone(),
        })),
        Action::Pay { method } => {
            let amount = dossier.facts.total_fee();
            let mut events = vec![EventKind::FeePaid {
                amount,
                method: *method,
            }];
            if dossier.status == Status::AwaitingPayment {
                events.push(resumed(dossier, now, engine, "Đã nộp phí, lệ phí")?);
            }
            Ok(Decided {
                events,
                warnings: Vec::new(),
            })
        }
        Action::Transfer {
            to_unit,
            note,
            budget_minutes,
        } => {
            if *to_unit == dossier.facts.competent_unit {
                return Err(DossierError::Transfer(
                    "cơ quan phối hợp phải khác cơ quan có thẩm quyền",
                ));
            }
            let budget = budget_minutes.unwrap_or(engine.hours.day_minutes());
            if budget == 0 || budget > MAX_TRANSFER_DAYS * engine.hours.day_minutes() {
                return Err(DossierError::Transfer(
                    "thời gian giao cho cơ quan phối hợp phải từ 1 phút đến 60 ngày làm việc",
                ));
            }
            let handed_over_at = engine.paper_handover(now);
            let due_at =
                engine.stated(engine.add_working_seconds(handed_over_at, i64::from(budget) * 60));
            Ok(Decided::one(EventKind::Transferred {
                to_unit: to_unit.clone(),
                note: note.clone(),
                budget_minutes: budget,
                handed_over_at: Some(handed_over_at),
                due_at: Some(due_at),
            }))
        }
        Action::TransferBack { note } => Ok(Decided::one(EventKind::TransferReturned {
            note: note.clone(),
            on_time: dossier
                .transfers
                .last()
                .and_then(|t| t.due_at)
                .map(|due| now <= due),
        })),
        Action::Apologize { reason, new_date } => {
            apologize(dossier, reason, *new_date, now, engine)
        }
        Action::Resolve {
            approved,
            reasons,
            result_file,
        } => {
            if !approved {
                require(reasons, "lý do từ chối giải quyết")?;
            }
            Ok(Decided::one(EventKind::Resolved {
                approved: *approved,
                reasons: reasons.clone(),
                result_file: result_file.clone(),
                handed_over: handover::result_to_desk(dossier, now),
            }))
        }
        Action::Stop { reason } => {
            require(reason, "lý do dừng giải quyết")?;
            Ok(Decided::one(EventKind::Stopped {
                reason: reason.clone(),
            }))
        }
        Action::Withdraw { reason } => {
            require(reason, "lý do rút hồ sơ")?;
            Ok(Decided::one(EventKind::Withdrawn {
                reason: reason.clone(),
            }))
        }
        Action::ReturnResult { method, note } => Ok(Decided::one(EventKind::ResultReturned {
            method: *method,
            note: note.clone(),
        })),
    }
}

/// The longest step budget a coordinating unit may be given, in working days.
const MAX_TRANSFER_DAYS: u32 = 60;

/// The warning of a further supplement request after reception.
const SUPPLEMENT_AGAIN_WARNING: &str = "Đây là lần yêu cầu bổ sung thứ hai sau khi tiếp nhận: thời gian giải quyết vẫn được tính (không tạm dừng) và hồ sơ bị tính là quá hạn (Quyết định 766/QĐ-TTg, chỉ tiêu 2.1).";

/// The apology and new appointment (docs/rules.md §6): the new appointment is a working instant
/// after the due instant; an apology issued later than one working day before the due instant,
/// or after it, is accepted and recorded as late.
fn apologize(
    dossier: &Dossier,
    reason: &str,
    new_date: NaiveDateTime,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> Result<Decided, DossierError> {
    require(reason, "lý do xin lỗi")?;
    let due = dossier
        .held_due()
        .ok_or(DossierError::Missing("hạn giải quyết"))?;
    if new_date <= due {
        return Err(DossierError::ApologyDateTooEarly(crate::format::date_time(
            due,
        )));
    }
    if !engine.is_working_instant(new_date) {
        return Err(DossierError::ApologyDateNotWorking(
            crate::format::date_time(new_date),
        ));
    }
    // While paused with time left the clock does not run: what counts is the time left.
    let left = match (dossier.open_pause(), dossier.due_at) {
        (Some(pause), None) => engine.working_seconds_between(pause.from, due),
        _ => engine.working_seconds_between(now, due),
    };
    let late = left < i64::from(engine.hours.day_minutes()) * 60;
    let warnings = if late {
        vec![format!(
            "Văn bản xin lỗi được lập muộn (sau thời điểm một ngày làm việc trước hạn {}): vẫn được ghi nhận và thông báo cho người dân, nhưng được thống kê là xin lỗi muộn.",
            crate::format::date_time(due)
        )]
    } else {
        Vec::new()
    };
    Ok(Decided {
        events: vec![EventKind::ApologyIssued {
            reason: reason.to_owned(),
            new_date,
            late,
        }],
        warnings,
    })
}

/// The applicant's comment with a rating.
const COMMENT: TextRule = TextRule::lines("Nhận xét", 2000);

/// The applicant's rating: once per dossier, after the decision (docs/rules.md §10).
pub fn rate(dossier: &Dossier, rating: Rating, comment: &str) -> Result<EventKind, DossierError> {
    if !matches!(dossier.status, Status::Resolved | Status::Returned) {
        return Err(DossierError::NotAllowed {
            action: "rate",
            status: dossier.status.label_vi(),
        });
    }
    if dossier.rating.is_some() {
        return Err(DossierError::Missing(
            "quyền đánh giá (hồ sơ đã được đánh giá)",
        ));
    }
    let comment = optional(Some(comment), |c| COMMENT.parse(c).map(Into::into))
        .map_err(|e| FieldError::new("comment", e))?;
    Ok(EventKind::Rated {
        rating,
        comment: comment.unwrap_or_default(),
    })
}

/// The reception event: due instant and step due instants from `now`.
pub(super) fn received(
    dossier: &Dossier,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
) -> EventKind {
    let limit = dossier.facts.time_limit;
    let due_at = engine.due(now, limit);
    let budgets: Vec<StepBudget> = dossier
        .facts
        .steps
        .iter()
        .map(|s| StepBudget {
            minutes: s.budget_minutes,
        })
        .collect();
    let step_dues = step_dues(engine, engine.clock_start(now), &budgets, due_at);
    EventKind::Received {
        due_at,
        step_dues,
        handed_over: handover::starts_at_competent(dossier)
            .then(|| handover::to_competent(dossier, now, engine)),
        code: None,
    }
}

/// The resume event: the due instant, and each step's, keeps the working time left at the
/// pause; a pause that found none left moves nothing (docs/rules.md §5).
fn resumed(
    dossier: &Dossier,
    now: NaiveDateTime,
    engine: &DeadlineEngine<'_>,
    note: &str,
) -> Result<EventKind, DossierError> {
    let received_at = dossier
        .received_at
        .ok_or(DossierError::Missing("ngày tiếp nhận"))?;
    let mut pauses: Vec<Pause> = dossier.pauses.clone();
    let open = pauses
        .last_mut()
        .filter(|p| p.to.is_none())
        .ok_or(DossierError::Missing("khoảng tạm dừng đang mở"))?;
    open.to = Some(now);
    let from = open.from;
    let deadline = engine.deadline(received_at, dossier.facts.time_limit, &pauses)?;
    let due_at = deadline
        .due
        .ok_or(DossierError::Missing("hạn giải quyết"))?;
    let step_dues = dossier
        .steps
        .iter()
        .map(|s| {
            s.due_at
                .map_or(due_at, |d| engine.resumed_due(d, from, now).min(due_at))
        })
        .collect();
    Ok(EventKind::Resumed {
        due_at,
        step_dues,
        note: note.to_owned(),
    })
}

fn require(text: &str, what: &'static str) -> Result<(), DossierError> {
    if text.trim().is_empty() {
        Err(DossierError::Missing(what))
    } else {
        Ok(())
    }
}

fn require_items(items: &[String]) -> Result<(), DossierError> {
    if items.iter().any(|i| !i.trim().is_empty()) {
        Ok(())
    } else {
        Err(DossierError::Missing("danh sách giấy tờ cần bổ sung"))
    }
}
