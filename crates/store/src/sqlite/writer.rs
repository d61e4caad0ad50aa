//! The single SQLite writer, with group commit.
//!
//! One OS thread owns the only write connection. Callers send [`Command`]s over a channel; the
//! thread takes the first one waiting and whatever else is queued (up to [`MAX_BATCH`]), runs
//! them all synchronously in one `BEGIN IMMEDIATE` transaction, commits once (one fsync for the
//! whole batch), and only then answers every caller. Nothing fails in the common case, so the
//! batch runs without savepoints; if a command fails, the batch is rolled back and run again
//! with a savepoint per command, so that only the failing one fails. With group commit off,
//! each batch holds one command.
//!
//! A command that panics fails like a command that returns an error: the panic is caught around
//! the command, its batch is rolled back and the others run again in savepoints. A panic in the
//! writer's own code is caught around the loop: the open transaction is rolled back, the
//! commands in hand fail, and the thread goes on serving the queue on the same connection.
//!
//! Should the thread die all the same (a panic escaping both catches, e.g. one whose payload
//! panics again when dropped), a supervising thread that holds the queue reopens the connection
//! and starts a new writer thread on the same queue: the commands in hand fail, those queued
//! are served, and callers never see a closed queue. The writer ends only when every handle is
//! dropped; [`Writer::alive`] says whether it still runs, [`Writer::restarts`] how often it was
//! restarted.

use super::commands::{Command, Output};
use super::conn::execute;
use motcua_app::store::StoreError;
use rusqlite::Connection;
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
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

/// Wait before opening the connection again when the writer must restart and opening failed.
const REOPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

/// The handle to the writer thread; cloning it shares the thread.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
    commits: Arc<AtomicU64>,
    restarts: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the writer on a connection made by `open`, which is called again to restart the
    /// writer if its thread dies. It stops, closing the connection, when every handle is
    /// dropped.
    pub(crate) fn spawn<F>(open: F, group_commit: bool) -> Result<Writer, StoreError>
    where
        F: Fn() -> Result<Connection, StoreError> + Send + 'static,
    {
        let conn = open()?;
        let (jobs, queue) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        let restarts = Arc::new(AtomicU64::new(0));
        let batch = if group_commit { MAX_BATCH } else { 1 };
        let counters = (Arc::clone(&commits), Arc::clone(&restarts));
        std::thread::Builder::new()
            .name("sqlite-writer-supervisor".to_owned())
            .spawn(move || supervise(conn, &open, queue, batch, &counters.0, &counters.1))
            .map_err(|e| StoreError::Database(format!("starting the SQLite writer: {e}")))?;
        Ok(Writer {
            jobs,
            commits,
            restarts,
        })
    }

    /// Runs a command and waits until it is committed (or failed).
    pub(crate) async fn run(&self, command: Command) -> Result<Output, StoreError> {
        let (answer, result) = oneshot::channel();
        self.jobs
            .send(Job { command, answer })
            .await
            .map_err(|_| StoreError::Unavailable("the SQLite writer has stopped".to_owned()))?;
        // The answer is dropped unanswered only when the writer's own code panicked.
        result.await.map_err(|_| {
            StoreError::Database("the SQLite writer failed on this write".to_owned())
        })?
    }

    /// Whether the writer thread still serves commands (a cheap check, for health probes).
    pub(crate) fn alive(&self) -> bool {
        !self.jobs.is_closed()
    }

    /// Transactions committed so far.
    pub(crate) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Times the writer thread died and was started again.
    pub(crate) fn restarts(&self) -> u64 {
        self.restarts.load(Ordering::Relaxed)
    }
}

/// Runs writer threads on the queue, one after the other: the first on `conn`, each next one on
/// a connection from `open` when the previous thread died while handles remained.
fn supervise(
    conn: Connection,
    open: &dyn Fn() -> Result<Connection, StoreError>,
    mut queue: mpsc::Receiver<Job>,
    batch: usize,
    commits: &AtomicU64,
    restarts: &AtomicU64,
) {
    let mut next = Some(conn);
    while let Some(conn) = next.take() {
        let ended = std::thread::scope(|scope| {
            let lent = &mut queue;
            let thread = std::thread::Builder::new()
                .name("sqlite-writer".to_owned())
                .spawn_scoped(scope, move || run(conn, lent, batch, commits));
            match thread {
                // The payload of the panic that ended the thread may itself panic when dropped
                // (that may be how it escaped): it is leaked, not dropped.
                Ok(thread) => thread.join().map_err(std::mem::forget),
                Err(e) => {
                    tracing::error!(error = %e, "starting the SQLite writer thread");
                    Err(())
                }
            }
        });
        if ended.is_ok() || queue.is_closed() {
            return;
        }
        restarts.fetch_add(1, Ordering::Relaxed);
        tracing::error!("the SQLite writer thread died; starting it again");
        while next.is_none() && !queue.is_closed() {
            match open() {
                Ok(conn) => next = Some(conn),
                Err(e) => {
                    tracing::error!(error = %e, "reopening the SQLite writer connection");
                    std::thread::sleep(REOPEN_WAIT);
                }
            }
        }
    }
}

