//! `motcua`: the one binary of the one-stop-shop system.

mod commands;

use clap::{Parser, Subcommand};
use commands::settings::DataArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Hệ thống một cửa: tiếp nhận, giải quyết hồ sơ thủ tục hành chính.
#[derive(Debug, Parser)]
#[command(name = "motcua", version, about)]
struct Cli {
    #[command(flatten)]
    data: DataArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Chạy máy chủ web (mặc định http://127.0.0.1:8080, cơ sở dữ liệu sqlite://motcua.db).
    Serve(commands::serve::Args),
    /// Cập nhật cấu trúc cơ sở dữ liệu.
    Migrate,
    /// Nạp dữ liệu mẫu vào cơ sở dữ liệu trống.
    Seed {
        /// Tỉnh mẫu: đơn vị, danh mục, người dùng, hồ sơ.
        #[arg(long)]
        demo: bool,
        /// Số hồ sơ mẫu.
        #[arg(long, default_value_t = 500)]
        dossiers: usize,
        /// Hoặc: một tỉnh tổng hợp với N hồ sơ trong ba năm qua (đo hiệu năng báo cáo).
        #[arg(long, value_name = "N", conflicts_with = "demo")]
        synthetic: Option<usize>,
        /// Số phường tổng hợp thêm vào tỉnh (với --synthetic).
        #[arg(long, default_value_t = 120)]
        wards: usize,
    },
    /// Nạp dữ liệu từ tệp.
    #[command(subcommand)]
    Import(commands::data::Import),
    /// Quản lý người dùng.
    #[command(subcommand)]
    User(commands::data::User),
    /// Sao lưu trực tuyến cơ sở dữ liệu SQLite (máy chủ vẫn chạy) và cho biết bản sao có gì.
    Backup {
        /// Tệp sao lưu (chưa tồn tại).
        #[arg(long)]
        out: PathBuf,
    },
    /// Khôi phục cơ sở dữ liệu SQLite từ bản sao lưu (máy chủ phải dừng), dời số thứ tự hồ sơ
    /// để không cấp lại mã đã cấp sau lần sao lưu.
    Restore(commands::backup::RestoreArgs),
    /// Tính hạn giải quyết hồ sơ theo ngày làm việc và giải thích cách tính.
    Deadline(commands::deadline::Args),
    /// Lịch làm việc: xem lịch năm, đổi ngày âm/dương, sửa một ngày và tính lại hạn hồ sơ.
    #[command(subcommand)]
    Calendar(commands::calendar::Command),
    /// Đo hiệu năng trên cơ sở dữ liệu đã có (báo cáo: tải, tính, độ trễ chỉ số 766).
    #[command(subcommand)]
    Bench(commands::bench::Bench),
    /// Báo cáo, thống kê: Biểu II.06a, chỉ số 766, sổ theo dõi hồ sơ (JSON, CSV, XLSX).
    #[command(subcommand)]
    Report(commands::report::Report),
    /// Lịch sử không sửa được: niêm phong ngày đã qua, kiểm tra chuỗi băm.
    #[command(subcommand)]
    Audit(commands::audit::Audit),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Deadline(args) => commands::deadline::run(&args),
        Command::Calendar(command) if !command.needs_data() => commands::calendar::run(&command),
        Command::Restore(args) => commands::backup::restore(&cli.data, &args),
        command => run_async(&cli.data, command),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("Lỗi: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_async(data: &DataArgs, command: Command) -> Result<String, String> {
    // The server sets up its own log; other commands log to stderr only when asked.
    if !matches!(command, Command::Serve(_))
        && let Ok(filter) = std::env::var("MOTCUA_LOG")
    {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_target(false)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_writer(std::io::stderr)
            .init();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("không khởi động được: {e}"))?;
    runtime.block_on(async {
        use commands::data as cmd;
        match command {
            Command::Serve(args) => commands::serve::run(data, &args).await,
            Command::Migrate => cmd::migrate(data).await,
            Command::Seed {
                demo: true,
                dossiers,
                ..
            } => cmd::seed_demo(data, dossiers).await,
            Command::Seed {
                synthetic: Some(n),
                wards,
                ..
            } => cmd::seed_synthetic(data, n, wards).await,
            Command::Seed { .. } => {
                Err("hãy chọn bộ dữ liệu: motcua seed --demo hoặc --synthetic N".into())
            }
            Command::Bench(what) => commands::bench::run(data, &what).await,
            Command::Import(what) => cmd::import(data, &what).await,
            Command::User(what) => cmd::user(data, &what).await,
            Command::Backup { out } => commands::backup::backup(data, &out).await,
            Command::Report(what) => commands::report::run(data, &what).await,
            Command::Audit(what) => commands::audit::run(data, &what).await,
            Command::Calendar(what) => commands::calendar_jobs::run(data, &what).await,
            Command::Deadline(_) | Command::Restore(_) => Err("lệnh không chạy ở đây".into()),
        }
    })
}
