//! `motcua`: the one binary of the one-stop-shop system.

mod commands;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Hệ thống một cửa: tiếp nhận, giải quyết hồ sơ thủ tục hành chính.
#[derive(Debug, Parser)]
#[command(name = "motcua", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Tính hạn giải quyết hồ sơ theo ngày làm việc và giải thích cách tính.
    Deadline(commands::deadline::Args),
    /// Lịch làm việc: xem lịch năm, đổi ngày âm/dương.
    #[command(subcommand)]
    Calendar(commands::calendar::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Deadline(args) => commands::deadline::run(&args),
        Command::Calendar(command) => commands::calendar::run(&command),
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