fn run(conn: Connection, queue: &mut mpsc::Receiver<Job>, batch: usize, commits: &AtomicU64) {
    let mut jobs = Vec::with_capacity(batch);
    loop {
        let served = catch_unwind(AssertUnwindSafe(|| {
            serve(&conn, queue, &mut jobs, batch, commits);
        }));
        let Err(panic) = served else { break };
        tracing::error!(panic = %panic_text(&*panic), "the SQLite writer panicked; it goes on");
        rollback(&conn);
        let failed = StoreError::Database("the SQLite writer failed on this write".to_owned());
        fail_all(&mut jobs, &failed);
    }
    if let Err((_, e)) = conn.close() {
        tracing::warn!(error = %e, "closing the SQLite writer connection");
    }
}

/// Serves the queue until every sender is dropped.
fn serve(
    conn: &Connection,
    queue: &mut mpsc::Receiver<Job>,
    jobs: &mut Vec<Job>,
    batch: usize,
    commits: &AtomicU64,
) {
    while queue.blocking_recv_many(jobs, batch) > 0 {
        // A command that runs alone gets its own transaction, after those queued before it.
        while let Some(at) = jobs.iter().position(|j| j.command.runs_alone()) {
            let mut rest = jobs.split_off(at);
            if !jobs.is_empty() {
                commit_batch(conn, jobs, commits);
            }
            let after = rest.split_off(1);
            commit_batch(conn, &mut rest, commits);
            *jobs = after;
        }
        if jobs.is_empty() {
            continue;
        }
        let size = jobs.len();
        commit_batch(conn, jobs, commits);
        tracing::trace!(size, "sqlite group commit");
    }
}

/// Runs one command, turning a panic into an error of that command alone.
fn run_command(conn: &Connection, command: &Command) -> Result<Output, StoreError> {
    catch_unwind(AssertUnwindSafe(|| command.run(conn))).unwrap_or_else(|panic| {
        let text = panic_text(&*panic);
        tracing::error!(panic = %text, "a SQLite write command panicked");
        Err(StoreError::Database(format!(
            "a write command panicked: {text}"
        )))
    })
}

