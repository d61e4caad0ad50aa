//! `motcua calendar`: a year's month grid, and lunar ↔ solar conversion.

use chrono::{Datelike, NaiveDate};
use motcua_domain::calendar::DayKind;
use motcua_domain::format;
use motcua_domain::lunar::LunarDate;
use std::fmt::Write;

/// Subcommands of `motcua calendar`.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// In lịch một năm theo tháng, có chú giải loại ngày và danh sách ngày nghỉ.
    Show {
        /// Năm (1900–2100).
        year: String,
        /// Tên lịch làm việc.
        #[arg(long, default_value = "ccvc")]
        calendar: String,
    },
    /// Đổi ngày dương lịch (YYYY-MM-DD) sang âm lịch.
    Lunar {
        /// Ngày dương lịch, ví dụ 2030-02-02.
        date: String,
    },
    /// Đổi ngày âm lịch (ngày/tháng) của một năm sang dương lịch.
    Solar {
        /// Ngày/tháng âm lịch, ví dụ 10/3.
        #[arg(long)]
        lunar: String,
        /// Năm âm lịch.
        #[arg(long)]
        year: String,
        /// Tháng nhuận.
        #[arg(long)]
        leap: bool,
    },
    /// Sửa một ngày của lịch làm việc (ghi vào cơ sở dữ liệu) và tính lại hạn các hồ sơ đang
    /// giải quyết; chờ đến khi tính xong, trừ khi có --no-wait.
    Change(super::calendar_jobs::ChangeArgs),
    /// Tính lại hạn theo các thay đổi lịch chưa xong (tiếp tục công việc bị dừng), đến khi xong.
    Work,
}

impl Command {
    /// Whether the command needs the database.
    pub fn needs_data(&self) -> bool {
        matches!(self, Command::Change(_) | Command::Work)
    }
}

/// Runs the command.
pub fn run(command: &Command) -> Result<String, String> {
    match command {
        Command::Show { year, calendar } => show(year, calendar),
        Command::Change(_) | Command::Work => Err("lệnh này cần cơ sở dữ liệu".into()),
        Command::Lunar { date } => {
            let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
                .map_err(|_| format!("ngày không hợp lệ: «{date}» (ví dụ đúng: 2030-02-02)"))?;
            Ok(format!("{}\n", LunarDate::from_solar(d).to_vietnamese()))
        }
        Command::Solar { lunar, year, leap } => {
            let bad = || format!("ngày âm lịch không hợp lệ: «{lunar}» (ví dụ đúng: 10/3)");
            let (day, month) = lunar.split_once('/').ok_or_else(bad)?;
            let day: u8 = day.trim().parse().map_err(|_| bad())?;
            let month: u8 = month.trim().parse().map_err(|_| bad())?;
            let year: i32 = year
                .trim()
                .parse()
                .map_err(|_| format!("năm không hợp lệ: «{year}»"))?;
            let date = LunarDate {
                year,
                month,
                day,
                leap: *leap,
            };
            let solar = date.to_solar().ok_or_else(|| {
                format!(
                    "không có ngày {} trong năm âm lịch {year}",
                    date.to_vietnamese()
                )
            })?;
            Ok(format!(
                "{} ({})\n",
                format::date(solar),
                format::weekday(solar)
            ))
        }
    }
}

/// A one-character mark per day kind, shown after the day number.
fn mark(kind: DayKind) -> char {
    match kind {
        DayKind::Working => ' ',
        DayKind::Weekend => '.',
        DayKind::Holiday => '*',
        DayKind::CompensatoryOff => 'b',
        DayKind::SwappedOff => 'h',
        DayKind::MakeupWorking => '+',
    }
}

fn show(year_text: &str, calendar_name: &str) -> Result<String, String> {
    let year: i32 = year_text
        .trim()
        .parse()
        .ok()
        .filter(|y| (1900..=2100).contains(y))
        .ok_or_else(|| format!("năm không hợp lệ: «{year_text}» (từ 1900 đến 2100)"))?;
    let cal = super::calendar_named(calendar_name)?;
    let mut out = String::new();
    let status = if cal.is_provisional(year) {
        "DỰ KIẾN: suy ra từ Bộ luật Lao động 2019, chưa có thông báo chính thức"
    } else {
        "theo thông báo chính thức"
    };
    let _ = writeln!(
        out,
        "Lịch làm việc {} năm {year} — {} ({status})\n",
        cal.name(),
        cal.label()
    );
    for month in 1..=12u32 {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let _ = writeln!(out, "Tháng {month}/{year}");
        out.push_str(" T2  T3  T4  T5  T6  T7  CN\n");
        let mut line = "    ".repeat(first.weekday().num_days_from_monday() as usize);
        for d in first.iter_days().take_while(|d| d.month() == month) {
            let _ = write!(line, "{:>3}{}", d.day(), mark(cal.kind(d)));
            if d.weekday() == chrono::Weekday::Sun {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
            }
        }
        if !line.is_empty() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str("Chú giải: ");
    let legend: Vec<String> = DayKind::ALL
        .into_iter()
        .map(|k| {
            format!(
                "«{}» {}",
                if k == DayKind::Working { ' ' } else { mark(k) },
                k.label_vi()
            )
        })
        .collect();
    out.push_str(&legend.join(", "));
    out.push_str("\n\nNgày đặc biệt:\n");
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    for s in cal.special_days(from, to) {
        let _ = writeln!(
            out,
            "  {} {:<8} {:<15} {} — {}",
            format::date(s.date),
            format::weekday(s.date),
            s.kind.label_vi(),
            s.name,
            s.reference
        );
    }
    Ok(out)
}
