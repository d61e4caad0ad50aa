//! `motcua bench report`: how fast reports are on the database as it is (for example after
//! `motcua seed --synthetic 10000000`): loading the statistics projection, the province's
//! periodic report, one ward's report, and how soon the Decision 766 index shows a new dossier.

use super::data::{message, open};
use super::settings::DataArgs;
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::{Applicant, Channel, IntakeInput, ReturnMethod, intake};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::UnitKind;
use motcua_domain::stats::Period;
use std::time::{Duration, Instant};

/// `motcua bench …`
#[derive(Debug, clap::Subcommand)]
pub enum Bench {
    /// Báo cáo: thời gian nạp dữ liệu thống kê, báo cáo toàn tỉnh, báo cáo một phường, độ trễ 766.
    Report {
        /// Ngày bắt đầu kỳ (YYYY-MM-DD; mặc định: 365 ngày trước).
        #[arg(long)]
        from: Option<String>,
        /// Ngày kết thúc kỳ (YYYY-MM-DD; mặc định: hôm nay).
        #[arg(long)]
        to: Option<String>,
        /// Số lần đo mỗi báo cáo.
        #[arg(long, default_value_t = 30)]
        repeat: usize,
        /// Mã phường đo báo cáo một đơn vị (mặc định: phường đầu tiên).
        #[arg(long)]
        unit: Option<String>,
    },
}

/// Runs a benchmark and returns its results as text, one `name value` per line.
pub async fn run(args: &DataArgs, what: &Bench) -> Result<String, String> {
    let Bench::Report {
        from,
        to,
        repeat,
        unit,
    } = what;
    let app = open(args).await?;
    let today = app.now().date();
    let period = motcua_report::period_from(
        None,
        Some(
            &from
                .clone()
                .unwrap_or_else(|| (today - chrono::Days::new(365)).to_string()),
        ),
        Some(&to.clone().unwrap_or_else(|| today.to_string())),
    )
    .map_err(|e| e.to_string())?;
    let mut out = String::new();
    let started = Instant::now();
    let held = app.projection().await.map_err(|e| message(&e))?.len();
    out.push_str(&format!(
        "projection_load_ms {:.1}\ndossiers {held}\n",
        ms(started.elapsed())
    ));

    let org = app.org().await.map_err(|e| message(&e))?;
    let ward = match unit {
        Some(code) => UnitCode::parse(code).map_err(|e| e.to_string())?,
        None => org
            .units()
            .iter()
            .find(|u| u.kind == UnitKind::Ward)
            .map(|u| u.code.clone())
            .ok_or("không có phường nào")?,
    };
    let mut province = Vec::new();
    let mut received = 0;
    for _ in 0..(*repeat).max(1) {
        let t = Instant::now();
        let r = app
            .report_tthc(&super::operator(), period, None)
            .await
            .map_err(|e| message(&e))?;
        province.push(t.elapsed());
        received = r.report.total.received_total();
    }
    out.push_str(&format!("province_received {received}\n"));
    out.push_str(&timings("province_report", &mut province));
    let mut one = Vec::new();
    for _ in 0..(*repeat).max(1) {
        let t = Instant::now();
        app.report_tthc(&super::operator(), period, Some(ward.clone()))
            .await
            .map_err(|e| message(&e))?;
        one.push(t.elapsed());
    }
    out.push_str(&timings("ward_report", &mut one));
    let mut index = Vec::new();
    for _ in 0..(*repeat).max(1) {
        let t = Instant::now();
        app.index766(&super::operator(), period, Some(ward.clone()))
            .await
            .map_err(|e| message(&e))?;
        index.push(t.elapsed());
    }
    out.push_str(&timings("ward_index766", &mut index));
    // The new dossier is received now: the index read runs from the same start to today.
    let live = motcua_report::period_from(
        None,
        Some(&period.from().to_string()),
        Some(&today.to_string()),
    )
    .map_err(|e| e.to_string())?;
    out.push_str(&freshness(&app, live, &ward).await?);
    Ok(out)
}

/// Receives an online dossier at `ward` and reads the ward's 766 index until it differs: the
/// time from the write to the first index that shows it.
async fn freshness(
    app: &motcua_app::App,
    period: Period,
    ward: &UnitCode,
) -> Result<String, String> {
    let before = app
        .index766(&super::operator(), period, Some(ward.clone()))
        .await
        .map_err(|e| message(&e))?;
    let procedures = app.store().procedures().await.map_err(|e| e.to_string())?;
    let procedure = procedures.first().ok_or("danh mục trống")?;
    let calendar = WorkCalendar::ccvc();
    let hours = OfficeHours::default();
    let input = IntakeInput {
        procedure,
        receiving_unit: ward.clone(),
        competent_unit: ward.clone(),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: "Người đo hiệu năng".into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: None,
        },
        channel: Channel::Online,
        return_method: ReturnMethod::Online,
        digitised: true,
        reused_data: false,
        receive_now: true,
        paid_at_desk: false,
    };
    let new = intake(input, app.now(), &DeadlineEngine::new(&calendar, &hours))
        .map_err(|e| e.to_string())?;
    let t = Instant::now();
    app.store()
        .insert_dossier(new, "bench", None)
        .await
        .map_err(|e| e.to_string())?;
    let written = t.elapsed();
    loop {
        let after = app
            .index766(&super::operator(), period, Some(ward.clone()))
            .await
            .map_err(|e| message(&e))?;
        // The indicators' counts, not the reading instant of the period.
        if after.index.indicators != before.index.indicators {
            return Ok(format!(
                "index766_write_ms {:.1}\nindex766_fresh_ms {:.1}\n",
                ms(written),
                ms(t.elapsed())
            ));
        }
        if t.elapsed() > Duration::from_secs(10) {
            return Err("chỉ số 766 không thay đổi sau 10 giây".into());
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `name_min_ms`, `name_p50_ms`, `name_p99_ms` lines.
fn timings(name: &str, samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).copied().unwrap_or_default()
    };
    format!(
        "{name}_min_ms {:.2}\n{name}_p50_ms {:.2}\n{name}_p99_ms {:.2}\n",
        ms(at(0.0)),
        ms(at(0.5)),
        ms(at(0.99))
    )
}
