//! `motcua import feedback FILE.jsonl`: feedback (PAKN) items of a feedback system, checked
//! line by line (docs/history-import.md).

use super::data::{bad_lines, message, read_bytes};
use motcua_app::{App, AppError, FeedbackOptions, FeedbackReport};
use std::path::Path;

/// Imports the file; the text to print, or the lines at fault.
pub async fn import(app: &App, file: &Path, skip_invalid: bool) -> Result<String, String> {
    let text = read_bytes(file)?;
    match app
        .import_feedback(&super::operator(), &text, FeedbackOptions { skip_invalid })
        .await
    {
        Ok(report) => Ok(report_text(&report)),
        Err(AppError::Feedback(errors)) => Err(bad_lines(file, &errors)),
        Err(e) => Err(message(&e)),
    }
}

fn report_text(report: &FeedbackReport) -> String {
    let mut out = format!("Đã nạp {} phản ánh, kiến nghị.\n", report.imported);
    for (line, e) in &report.skipped {
        out.push_str(&format!("Bỏ qua dòng {line}: {e}\n"));
    }
    out
}
