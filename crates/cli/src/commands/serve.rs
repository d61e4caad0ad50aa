//! `motcua serve`: the web server.

use super::data::{message, open};
use super::settings::{DEFAULT_BIND, DataArgs};
use motcua_app::demo::DemoReport;
use motcua_web::{AppState, WebConfig};
use std::net::SocketAddr;

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
            let report = app
                .seed_demo(&super::operator(), args.demo_dossiers)
                .await
                .map_err(|e| message(&e))?;
            eprint!("{}", demo_text(&report));
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
    };
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
