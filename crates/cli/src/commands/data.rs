//! Subcommands that touch the database: migrate, seed, import, user.

use super::settings::DataArgs;
use motcua_app::clock::SystemClock;
use motcua_app::{App, AppError, HistoryOptions, HistoryReport, NewUser};
use motcua_domain::ids::UnitCode;
use motcua_domain::org::{Grant, Role};
use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The message for a file refused for its bad lines: how many, the first fifty.
pub fn bad_lines(file: &Path, errors: &[(usize, impl std::fmt::Display)]) -> String {
    let shown: Vec<String> = errors
        .iter()
        .take(50)
        .map(|(line, e)| format!("dòng {line}: {e}"))
        .collect();
    let more = errors.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!("\n  … và {more} dòng khác")
    } else {
        String::new()
    };
    format!(
        "tệp «{}» có {} dòng lỗi, không nạp gì (dùng --skip-invalid để bỏ qua dòng lỗi):\n  {}{more}",
        file.display(),
        errors.len(),
        shown.join("\n  "),
    )
}

/// `motcua import …`
#[derive(Debug, clap::Subcommand)]
pub enum Import {
    /// Nạp danh mục thủ tục hành chính từ tệp JSON (motcua.procedures.v1), toàn bộ hoặc không gì.
    Procedures {
        /// Tệp JSON.
        file: PathBuf,
    },
    /// Nạp danh sách đơn vị từ tệp JSON (motcua.units.v1).
    Units {
        /// Tệp JSON.
        file: PathBuf,
    },
    /// Nạp lịch sử hồ sơ từ hệ thống cũ (JSONL, mỗi dòng một hồ sơ; xem docs/history-import.md).
    Dossiers {
        /// Tệp JSONL.
        file: PathBuf,
        /// Tạo đơn vị, thủ tục chưa có (đánh dấu là nhập từ hệ thống cũ).
        #[arg(long)]
        create_missing: bool,
        /// Bỏ qua dòng lỗi (báo lại) thay vì không nạp gì.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Nạp phản ánh, kiến nghị (PAKN) từ hệ thống tiếp nhận PAKN (JSONL, mỗi dòng một phản ánh;
    /// xem docs/history-import.md); phản ánh đã có mã thì được thay bằng dòng mới.
    Feedback {
        /// Tệp JSONL.
        file: PathBuf,
        /// Bỏ qua dòng lỗi (báo lại) thay vì không nạp gì.
        #[arg(long)]
        skip_invalid: bool,
    },
}

/// `motcua user …`
#[derive(Debug, clap::Subcommand)]
pub enum User {
    /// Tạo người dùng (mật khẩu đọc từ bàn phím hoặc stdin, không bao giờ từ dòng lệnh).
    Create {
        /// Tên đăng nhập.
        #[arg(long)]
        username: String,
        /// Vai trò: tiep_nhan, chuyen_vien, lanh_dao, van_thu, kiem_soat_tthc, cchc, quan_tri.
        #[arg(long)]
        role: String,
        /// Mã đơn vị.
        #[arg(long)]
        unit: String,
        /// Họ tên.
        #[arg(long, default_value = "")]
        full_name: String,
    },
    /// Khóa tài khoản: không đăng nhập được nữa, mọi phiên làm việc và mã truy cập API của
    /// người dùng dừng ngay.
    Disable {
        /// Tên đăng nhập.
        #[arg(long)]
        username: String,
    },
    /// Mở khóa tài khoản đã khóa.
    Enable {
        /// Tên đăng nhập.
        #[arg(long)]
        username: String,
    },
}

/// Connects to the configured database and applies migrations.
pub async fn open(args: &DataArgs) -> Result<App, String> {
    let file = args.file()?;
    let url = args.database_url(&file);
    let store = motcua_store::connect(&url)
        .await
        .map_err(|e| format!("không kết nối được cơ sở dữ liệu «{}»: {e}", redact(&url)))?;
    store
        .migrate()
        .await
        .map_err(|e| format!("không cập nhật được cấu trúc cơ sở dữ liệu: {e}"))?;
    Ok(App::new(store, Arc::new(SystemClock)))
}

/// A URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..s + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// `motcua migrate`
pub async fn migrate(args: &DataArgs) -> Result<String, String> {
    open(args).await?;
    Ok("Đã cập nhật cấu trúc cơ sở dữ liệu.\n".into())
}

/// `motcua seed --demo`
pub async fn seed_demo(args: &DataArgs, dossiers: usize) -> Result<String, String> {
    let app = open(args).await?;
    let report = app
        .seed_demo(&super::operator(), dossiers)
        .await
        .map_err(|e| message(&e))?;
    Ok(super::serve::demo_text(&report))
}

/// `motcua seed --synthetic N`
pub async fn seed_synthetic(args: &DataArgs, n: usize, wards: usize) -> Result<String, String> {
    let app = open(args).await?;
    let started = std::time::Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let report = app
        .seed_synthetic(&super::operator(), n, wards, |done, total| {
            progress_bar(terminal, done, total)
        })
        .await;
    if terminal {
        eprintln!();
    }
    let report = report.map_err(|e| message(&e))?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    Ok(format!(
        "Đã tạo {} đơn vị, {} thủ tục và {} hồ sơ tổng hợp trong {:.1} giây ({:.0} hồ sơ/giây).\n",
        report.units,
        report.procedures,
        report.dossiers,
        secs,
        report.dossiers as f64 / secs
    ))
}

/// Redraws a progress bar on standard error when it is a terminal.
fn progress_bar(terminal: bool, done: usize, total: usize) {
    if terminal {
        let width = 30;
        let filled = (done * width)
            .checked_div(total)
            .unwrap_or(width)
            .min(width);
        // Once every dossier is sent, the store still finishes the transaction (and, for a
        // large import, builds its indexes).
        let finishing = if done == total {
            " — đang hoàn tất…"
        } else {
            ""
        };
        eprint!(
            "\r[{}{}] {done}/{total} hồ sơ{finishing}",
            "#".repeat(filled),
            " ".repeat(width - filled)
        );
    }
}

/// `motcua import procedures|units FILE`
pub async fn import(args: &DataArgs, what: &Import) -> Result<String, String> {
    let app = open(args).await?;
    match what {
        Import::Procedures { file } => {
            let text = read(file)?;
            match app.import_procedures(&super::operator(), &text).await {
                Ok(s) => Ok(format!(
                    "Đã nạp danh mục: {} thủ tục mới, {} phiên bản mới, {} không đổi.\n",
                    s.created, s.new_versions, s.unchanged
                )),
                Err(AppError::Import(errors)) => {
                    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    Err(format!(
                        "tệp «{}» không hợp lệ, không nạp gì ({} lỗi):\n  {}",
                        file.display(),
                        lines.len(),
                        lines.join("\n  ")
                    ))
                }
                Err(e) => Err(message(&e)),
            }
        }
        Import::Dossiers {
            file,
            create_missing,
            skip_invalid,
        } => {
            let text = read_bytes(file)?;
            let options = HistoryOptions {
                create_missing: *create_missing,
                skip_invalid: *skip_invalid,
            };
            let started = std::time::Instant::now();
            let terminal = std::io::stderr().is_terminal();
            let result = app
                .import_history(&super::operator(), &text, options, |done, total| {
                    progress_bar(terminal, done, total);
                })
                .await;
            if terminal {
                eprintln!();
            }
            match result {
                Ok(report) => Ok(history_text(&report, started.elapsed())),
                Err(AppError::History(errors)) => Err(bad_lines(file, &errors)),
                Err(e) => Err(message(&e)),
            }
        }
        Import::Feedback { file, skip_invalid } => {
            super::feedback::import(&app, file, *skip_invalid).await
        }
        Import::Units { file } => {
            let text = read(file)?;
            let count = app
                .import_units(&super::operator(), &text)
                .await
                .map_err(|e| message(&e))?;
            Ok(format!("Đã nạp {count} đơn vị.\n"))
        }
    }
}

/// `motcua user …`
pub async fn user(args: &DataArgs, what: &User) -> Result<String, String> {
    let (username, active) = match what {
        User::Create {
            username,
            role,
            unit,
            full_name,
        } => return create_user(args, username, role, unit, full_name).await,
        User::Disable { username } => (username, false),
        User::Enable { username } => (username, true),
    };
    let app = open(args).await?;
    let operator = super::operator();
    let done = if active {
        app.enable_user(&operator, username).await
    } else {
        app.disable_user(&operator, username).await
    };
    done.map_err(|e| message(&e))?;
    Ok(if active {
        format!("Đã mở khóa tài khoản «{username}».\n")
    } else {
        format!(
            "Đã khóa tài khoản «{username}»: mọi phiên làm việc và mã truy cập API của tài khoản đã dừng.\n"
        )
    })
}

/// `motcua user create`
async fn create_user(
    args: &DataArgs,
    username: &str,
    role: &str,
    unit: &str,
    full_name: &str,
) -> Result<String, String> {
    let role = Role::parse(role).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
        format!("vai trò không hợp lệ: «{role}» (có: {})", all.join(", "))
    })?;
    let unit = UnitCode::parse(unit).map_err(|e| e.to_string())?;
    let password = read_password()?;
    let app = open(args).await?;
    app.create_user(
        &super::operator(),
        NewUser {
            username: username.to_owned(),
            full_name: full_name.to_owned(),
            password,
            grants: vec![Grant {
                role,
                unit: unit.clone(),
            }],
        },
    )
    .await
    .map_err(|e| message(&e))?;
    Ok(format!(
        "Đã tạo người dùng «{username}» với vai trò «{}» tại đơn vị {unit}.\n",
        role.label_vi()
    ))
}

