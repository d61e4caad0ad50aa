//! `motcua deadline`: the due instant of a dossier and its explanation.

use chrono::{DateTime, NaiveDateTime, NaiveTime};
use motcua_domain::calendar::OfficeHours;
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use motcua_domain::time;

/// Arguments of `motcua deadline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Thời điểm tiếp nhận: giờ Việt Nam `YYYY-MM-DDTHH:MM` hoặc RFC 3339.
    #[arg(long)]
    received: Option<String>,
    /// Số lượng thời hạn (không cần với same-day).
    #[arg(long)]
    amount: Option<String>,
    /// Đơn vị: working-days, same-day, hours, calendar-days.
    #[arg(long, default_value = "working-days")]
    unit: String,
    /// Tên lịch làm việc.
    #[arg(long, default_value = "ccvc")]
    calendar: String,
    /// Giờ làm việc, ví dụ 07:30-11:30,13:30-17:00.
    #[arg(long)]
    office_hours: Option<String>,
    /// Giờ chốt của thủ tục trong ngày (mặc định 15:00).
    #[arg(long)]
    cutoff: Option<String>,
    /// In một đối tượng JSON thay cho văn bản.
    #[arg(long)]
    json: bool,
}

/// Parses a local `YYYY-MM-DDTHH:MM[:SS]` or an RFC 3339 instant into local Vietnamese time.
pub fn parse_instant(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(t) {
        return Ok(time::to_local(&instant));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .ok_or_else(|| {
            format!("thời điểm tiếp nhận không hợp lệ: «{text}» (ví dụ đúng: 2024-02-07T09:00)")
        })
}

/// Runs the command.
pub fn run(args: &Args) -> Result<String, String> {
    let received = parse_instant(
        args.received
            .as_deref()
            .ok_or("thiếu --received (thời điểm tiếp nhận)")?,
    )?;
    let mut limit =
        TimeLimit::parse(&args.unit, args.amount.as_deref()).map_err(|e| e.to_string())?;
    if let (TimeLimit::SameDay { cutoff }, Some(text)) = (&mut limit, &args.cutoff) {
        *cutoff = NaiveTime::parse_from_str(text, "%H:%M")
            .map_err(|_| format!("giờ chốt không hợp lệ: «{text}» (ví dụ đúng: 15:00)"))?;
    }
    let hours = match &args.office_hours {
        Some(text) => text.parse::<OfficeHours>().map_err(|e| e.to_string())?,
        None => OfficeHours::default(),
    };
    let calendar = super::calendar_named(&args.calendar)?;
    let engine = DeadlineEngine::new(&calendar, &hours);
    let deadline = engine
        .deadline(received, limit, &[])
        .map_err(|e| e.to_string())?;
    let explanation = engine.explain(&deadline);
    let due = time::rfc3339(deadline.base_due);
    if args.json {
        let value = serde_json::json!({
            "due_at": due,
            "received_at": time::rfc3339(received),
            "start_at": time::rfc3339(deadline.start),
            "limit": limit,
            "calendar": calendar.name(),
            "explanation": explanation,
            "explanation_text": explanation.lines_vi(),
            "summary": explanation.summary_for_applicant_vi(),
        });
        return serde_json::to_string_pretty(&value)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string());
    }
    let mut out = due;
    out.push('\n');
    for line in explanation.lines_vi() {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod fuzz {
    //! Property-based fuzzing of the command's inputs: whatever an operator types, the command
    //! answers a due instant or a message, never a panic; instants it prints read back.
    use super::*;
    use proptest::prelude::*;

    fn args(
        received: Option<String>,
        amount: Option<String>,
        unit: String,
        office_hours: Option<String>,
        cutoff: Option<String>,
    ) -> Args {
        Args {
            received,
            amount,
            unit,
            calendar: "ccvc".to_owned(),
            office_hours,
            cutoff,
            json: false,
        }
    }

    /// Text close to what the options take, with the characters that break them.
    fn near(pattern: &str) -> impl Strategy<Value = Option<String>> {
        proptest::option::of(proptest::string::string_regex(pattern).unwrap_or_else(|e| {
            panic!("{pattern}: {e}");
        }))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_instant_text_parses_or_is_refused(text in "\\PC{0,40}") {
            let _ = parse_instant(&text);
        }

        #[test]
        fn a_local_instant_reads_back(
            y in 1900..2100_i32, m in 1..=12_u32, d in 1..=28_u32, h in 0..24_u32, min in 0..60_u32,
        ) {
            let t = chrono::NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|day| day.and_hms_opt(h, min, 0))
                .unwrap();
            prop_assert_eq!(parse_instant(&t.format("%Y-%m-%dT%H:%M").to_string()), Ok(t));
            let rfc = time::rfc3339(t);
            prop_assert_eq!(parse_instant(&rfc), Ok(t));
        }

        #[test]
        fn any_options_give_an_answer_or_a_message(
            received in near("[0-9T:+\\- Z]{0,26}"),
            amount in near("[0-9\\-+ .]{0,7}"),
            unit in prop::sample::select(vec!["working-days", "same-day", "hours", "calendar-days", "ngay"]),
            office_hours in near("[0-9:,\\- ]{0,24}"),
            cutoff in near("[0-9: ]{0,6}"),
        ) {
            let a = args(received, amount, unit.to_owned(), office_hours, cutoff);
            match run(&a) {
                Ok(text) => prop_assert!(text.lines().count() >= 2, "{text}"),
                Err(message) => prop_assert!(!message.is_empty()),
            }
        }
    }
}
