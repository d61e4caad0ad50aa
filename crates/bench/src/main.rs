//! `motcua-load`: closed-loop throughput, open-loop fixed-rate latency, and cold start, measured
//! from a separate process against a running `motcua serve` on loopback.

mod conn;
mod stats;

use clap::{Parser, Subcommand};
use conn::Conn;
use stats::Latencies;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Parser)]
#[command(name = "motcua-load")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Args, Clone)]
struct Target {
    /// Server address.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Bearer token of a desk officer.
    #[arg(long)]
    token: String,
    /// Receiving unit code.
    #[arg(long)]
    unit: String,
    /// Procedure code.
    #[arg(long)]
    procedure: String,
    /// Seconds to run.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// As many intakes as `connections` clients can make, each waiting for its answer.
    Throughput {
        #[command(flatten)]
        target: Target,
        /// Concurrent connections.
        #[arg(long, default_value_t = 64)]
        connections: usize,
    },
    /// Intakes at a fixed rate; latency measured from the scheduled send time.
    Rate {
        #[command(flatten)]
        target: Target,
        /// Requests per second.
        #[arg(long, default_value_t = 500)]
        rps: u64,
        /// Connections in the pool.
        #[arg(long, default_value_t = 64)]
        connections: usize,
    },
    /// Starts a command and measures the time to the first 200 from `/healthz` at `addr`.
    Startup {
        /// Server address.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// The command and its arguments.
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
}

fn body(target: &Target, i: usize) -> String {
    serde_json::json!({
        "procedure_code": target.procedure,
        "receiving_unit": target.unit,
        "applicant": { "kind": "citizen", "name": format!("Người nộp {i}"), "phone": format!("09{:08}", i % 100_000_000) }
    })
    .to_string()
}

async fn throughput(target: Target, connections: usize) -> Result<String, String> {
    let headers = Arc::new(format!("Authorization: Bearer {}\r\n", target.token));
    let counter = Arc::new(AtomicUsize::new(0));
    let end = Instant::now() + Duration::from_secs(target.seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (target, headers, counter) = (target.clone(), headers.clone(), counter.clone());
        tasks.spawn(async move {
            let mut lat = Latencies::default();
            let mut errors = 0usize;
            let Ok(mut conn) = Conn::open(&target.addr).await else {
                return (lat, 1);
            };
            while Instant::now() < end {
                let i = counter.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                match conn
                    .send("POST", "/api/v1/dossiers", &headers, &body(&target, i))
                    .await
                {
                    Ok((201, _)) => lat.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        });
    }
    let mut all = Latencies::default();
    let mut errors = 0;
    while let Some(Ok((lat, e))) = tasks.join_next().await {
        all.merge(lat);
        errors += e;
    }
    let secs = started.elapsed().as_secs_f64();
    Ok(format!(
        "intakes: {} in {secs:.1} s = {:.0}/s, errors {errors}, {}\n",
        all.len(),
        all.len() as f64 / secs,
        all.summary()
    ))
}

async fn rate(target: Target, rps: u64, connections: usize) -> Result<String, String> {
    let headers = Arc::new(format!("Authorization: Bearer {}\r\n", target.token));
    let total = usize::try_from(rps * target.seconds).unwrap_or(usize::MAX);
    let interval = Duration::from_nanos(1_000_000_000 / rps.max(1));
    let (tx, rx) = tokio::sync::mpsc::channel::<(usize, Instant)>(total.max(1));
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..connections {
        let (target, headers, rx) = (target.clone(), headers.clone(), rx.clone());
        tasks.spawn(async move {
            let mut lat = Latencies::default();
            let mut errors = 0usize;
            let Ok(mut conn) = Conn::open(&target.addr).await else {
                return (lat, 1);
            };
            loop {
                let next = rx.lock().await.recv().await;
                let Some((i, scheduled)) = next else { break };
                match conn
                    .send("POST", "/api/v1/dossiers", &headers, &body(&target, i))
                    .await
                {
                    Ok((201, _)) => lat.push(scheduled.elapsed()),
                    _ => errors += 1,
                }
            }
            (lat, errors)
        });
    }
    let start = Instant::now();
    for i in 0..total {
        let at = start + interval * u32::try_from(i).unwrap_or(u32::MAX);
        tokio::time::sleep_until(at.into()).await;
        if tx.send((i, at)).await.is_err() {
            break;
        }
    }
    drop(tx);
    let mut all = Latencies::default();
    let mut errors = 0;
    while let Some(Ok((lat, e))) = tasks.join_next().await {
        all.merge(lat);
        errors += e;
    }
    Ok(format!(
        "fixed rate {rps}/s for {} s: {} intakes, errors {errors}, {}\n",
        target.seconds,
        all.len(),
        all.summary()
    ))
}

async fn startup(addr: String, command: Vec<String>) -> Result<String, String> {
    let (program, args) = command.split_first().ok_or("no command")?;
    let started = Instant::now();
    let mut child = tokio::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let result = loop {
        if started.elapsed() > Duration::from_secs(30) {
            break Err("no answer from /healthz in 30 s".to_owned());
        }
        if let Ok(mut c) = Conn::open(&addr).await
            && let Ok((200, _)) = c.send("GET", "/healthz", "", "").await
        {
            break Ok(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let _ = child.kill().await;
    result.map(|d| {
        format!(
            "cold start to first 200 from /healthz: {:.0} ms\n",
            d.as_secs_f64() * 1000.0
        )
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Throughput {
                target,
                connections,
            } => throughput(target, connections).await,
            Command::Rate {
                target,
                rps,
                connections,
            } => rate(target, rps, connections).await,
            Command::Startup { addr, command } => startup(addr, command).await,
        }
    });
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
