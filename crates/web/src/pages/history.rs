//! A dossier's history as rows: when, who, what, and the details of each event in Vietnamese.

use super::dossier::unit_name;
use super::labels;
use chrono::NaiveDateTime;
use motcua_app::permissions::Org;
use motcua_domain::dossier::{Dossier, Event, EventKind, HandedOver, Leg};
use motcua_domain::format;
use serde::Serialize;

/// One event as shown.
#[derive(Debug, Serialize)]
pub struct EventRow {
    seq: u32,
    at: NaiveDateTime,
    actor: String,
    label: &'static str,
    details: Vec<String>,
}

/// The history, oldest first.
pub fn events(events: &[Event], d: &Dossier, org: &Org) -> Vec<EventRow> {
    events
        .iter()
        .map(|e| EventRow {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone(),
            label: e.kind.label_vi(),
            details: details(&e.kind, d, org),
        })
        .collect()
}

fn when(t: NaiveDateTime) -> String {
    format::date_time(t)
}

fn step_name(d: &Dossier, step: usize) -> String {
    d.facts.steps.get(step).map_or_else(
        || format!("Bước {}", step + 1),
        |s| format!("Bước {}: {}", step + 1, s.name),
    )
}

fn push_note(out: &mut Vec<String>, label: &str, text: &str) {
    if !text.trim().is_empty() {
        out.push(format!("{label}: {text}"));
    }
}

