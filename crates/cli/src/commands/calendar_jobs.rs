//! `motcua calendar change` and `motcua calendar work`: a calendar change from the server's
//! command line, and the recomputation of open dossiers' due instants run to the end.

use super::calendar::Command;
use super::data::{message, open};
use chrono::NaiveDate;
use motcua_app::store::{CalendarJob, JobState};
use motcua_app::{App, CalendarChange};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use std::time::Duration;

/// Wait between two looks at a job another instance is working on.
const WAIT: Duration = Duration::from_secs(2);

/// Arguments of `motcua calendar change`.
#[derive(Debug, clap::Args)]
pub struct ChangeArgs {
    /// Ngày (YYYY-MM-DD).
    #[arg(long)]
    date: String,
    /// Loại ngày mới: working, weekend, holiday, compensatory_off, swapped_off, makeup_working.
    #[arg(long)]
    kind: String,
    /// Lý do.
    #[arg(long)]
    reason: String,
    /// Số hiệu văn bản.
    #[arg(long)]
    reference: String,
    /// Tên lịch.
    #[arg(long, default_value = "ccvc")]
    calendar: String,
    /// Chỉ ghi thay đổi; máy chủ đang chạy sẽ tính lại hạn.
    #[arg(long)]
    no_wait: bool,
}

/// A name for this process as a worker of calendar jobs, unique across machines and processes.
pub fn worker_name() -> String {
    use std::hash::{BuildHasher, Hasher, RandomState};
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "motcua".to_owned());
    let random = RandomState::new().build_hasher().finish() % 0x1_0000_0000;
    format!("{host}:{}:{random:08x}", std::process::id())
}

/// Runs `calendar change` or `calendar work`.
pub async fn run(data: &super::settings::DataArgs, command: &Command) -> Result<String, String> {
    let app = open(data).await?;
    match command {
        Command::Change(args) => change(&app, args).await,
        Command::Work => {
            let worker = worker_name();
            let mut out = String::new();
            loop {
                app.work_calendar_jobs(&worker)
                    .await
                    .map_err(|e| message(&e))?;
                let left = app
                    .store()
                    .calendar_jobs(true, 100)
                    .await
                    .map_err(|e| format!("lỗi cơ sở dữ liệu: {e}"))?;
                if left.is_empty() {
                    break;
                }
                // Leased by another live instance: wait for it (or for its lease to expire).
                tokio::time::sleep(WAIT).await;
            }
            out.push_str("Không còn thay đổi lịch nào chờ tính lại hạn.\n");
            Ok(out)
        }
        _ => Err("lệnh không chạy ở đây".into()),
    }
}

async fn change(app: &App, args: &ChangeArgs) -> Result<String, String> {
    let date = NaiveDate::parse_from_str(args.date.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "ngày không hợp lệ: «{}» (ví dụ đúng: 2026-11-27)",
            args.date
        )
    })?;
    let kind = DayKind::ALL
        .into_iter()
        .find(|k| k.code() == args.kind.trim())
        .ok_or_else(|| format!("loại ngày không hợp lệ: «{}»", args.kind))?;
    let change = CalendarChange {
        calendar: args.calendar.clone(),
        day: CalendarOverride {
            date,
            kind,
            reason: args.reason.clone(),
            reference: args.reference.clone(),
        },
    };
    let started = app
        .change_calendar_day(&super::operator(), change)
        .await
        .map_err(|e| message(&e))?;
    let id = started.job.id;
    let mut out = if started.created {
        format!(
            "Đã ghi thay đổi lịch (công việc số {id}; {} hồ sơ đang giải quyết).\n",
            started.job.total
        )
    } else {
        format!("Thay đổi này đã được ghi trước đó (công việc số {id}); không ghi thêm.\n")
    };
    if args.no_wait {
        return Ok(out);
    }
    let worker = worker_name();
    let job = loop {
        app.work_calendar_jobs(&worker)
            .await
            .map_err(|e| message(&e))?;
        let job = app
            .store()
            .calendar_job(id)
            .await
            .map_err(|e| format!("lỗi cơ sở dữ liệu: {e}"))?
            .ok_or_else(|| format!("không thấy công việc số {id}"))?;
        if job.state == JobState::Done {
            break job;
        }
        tokio::time::sleep(WAIT).await;
    };
    out.push_str(&done(&job));
    Ok(out)
}

fn done(job: &CalendarJob) -> String {
    format!(
        "Đã tính lại hạn: xem xét {} hồ sơ, {} hồ sơ đổi hạn ({} lần đọc lại do hồ sơ thay đổi \
         đồng thời).\n",
        job.examined, job.moved, job.retried
    )
}