/// The message of a panic, when it has one.
fn panic_text(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// Copies the WAL into the database and empties the file after a command that runs alone (a
/// large import, a checkpoint), before answering it: SQLite otherwise keeps a WAL file as large
/// as the largest transaction until it starts over.
/// Readers in the middle of a read can make it fail; the WAL is then emptied on a later
/// checkpoint (and cut back to the journal size limit when it starts over).
fn shrink_wal(conn: &Connection) {
    let result = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    match result {
        Ok(0) => {}
        Ok(_) => tracing::debug!("WAL not emptied: readers are active"),
        Err(e) => tracing::warn!(error = %e, "emptying the SQLite WAL"),
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
        match run_command(conn, &job.command) {
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
    let result = run_command(conn, command);
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use motcua_app::store::UserRecord;
    use std::sync::Mutex;
    use std::sync::mpsc as sync_mpsc;

    /// Commands that misbehave, to test the writer.
    #[derive(Debug)]
    pub(crate) enum Misbehave {
        /// Panics.
        Panic,
        /// Panics with a payload that panics again whenever it is dropped: the panic escapes
        /// every catch and ends the writer thread.
        Escape,
        /// Says it started, then waits until told to go on (so that others queue behind it).
        Hold {
            started: Mutex<sync_mpsc::Sender<()>>,
            go: Mutex<sync_mpsc::Receiver<()>>,
        },
    }

    impl Misbehave {
        pub(crate) fn run(&self) -> Result<Output, StoreError> {
            match self {
                Misbehave::Panic => panic!("a write command that panics"),
                Misbehave::Escape => std::panic::panic_any(Bomb),
                Misbehave::Hold { started, go } => {
                    started.lock().unwrap().send(()).unwrap();
                    go.lock().unwrap().recv().unwrap();
                    Ok(Output::Done)
                }
            }
        }
    }

    /// A panic payload that panics again when dropped.
    pub(crate) struct Bomb;

    impl Drop for Bomb {
        fn drop(&mut self) {
            std::panic::panic_any(Bomb);
        }
    }

    fn memory() -> Result<Connection, StoreError> {
        Ok(Connection::open_in_memory().unwrap())
    }

    fn user(name: &str) -> Command {
        Command::CreateUser(UserRecord {
            username: name.into(),
            full_name: name.into(),
            password_hash: "x".into(),
            grants: Vec::new(),
            active: true,
        })
    }

    fn queued(w: &Writer) -> usize {
        w.jobs.max_capacity() - w.jobs.capacity()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_command_fails_alone_and_the_writer_goes_on() {
        let w = Writer::spawn(memory, true).unwrap();
        w.run(Command::Migrate).await.unwrap();
        let (started, on_start) = sync_mpsc::channel();
        let (go, gate) = sync_mpsc::channel();
        let hold = Command::Test(Misbehave::Hold {
            started: Mutex::new(started),
            go: Mutex::new(gate),
        });
        let held = tokio::spawn({
            let w = w.clone();
            async move { w.run(hold).await }
        });
        tokio::task::spawn_blocking(move || on_start.recv().unwrap())
            .await
            .unwrap();
        let before = w.commits();
        // Three commands queue while the writer holds: they make one batch.
        let batch: Vec<_> = [user("an"), Command::Test(Misbehave::Panic), user("binh")]
            .into_iter()
            .map(|c| {
                let w = w.clone();
                tokio::spawn(async move { w.run(c).await })
            })
            .collect();
        while queued(&w) < 3 {
            tokio::task::yield_now().await;
        }
        go.send(()).unwrap();
        held.await.unwrap().unwrap();
        let mut results = Vec::new();
        for task in batch {
            results.push(task.await.unwrap());
        }
        assert!(results[0].is_ok(), "{:?}", results[0]);
        let e = results[1].as_ref().unwrap_err();
        assert!(e.to_string().contains("panicked"), "{e}");
        assert!(results[2].is_ok(), "{:?}", results[2]);
        // The hold's commit, then the batch run again with savepoints: one commit.
        assert_eq!(w.commits() - before, 2);
        assert!(w.alive());
        assert!(matches!(
            w.run(user("an")).await,
            Err(StoreError::Conflict(_))
        ));
        w.run(user("chi")).await.unwrap();
        w.run(Command::Probe).await.unwrap();
    }

    #[tokio::test]
    async fn a_panic_alone_in_its_batch_fails_it_and_the_next_write_succeeds() {
        let w = Writer::spawn(memory, false).unwrap();
        w.run(Command::Migrate).await.unwrap();
        for _ in 0..3 {
            assert!(w.run(Command::Test(Misbehave::Panic)).await.is_err());
            assert!(w.alive());
        }
        w.run(user("an")).await.unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_thread_that_dies_is_started_again_on_a_new_connection() {
        let path = std::env::temp_dir().join(format!(
            "motcua-writer-restart-{}-{}.db",
            std::process::id(),
            rand_suffix()
        ));
        let opened = Arc::new(AtomicU64::new(0));
        let open = {
            let (path, opened) = (path.clone(), Arc::clone(&opened));
            move || {
                opened.fetch_add(1, Ordering::Relaxed);
                super::super::conn::open_writer(&path)
            }
        };
        let w = Writer::spawn(open, true).unwrap();
        w.run(Command::Migrate).await.unwrap();
        w.run(user("an")).await.unwrap();
        let e = w.run(Command::Test(Misbehave::Escape)).await.unwrap_err();
        assert!(e.to_string().contains("failed on this write"), "{e}");
        // The next write is served by a new thread on a new connection, on the same file.
        w.run(user("binh")).await.unwrap();
        assert_eq!(w.restarts(), 1);
        assert_eq!(opened.load(Ordering::Relaxed), 2);
        assert!(w.alive());
        assert!(matches!(
            w.run(user("an")).await,
            Err(StoreError::Conflict(_))
        ));
        drop(w);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }

    fn rand_suffix() -> u64 {
        use std::hash::{BuildHasher, Hasher, RandomState};
        RandomState::new().build_hasher().finish()
    }

    #[tokio::test]
    async fn a_writer_whose_thread_ended_says_so() {
        let (jobs, queue) = mpsc::channel(1);
        drop(queue);
        let w = Writer {
            jobs,
            commits: Arc::default(),
            restarts: Arc::default(),
        };
        assert!(!w.alive());
        let e = w.run(Command::Probe).await.unwrap_err();
        assert!(e.to_string().contains("stopped"), "{e}");
    }
}