fn details(kind: &EventKind, d: &Dossier, org: &Org) -> Vec<String> {
    let mut out = Vec::new();
    match kind {
        EventKind::Created { facts } => {
            out.push(format!("Kênh tiếp nhận: {}", facts.channel.label_vi()));
        }
        EventKind::Received {
            due_at,
            handed_over,
            code,
            ..
        } => {
            if let Some(code) = code {
                out.push(format!("Cấp mã hồ sơ: {code}"));
            }
            out.push(format!("Hẹn trả kết quả: {}", when(*due_at)));
            push_handover(&mut out, org, handed_over.as_ref(), Leg::ToCompetent);
        }
        EventKind::SupplementRequestedBeforeReception { items, note }
        | EventKind::Paused { items, note, .. }
        | EventKind::SupplementRequestedAgain {
            items,
            reason: note,
        } => {
            if let EventKind::Paused { reason, .. } = kind {
                out.push(format!("Lý do tạm dừng: {}", reason.label_vi()));
            }
            if let EventKind::SupplementRequestedAgain { .. } = kind {
                out.push("Yêu cầu bổ sung lần thứ hai sau tiếp nhận: thời gian vẫn tính, hồ sơ tính là quá hạn theo Quyết định 766/QĐ-TTg.".into());
            }
            let items: Vec<&str> = items
                .iter()
                .map(String::as_str)
                .filter(|i| !i.trim().is_empty())
                .collect();
            if !items.is_empty() {
                out.push(format!("Giấy tờ cần bổ sung: {}", items.join("; ")));
            }
            push_note(&mut out, "Ghi chú", note);
        }
        EventKind::RefusedAtIntake { reasons } => push_note(&mut out, "Lý do", reasons),
        EventKind::Assigned { step, to } => {
            out.push(format!("{} — giao cho {to}", step_name(d, *step)));
        }
        EventKind::StepCompleted {
            step,
            on_time,
            to,
            note,
            handed_over,
        } => {
            push_handover(&mut out, org, handed_over.as_ref(), Leg::ToCompetent);
            let timing = if *on_time {
                "đúng hạn"
            } else {
                "quá hạn"
            };
            out.push(format!("{} — hoàn thành {timing}", step_name(d, *step)));
            if let Some(to) = to {
                out.push(format!("Chuyển cho: {to}"));
            }
            push_note(&mut out, "Ghi chú", note);
        }
        EventKind::Resumed { due_at, note, .. } => {
            out.push(format!("Hạn trả kết quả mới: {}", when(*due_at)));
            push_note(&mut out, "Ghi chú", note);
        }
        EventKind::FeePaid { amount, method } => {
            let amount = i64::try_from(*amount).unwrap_or(i64::MAX);
            out.push(format!(
                "{} — {}",
                format::money(amount),
                labels::payment_method(*method)
            ));
        }
        EventKind::Transferred {
            to_unit,
            note,
            budget_minutes,
            handed_over_at,
            due_at,
        } => {
            out.push(format!("Đến: {}", unit_name(org, to_unit)));
            if let Some(t) = handed_over_at {
                out.push(format!("Hồ sơ đến đơn vị phối hợp: {}", when(*t)));
            }
            if let Some(due) = due_at {
                out.push(format!(
                    "Thời gian giao: {}; hạn: {}",
                    format::minutes(i64::from(*budget_minutes)),
                    when(*due)
                ));
            }
            push_note(&mut out, "Ghi chú", note);
        }
        EventKind::TransferReturned { note, on_time } => {
            match on_time {
                Some(true) => out.push("Đơn vị phối hợp trả đúng hạn".into()),
                Some(false) => out.push("Đơn vị phối hợp trả quá hạn".into()),
                None => {}
            }
            push_note(&mut out, "Ghi chú", note)
        }
        EventKind::SupplementReceived { note } => push_note(&mut out, "Ghi chú", note),
        EventKind::ApologyIssued {
            reason,
            new_date,
            late,
        } => {
            push_note(&mut out, "Lý do", reason);
            out.push(format!("Hẹn lại: {}", when(*new_date)));
            if *late {
                out.push(
                    "Xin lỗi muộn: lập sau thời điểm một ngày làm việc trước hạn, hoặc sau hạn."
                        .into(),
                );
            }
        }
        EventKind::Resolved {
            approved,
            reasons,
            result_file,
            handed_over,
        } => {
            push_handover(&mut out, org, handed_over.as_ref(), Leg::ResultToDesk);
            out.push(if *approved {
                "Giải quyết: đồng ý".into()
            } else {
                "Giải quyết: từ chối".into()
            });
            push_note(&mut out, "Lý do", reasons);
            if let Some(file) = result_file {
                push_note(&mut out, "Kết quả điện tử", file);
            }
        }
        EventKind::Stopped { reason } | EventKind::Withdrawn { reason } => {
            push_note(&mut out, "Lý do", reason);
        }
        EventKind::ResultReturned { method, note } => {
            out.push(format!("Hình thức: {}", labels::return_method(*method)));
            push_note(&mut out, "Ghi chú", note);
        }
        EventKind::Rated { rating, comment } => {
            out.push(format!("Mức độ hài lòng: {}", rating.label_vi()));
            push_note(&mut out, "Ý kiến", comment);
        }
        EventKind::DueRecomputed { from, to, reason } => {
            let show =
                |t: &Option<NaiveDateTime>| t.map_or_else(|| "chưa xác định".to_owned(), when);
            out.push(format!("Hạn từ {} thành {}", show(from), show(to)));
            push_note(&mut out, "Lý do", reason);
        }
    }
    out
}

/// The lines of a hand-over between the desk and the competent body (docs/rules.md §6.6).
fn push_handover(out: &mut Vec<String>, org: &Org, h: Option<&HandedOver>, leg: Leg) {
    let Some(h) = h else { return };
    out.push(format!(
        "{}: {} → {}",
        leg.label_vi(),
        unit_name(org, &h.from_unit),
        unit_name(org, &h.to_unit)
    ));
    match (leg, h.on_time) {
        (Leg::ToCompetent, _) => out.push(format!(
            "Hồ sơ đến cơ quan giải quyết: {}",
            format::date_time(h.arrives_at)
        )),
        (Leg::ResultToDesk, Some(true)) => {
            out.push("Kết quả về nơi trả kết quả trong hạn".into());
        }
        (Leg::ResultToDesk, Some(false)) => {
            out.push("Kết quả về nơi trả kết quả sau hạn".into());
        }
        (Leg::ResultToDesk, None) => {}
    }
}
