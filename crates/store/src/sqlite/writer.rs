//! The single SQLite writer, with group commit.
//!
//! One OS thread owns the only write connection. Callers send [`Command`]s over a channel; the
//! thread takes the first one waiting and whatever else is queued (up to [`MAX_BATCH`]), runs
//! them all synchronously in one `BEGIN IMMEDIATE` transaction, commits once (one fsync for the
//! whole batch), and only then answers every caller. Nothing fails in the common case, so the
//! batch runs without savepoints; if a command fails, the batch is rolled back and run again
//! with a savepoint per command, so that only the failing one fails. With group commit off,
//! each batch holds one command.

use super::commands::{Command, Output};
use super::conn::execute;
use motcua_app::store::StoreError;
use rusqlite::Connection;
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

/// The handle to the writer thread; cloning it shares the thread.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
    commits: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the writer thread on `conn`. It stops, closing `conn`, when every handle is
    /// dropped.
    pub(crate) fn spawn(conn: Connection, group_commit: bool) -> Result<Writer, StoreError> {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        let batch = if group_commit { MAX_BATCH } else { 1 };
        let counter = Arc::clone(&commits);
        std::thread::Builder::new()
            .name("sqlite-writer".to_owned())
            .spawn(move || run(conn, queue, batch, &counter))
            .map_err(|e| StoreError::Database(format!("starting the SQLite writer: {e}")))?;
        Ok(Writer { jobs, commits })
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

fn run(conn: Connection, mut queue: mpsc::Receiver<Job>, batch: usize, commits: &AtomicU64) {
    let mut jobs = Vec::with_capacity(batch);
    while queue.blocking_recv_many(&mut jobs, batch) > 0 {
        // A command that runs alone gets its own transaction, after those queued before it.
        while let Some(at) = jobs.iter().position(|j| j.command.runs_alone()) {
            let mut rest = jobs.split_off(at);
            if !jobs.is_empty() {
                commit_batch(&conn, &mut jobs, commits);
            }
            let after = rest.split_off(1);
            commit_batch(&conn, &mut rest, commits);
            jobs = after;
        }
        if jobs.is_empty() {
            continue;
        }
        let size = jobs.len();
        commit_batch(&conn, &mut jobs, commits);
        tracing::trace!(size, "sqlite group commit");
    }
    if let Err((_, e)) = conn.close() {
        tracing::warn!(error = %e, "closing the SQLite writer connection");
    }
}

/// Copies the WAL into the database and empties the file after a command that runs alone (a
/// large import), before answering it: SQLite otherwise keeps a WAL file as large as the
/// largest transaction.
/// Readers in the middle of a read can make it fail; the WAL is then emptied on a later
/// checkpoint.
fn shrink_wal(conn: &Connection) {
    let result = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    match result {
        Ok(0) => {}
        Ok(_) => tracing::debug!("WAL not emptied after an import: readers are active"),
        Err(e) => tracing::warn!(error = %e, "emptying the SQLite WAL after an import"),
    }
}

/// Runs `jobs` in one transaction without savepoints and answers them, leaving `jobs` empty. If
/// a job fails, the transaction is rolled back and the batch runs again with a savepoint per
/// job, so that only the failing job fails.
fn commit_batch(conn: &Connection, jobs: &mut Vec<Job>, commits: &AtomicU64) {
    if let Err(e) = execute(conn, "BEGIN IMMEDIATE", &[]) {
        return fail_all(jobs, &e);
    }
    let mut outputs = Vec::with_capacity(jobs.len());
    let mut failure = None;
    for job in jobs.iter() {
        match job.command.run(conn) {
            Ok(output) => outputs.push(output),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    if let Some(e) = failure {
        rollback(conn);
        return match jobs.len() {
            // Alone in its batch: nothing else to save.
            1 => fail_all(jobs, &e),
            _ => commit_with_savepoints(conn, jobs, commits),
        };
    }
    match commit(conn, commits) {
        Ok(()) => {
            if jobs.iter().any(|j| j.command.runs_alone()) {
                shrink_wal(conn);
            }
            for (job, output) in jobs.drain(..).zip(outputs) {
                answer(job.answer, Ok(output));
            }
        }
        Err(e) => fail_all(jobs, &e),
    }
}

/// Runs `jobs` in one transaction, each in a savepoint, commits, then answers them.
fn commit_with_savepoints(conn: &Connection, jobs: &mut Vec<Job>, commits: &AtomicU64) {
    if let Err(e) = execute(conn, "BEGIN IMMEDIATE", &[]) {
        return fail_all(jobs, &e);
    }
    let mut ran: Vec<(Answer, Result<Output, StoreError>)> = Vec::with_capacity(jobs.len());
    let mut broken = None;
    for job in jobs.drain(..) {
        if let Some(e) = &broken {
            answer(job.answer, Err(StoreError::clone(e)));
            continue;
        }
        match in_savepoint(conn, &job.command) {
            Ok(result) => ran.push((job.answer, result)),
            Err(e) => {
                answer(job.answer, Err(e.clone()));
                broken = Some(e);
            }
        }
    }
    let outcome = match broken {
        None => commit(conn, commits),
        Some(e) => {
            rollback(conn);
            Err(e)
        }
    };
    for (to, result) in ran {
        answer(to, outcome.clone().and(result));
    }
}

/// Runs one command in a savepoint: released on success, rolled back on failure. The outer
/// error means the savepoint itself failed and the batch must not commit.
fn in_savepoint(
    conn: &Connection,
    command: &Command,
) -> Result<Result<Output, StoreError>, StoreError> {
    execute(conn, "SAVEPOINT job", &[])?;
    let result = command.run(conn);
    if result.is_err() {
        execute(conn, "ROLLBACK TO job", &[])?;
    }
    execute(conn, "RELEASE job", &[])?;
    Ok(result)
}

/// Commits and counts the commit; on failure, rolls back.
fn commit(conn: &Connection, commits: &AtomicU64) -> Result<(), StoreError> {
    match execute(conn, "COMMIT", &[]) {
        Ok(_) => {
            commits.fetch_add(1, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => {
            rollback(conn);
            Err(e)
        }
    }
}

/// Rolls back the open transaction, if SQLite has not already done so.
fn rollback(conn: &Connection) {
    if conn.is_autocommit() {
        return;
    }
    if let Err(e) = execute(conn, "ROLLBACK", &[]) {
        tracing::error!(error = %e, "rolling back a SQLite batch");
    }
}

/// Answers every job with `e`, leaving `jobs` empty.
fn fail_all(jobs: &mut Vec<Job>, e: &StoreError) {
    for job in jobs.drain(..) {
        answer(job.answer, Err(e.clone()));
    }
}

fn answer(to: Answer, result: Result<Output, StoreError>) {
    // The caller may have given up waiting; the outcome stands either way.
    let _ = to.send(result);
}