fn history_text(report: &HistoryReport, took: std::time::Duration) -> String {
    let secs = took.as_secs_f64().max(1e-9);
    let mut out = format!(
        "Đã nạp {} hồ sơ trong {:.1} giây ({:.0} hồ sơ/giây).\n",
        report.imported,
        secs,
        report.imported as f64 / secs
    );
    if !report.created_units.is_empty() {
        out.push_str(&format!(
            "Đã tạo {} đơn vị mới.\n",
            report.created_units.len()
        ));
    }
    if !report.created_procedures.is_empty() {
        out.push_str(&format!(
            "Đã tạo {} thủ tục mới.\n",
            report.created_procedures.len()
        ));
    }
    for (line, e) in &report.skipped {
        out.push_str(&format!("Bỏ qua dòng {line}: {e}\n"));
    }
    out
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file)
        .map_err(|e| format!("không đọc được tệp «{}»: {e}", file.display()))
}

/// The bytes of a line-by-line import file: its lines are decoded one by one, so a line that
/// is not UTF-8 is reported with its number.
pub fn read_bytes(file: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(file).map_err(|e| format!("không đọc được tệp «{}»: {e}", file.display()))
}

fn read_password() -> Result<String, String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Mật khẩu: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Nhập lại mật khẩu: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("hai lần nhập mật khẩu không khớp".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        return Err("chưa nhập mật khẩu".into());
    }
    Ok(password)
}

/// A use-case error as one line; internal details only in the log.
pub fn message(e: &AppError) -> String {
    match e {
        AppError::Store(inner) => format!("lỗi cơ sở dữ liệu: {inner}"),
        other => other.to_string(),
    }
}
