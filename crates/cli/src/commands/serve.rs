//! `motcua serve`: the web server.

use super::data::open;
use super::settings::{DEFAULT_BIND, DataArgs, FileSettings};
use motcua_app::App;
use motcua_app::demo::DemoReport;
use motcua_web::auth::TrustedProxies;
use motcua_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::time::Duration;

/// Arguments of `motcua serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Địa chỉ lắng nghe (mặc định 127.0.0.1:8080).
    #[arg(long, env = "MOTCUA_BIND")]
    bind: Option<String>,
    /// Nạp dữ liệu mẫu (chỉ khi cơ sở dữ liệu trống).
    #[arg(long)]
    demo: bool,
    /// Số hồ sơ mẫu.
    #[arg(long, default_value_t = 500)]
    demo_dossiers: usize,
    /// Proxy ngược tin cậy (địa chỉ hoặc mạng CIDR, cách nhau bởi dấu phẩy): chỉ từ các địa chỉ
    /// này mới đọc địa chỉ người dùng trong X-Forwarded-For / Forwarded.
    #[arg(long, env = "MOTCUA_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Option<Vec<String>>,
}

/// How often expired sessions and API tokens are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(10 * 60);

/// How often the server looks for calendar jobs to work on (new ones, or ones whose worker
/// stopped and whose lease expired).
const JOBS_EVERY: Duration = Duration::from_secs(2);

/// Works on calendar jobs for as long as the server runs.
async fn work_calendar_jobs(app: App, worker: String) {
    let mut every = tokio::time::interval(JOBS_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match app.work_calendar_jobs(&worker).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(finished = n, "calendar jobs finished"),
            Err(e) => tracing::warn!(error = %e, "working on calendar jobs"),
        }
    }
}

/// The trusted proxies: flag or environment, then the file.
fn trusted_proxies(args: &Args, file: &FileSettings) -> Result<TrustedProxies, String> {
    let items = args
        .trusted_proxies
        .as_ref()
        .or(file.trusted_proxies.as_ref());
    TrustedProxies::parse(items.into_iter().flatten().map(String::as_str))
        .map_err(|e| e.to_string())
}

/// Deletes expired sessions and tokens now and then, and seals the finished days of the
/// history (docs/operations.md §8), for as long as the server runs.
async fn purge_sessions(app: App) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        match app.purge_sessions().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "expired sessions and tokens deleted"),
            Err(e) => tracing::warn!(error = %e, "deleting expired sessions"),
        }
        match app.seal_days().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(days = n, "history sealed"),
            Err(e) => tracing::warn!(error = %e, "sealing the history"),
        }
    }
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(data: &DataArgs, args: &Args) -> Result<String, String> {
    let file = data.file()?;
    let filter = std::env::var("MOTCUA_LOG")
        .ok()
        .or_else(|| file.log.clone())
        .unwrap_or_else(|| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_target(false)
        .init();
    let app = open(data).await?;
    if args.demo {
        let empty = app.store().count_users().await.unwrap_or(1) == 0;
        if empty {
            eprintln!("Đang nạp dữ liệu mẫu…");
            eprint!("{}", seed_in_child(data, args.demo_dossiers).await?);
        } else {
            eprintln!("Cơ sở dữ liệu đã có dữ liệu: không nạp dữ liệu mẫu.");
        }
    }
    let bind = args
        .bind
        .clone()
        .or_else(|| file.bind.clone())
        .unwrap_or_else(|| DEFAULT_BIND.to_owned());
    let defaults = WebConfig::default();
    let config = WebConfig {
        secure_cookies: file.secure_cookies.unwrap_or(defaults.secure_cookies),
        login_attempts: file.login_attempts.unwrap_or(defaults.login_attempts),
        trusted_proxies: trusted_proxies(args, &file)?,
    };
    if !config.trusted_proxies.is_empty() {
        tracing::info!(proxies = %config.trusted_proxies, "client addresses forwarded by trusted proxies");
    }
    tokio::spawn(purge_sessions(app.clone()));
    let worker = super::calendar_jobs::worker_name();
    tracing::info!(%worker, "working on calendar jobs");
    tokio::spawn(work_calendar_jobs(app.clone(), worker));
    let store = app.store().clone();
    let router = motcua_web::router(AppState::new(app, config));
    let listener = tokio::net::TcpListener::bind(&bind)
        .await
        .map_err(|e| format!("không mở được cổng «{bind}»: {e}"))?;
    eprintln!("motcua đang chạy tại http://{bind} (Ctrl-C để dừng)");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| format!("máy chủ dừng do lỗi: {e}"))?;
    // Leave the database in one file: the next start (or a copy) needs no WAL.
    if let Err(e) = store.checkpoint().await {
        tracing::warn!(error = %e, "emptying the write-ahead log at shutdown");
    }
    Ok("Đã dừng máy chủ.\n".into())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// What the demo created, with the passwords shown this once.
pub fn demo_text(report: &DemoReport) -> String {
    let mut out = format!(
        "Dữ liệu mẫu: {} đơn vị, {} thủ tục, {} hồ sơ.\nTài khoản (mật khẩu chỉ hiện một lần):\n",
        report.units, report.procedures, report.dossiers
    );
    for (user, role, unit, password) in &report.users {
        out.push_str(&format!(
            "  {user:<12} {password:<14} {} — {unit}\n",
            role.label_vi()
        ));
    }
    out
}

/// Seeds the demo province with `motcua seed --demo` in a child process and answers what it
/// printed (the accounts and their passwords). Seeding hashes a password per demo user, and each
/// Argon2 hash leaves its 19 MiB of working memory in the allocator of the thread that ran it;
/// in a child process that memory goes back to the system when it exits, so the server stays
/// small at idle.
async fn seed_in_child(data: &DataArgs, dossiers: usize) -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("không tìm thấy chương trình: {e}"))?;
    let mut command = tokio::process::Command::new(exe);
    if let Some(url) = &data.database_url {
        command.arg("--database-url").arg(url);
    }
    if let Some(config) = &data.config {
        command.arg("--config").arg(config);
    }
    command
        .args(["seed", "--demo", "--dossiers"])
        .arg(dossiers.to_string());
    let out = command
        .output()
        .await
        .map_err(|e| format!("không chạy được lệnh nạp dữ liệu mẫu: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}
