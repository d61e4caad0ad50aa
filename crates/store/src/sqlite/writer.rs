//! The single SQLite writer, with group commit.
//!
//! One task owns the only write connection. Callers send [`Command`]s over a channel; the task
//! takes the first one waiting, drains whatever else is queued (up to [`MAX_BATCH`]), runs them
//! all in one `BEGIN IMMEDIATE` transaction, each inside its own savepoint so that a failing
//! command is rolled back alone and gets its own error, commits once (one fsync for the whole
//! batch), and only then answers every caller. With group commit off, each batch holds one
//! command.

use super::commands::{Command, Output};
use crate::error::db;
use motcua_app::store::StoreError;
use sqlx::{Connection, SqliteConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// Most commands committed together.
const MAX_BATCH: usize = 256;
/// Commands that may wait for the writer before senders wait too.
const QUEUE: usize = 4 * MAX_BATCH;

type Answer = oneshot::Sender<Result<Output, StoreError>>;

/// A command and where to send its result.
struct Job {
    command: Command,
    answer: Answer,
}

/// The handle to the writer task; cloning it shares the task.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
    commits: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the writer task on `conn`. It stops when every handle is dropped.
    pub(crate) fn spawn(conn: SqliteConnection, group_commit: bool) -> Writer {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        let batch = if group_commit { MAX_BATCH } else { 1 };
        tokio::spawn(run(conn, queue, batch, Arc::clone(&commits)));
        Writer { jobs, commits }
    }

    /// Runs a command and waits until it is committed (or failed).
    pub(crate) async fn run(&self, command: Command) -> Result<Output, StoreError> {
        let (answer, result) = oneshot::channel();
        let stopped = || StoreError::Database("the SQLite writer has stopped".to_owned());
        self.jobs
            .send(Job { command, answer })
            .await
            .map_err(|_| stopped())?;
        result.await.map_err(|_| stopped())?
    }

    /// Transactions committed so far.
    pub(crate) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }
}

async fn run(
    mut conn: SqliteConnection,
    mut queue: mpsc::Receiver<Job>,
    batch: usize,
    commits: Arc<AtomicU64>,
) {
    let mut jobs = Vec::with_capacity(batch);
    while queue.recv_many(&mut jobs, batch).await > 0 {
        let size = jobs.len();
        let taken = std::mem::replace(&mut jobs, Vec::with_capacity(batch));
        commit_batch(&mut conn, taken, &commits).await;
        tracing::trace!(size, "sqlite group commit");
    }
    if let Err(e) = conn.close().await {
        tracing::warn!(error = %e, "closing the SQLite writer connection");
    }
}

/// Runs `jobs` in one transaction without savepoints (the common case: nothing fails). If a job
/// fails, the transaction is rolled back and the batch runs again with a savepoint per job, so
/// that only the failing job fails.
async fn commit_batch(conn: &mut SqliteConnection, jobs: Vec<Job>, commits: &AtomicU64) {
    if jobs.len() == 1 {
        return commit_batch_with_savepoints(conn, jobs, commits).await;
    }
    let mut tx = match conn.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        Err(e) => {
            let e = db(e);
            for job in jobs {
                answer(job.answer, Err(e.clone()));
            }
            return;
        }
    };
    let mut outputs = Vec::with_capacity(jobs.len());
    let mut failed = false;
    for job in &jobs {
        match job.command.run(&mut tx).await {
            Ok(output) => outputs.push(output),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    let committed = if failed {
        Err(tx.rollback().await.map_err(db))
    } else {
        Ok(tx.commit().await.map_err(db))
    };
    match committed {
        Ok(Ok(())) => {
            commits.fetch_add(1, Ordering::Relaxed);
            for (job, output) in jobs.into_iter().zip(outputs) {
                answer(job.answer, Ok(output));
            }
        }
        Ok(Err(e)) => {
            for job in jobs {
                answer(job.answer, Err(e.clone()));
            }
        }
        Err(_) => commit_batch_with_savepoints(conn, jobs, commits).await,
    }
}

/// Runs `jobs` in one transaction, each in a savepoint, counts the commit, then answers them.
async fn commit_batch_with_savepoints(
    conn: &mut SqliteConnection,
    jobs: Vec<Job>,
    commits: &AtomicU64,
) {
    let mut tx = match conn.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx,
        Err(e) => {
            let e = db(e);
            for job in jobs {
                answer(job.answer, Err(e.clone()));
            }
            return;
        }
    };
    let mut ran: Vec<(Answer, Result<Output, StoreError>)> = Vec::new();
    let mut broken = None;
    for job in jobs {
        if let Some(e) = &broken {
            answer(job.answer, Err(StoreError::clone(e)));
            continue;
        }
        match in_savepoint(&mut tx, job.command).await {
            Ok(result) => ran.push((job.answer, result)),
            Err(e) => {
                answer(job.answer, Err(e.clone()));
                broken = Some(e);
            }
        }
    }
    let outcome = match broken {
        None => tx.commit().await.map_err(db),
        Some(e) => {
            if let Err(rollback) = tx.rollback().await {
                tracing::error!(error = %rollback, "rolling back a broken SQLite batch");
            }
            Err(e)
        }
    };
    if outcome.is_ok() {
        commits.fetch_add(1, Ordering::Relaxed);
    }
    for (to, result) in ran {
        answer(to, outcome.clone().and(result));
    }
}

/// Runs one command in a savepoint: released on success, rolled back on failure. The outer
/// error means the savepoint itself failed and the batch must not commit.
async fn in_savepoint(
    conn: &mut SqliteConnection,
    command: Command,
) -> Result<Result<Output, StoreError>, StoreError> {
    let mut savepoint = conn.begin().await.map_err(db)?;
    let result = command.run(&mut savepoint).await;
    match &result {
        Ok(_) => savepoint.commit().await.map_err(db)?,
        Err(_) => savepoint.rollback().await.map_err(db)?,
    }
    Ok(result)
}

fn answer(to: Answer, result: Result<Output, StoreError>) {
    // The caller may have given up waiting; the outcome stands either way.
    let _ = to.send(result);
}
