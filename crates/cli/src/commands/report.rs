//! `motcua report tthc|index766|register`: reports from the server's own machine (no user; every
//! unit may be read), to stdout or to a file.

use super::data::{message, open};
use super::settings::DataArgs;
use motcua_app::{FieldRows, ReportUnit};
use motcua_domain::ids::UnitCode;
use motcua_domain::stats::Period;
use std::path::{Path, PathBuf};

/// `motcua report …`
#[derive(Debug, clap::Subcommand)]
pub enum Report {
    /// Tình hình, kết quả giải quyết TTHC (Biểu II.06a/VPCP/KSTT): 13 cột theo đơn vị, lĩnh vực.
    Tthc(Args),
    /// Chỉ số đánh giá chất lượng phục vụ theo Quyết định 766/QĐ-TTg (JSON hoặc PDF).
    Index766(Args),
    /// Sổ theo dõi hồ sơ (Mẫu 06/07): hồ sơ tiếp nhận trong kỳ.
    Register(Args),
}

/// The period, unit and output of a report.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ngày bắt đầu (YYYY-MM-DD), cùng với --to.
    #[arg(long)]
    from: Option<String>,
    /// Ngày kết thúc (YYYY-MM-DD, tính cả ngày này).
    #[arg(long)]
    to: Option<String>,
    /// Hoặc một kỳ: month:2026-11, quarter:2026-4, six-months:2026, nine-months:2026,
    /// year:2023 (kỳ 15 đến 14 theo Nghị định 09/2019), calendar-month:2026-11, calendar-year:2026.
    #[arg(long)]
    period: Option<String>,
    /// Mã đơn vị (mặc định: đơn vị gốc); gồm cả các đơn vị trực thuộc.
    #[arg(long)]
    unit: Option<String>,
    /// Gồm cả hồ sơ của đơn vị tiền nhiệm (đơn vị đã sáp nhập vào đơn vị này hay đơn vị trực
    /// thuộc).
    #[arg(long)]
    with_predecessors: bool,
    /// Báo cáo tthc: liệt kê các lĩnh vực của từng đơn vị ngay dưới dòng của đơn vị đó.
    #[arg(long)]
    fields_by_unit: bool,
    /// Định dạng: json, csv, xlsx, pdf (chỉ số 766: json, pdf).
    #[arg(long, default_value = "json")]
    format: String,
    /// Ghi ra tệp thay vì màn hình (bắt buộc với xlsx và pdf).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// An export: text for the screen or a file, or bytes for a file only.
enum Output {
    Text(String),
    Bytes(Vec<u8>),
}

fn check_fields_by_unit(what: &Report, args: &Args) -> Result<(), String> {
    if args.fields_by_unit && !matches!(what, Report::Tthc(_)) {
        return Err("--fields-by-unit chỉ dùng cho báo cáo tthc".into());
    }
    Ok(())
}

fn check_format(what: &Report, format: &str) -> Result<(), String> {
    let allowed: &[&str] = match what {
        Report::Tthc(_) => &["json", "csv", "xlsx", "pdf"],
        Report::Index766(_) => &["json", "pdf"],
        Report::Register(_) => &["json", "csv", "xlsx", "pdf"],
    };
    if allowed.contains(&format) {
        Ok(())
    } else {
        Err(format!(
            "định dạng không hợp lệ: «{format}» (có: {})",
            allowed.join(", ")
        ))
    }
}

fn json(v: &impl serde::Serialize) -> Result<Output, String> {
    serde_json::to_string_pretty(v)
        .map(|s| Output::Text(s + "\n"))
        .map_err(|e| e.to_string())
}

/// Runs a report.
pub async fn run(data: &DataArgs, what: &Report) -> Result<String, String> {
    let (Report::Tthc(args) | Report::Index766(args) | Report::Register(args)) = what;
    let format = args.format.trim().to_ascii_lowercase();
    check_format(what, &format)?;
    check_fields_by_unit(what, args)?;
    match format.as_str() {
        "xlsx" if args.out.is_none() => {
            return Err("tệp Excel là dữ liệu nhị phân: cần --out TỆP.xlsx".into());
        }
        "pdf" if args.out.is_none() => {
            return Err("tệp PDF là dữ liệu nhị phân: cần --out TỆP.pdf".into());
        }
        _ => {}
    }
    let period: Period = motcua_report::period_from(
        args.period.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
    )
    .map_err(|e| e.to_string())?;
    let unit = ReportUnit {
        unit: match args.unit.as_deref().map(str::trim) {
            Some(u) if !u.is_empty() => Some(UnitCode::parse(u).map_err(|e| e.to_string())?),
            _ => None,
        },
        with_predecessors: args.with_predecessors,
    };
    let app = open(data).await?;
    let xlsx = |r: Result<Vec<u8>, motcua_report::ExportError>| {
        r.map(Output::Bytes).map_err(|e| e.to_string())
    };
    let pdf =
        |r: Result<Vec<u8>, motcua_pdf::PdfError>| r.map(Output::Bytes).map_err(|e| e.to_string());
    let output = match what {
        Report::Tthc(_) => {
            let fields = if args.fields_by_unit {
                FieldRows::UnderEachUnit
            } else {
                FieldRows::Subtree
            };
            let r = app
                .report_tthc_with(&super::operator(), period, unit, fields)
                .await
                .map_err(|e| message(&e))?;
            match format.as_str() {
                "csv" => Output::Text(motcua_report::tthc_csv(&r)),
                "xlsx" => xlsx(motcua_report::tthc_xlsx(&r))?,
                "pdf" => pdf(motcua_pdf::tthc_pdf(&r))?,
                _ => json(&motcua_report::tthc_json(&r))?,
            }
        }
        Report::Index766(_) => {
            let r = app
                .index766(&super::operator(), period, unit)
                .await
                .map_err(|e| message(&e))?;
            match format.as_str() {
                "pdf" => pdf(motcua_pdf::index766_pdf(&r))?,
                _ => json(&motcua_report::index766_json(&r))?,
            }
        }
        Report::Register(_) => {
            let r = app
                .register(&super::operator(), period, unit)
                .await
                .map_err(|e| message(&e))?;
            match format.as_str() {
                "csv" => Output::Text(motcua_report::register_csv(&r)),
                "xlsx" => xlsx(motcua_report::register_xlsx(&r))?,
                "pdf" => pdf(motcua_pdf::register_pdf(&r))?,
                _ => json(&motcua_report::register_json(&r))?,
            }
        }
    };
    match (output, &args.out) {
        (Output::Text(text), None) => Ok(text),
        (Output::Text(text), Some(path)) => write(path, text.as_bytes()),
        (Output::Bytes(bytes), Some(path)) => write(path, &bytes),
        (Output::Bytes(_), None) => Err("cần --out TỆP".into()),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<String, String> {
    std::fs::write(path, bytes)
        .map_err(|e| format!("không ghi được tệp «{}»: {e}", path.display()))?;
    Ok(format!(
        "Đã ghi «{}» ({} byte).\n",
        path.display(),
        bytes.len()
    ))
}
