//! `motcua audit`: seal finished days and check the tamper-evident history
//! (docs/operations.md, «Lịch sử không sửa được»).

use super::data::{message, open};
use super::settings::DataArgs;
use chrono::NaiveDate;
use clap::Subcommand;
use motcua_app::chain::ChainScope;

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Audit {
    /// Tính lại chuỗi băm của sự kiện hồ sơ, gốc từng ngày và nhật ký kiểm toán; báo mắt xích
    /// hỏng đầu tiên (mã thoát khác 0 khi có).
    Verify {
        /// Chỉ hồ sơ tiếp nhận tại đơn vị này (mã đơn vị).
        #[arg(long)]
        unit: Option<String>,
        /// Từ ngày ghi (yyyy-mm-dd).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Đến ngày ghi (yyyy-mm-dd).
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// Niêm phong các ngày đã qua (máy chủ cũng tự làm mỗi giờ).
    Seal,
}

/// Runs `what`.
pub async fn run(data: &DataArgs, what: &Audit) -> Result<String, String> {
    let app = open(data).await?;
    match what {
        Audit::Seal => {
            let days = app.seal_days().await.map_err(|e| message(&e))?;
            Ok(format!("Đã niêm phong {days} ngày.\n"))
        }
        Audit::Verify { unit, from, to } => {
            let scope = ChainScope {
                unit: unit.clone(),
                from: *from,
                to: *to,
            };
            let report = app
                .verify_history(&super::operator(), &scope)
                .await
                .map_err(|e| message(&e))?;
            let summary = format!(
                "Đã kiểm tra {} sự kiện của {} hồ sơ, {} gốc ngày, {} mục nhật ký kiểm toán.\n",
                report.events, report.dossiers, report.roots, report.entries
            );
            if report.broken.is_empty() {
                return Ok(format!("{summary}Lịch sử nguyên vẹn.\n"));
            }
            let lines: Vec<String> = report
                .broken
                .iter()
                .map(|b| format!("mắt xích hỏng: {b}"))
                .collect();
            Err(format!("{summary}{}", lines.join("\n")))
        }
    }
}
