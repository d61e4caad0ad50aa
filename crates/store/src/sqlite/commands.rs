//! Write commands sent to the SQLite writer, and what they answer.

use super::{migrate, ops};
use chrono::NaiveDateTime;
use motcua_app::chain::{AuditEntry, DayRoot};
use motcua_app::idempotency::IdempotencyKey;
use motcua_app::store::{
    CalendarJob, ImportStream, ImportSummary, Inserted, JobBatch, JobStarted, SessionRecord,
    StoreError, UserChange, UserRecord,
};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::ProcedureSpec;
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::feedback::FeedbackItem;
use motcua_domain::ids::DossierCode;
use motcua_domain::org::Unit;
use rusqlite::Connection;

/// One write, run by the writer inside its batch transaction.
#[derive(Debug)]
pub(crate) enum Command {
    /// Apply pending migrations.
    Migrate,
    /// Insert or update units.
    PutUnits(Vec<Unit>),
    /// Create a user.
    CreateUser(UserRecord),
    /// Store a session.
    CreateSession(SessionRecord),
    /// Delete a session by token hash.
    DeleteSession(String),
    /// Store a session, ending the user's others of its kind and the expired ones.
    ReplaceSessions(SessionRecord),
    /// Delete a user's sessions of one kind, or all of them.
    DeleteUserSessions {
        /// Whose.
        username: String,
        /// `session`, `api`, or every kind.
        kind: Option<String>,
    },
    /// Delete the sessions and tokens expired at this instant.
    PurgeSessions(NaiveDateTime),
    /// Enable or disable a user.
    SetUserActive(UserChange),
    /// The readiness probe: a real write of its own row, committed like any other.
    Probe,
    /// Nothing in its transaction; after it, the WAL is copied into the database and emptied
    /// (it runs alone, see [`Command::runs_alone`]).
    Checkpoint,
    /// Import procedures, all or nothing.
    ImportProcedures(Vec<ProcedureSpec>),
    /// Insert a dossier (or replay its idempotency key).
    InsertDossier {
        /// The dossier before its code.
        new: NewDossier,
        /// Who.
        actor: String,
        /// Idempotency key.
        key: Option<IdempotencyKey>,
    },
    /// Delete idempotency keys made before an instant.
    PurgeIdempotencyKeys(chrono::NaiveDateTime),
    /// Insert the imported dossiers of a stream in one transaction, all or nothing. It runs
    /// alone in its transaction (see [`Command::runs_alone`]) and only once: the stream is
    /// taken by the first run.
    ImportDossiers(std::sync::Mutex<Option<ImportStream>>),
    /// Store a new state and its events, if the version still matches.
    AppendEvents {
        /// The new state.
        dossier: Box<Dossier>,
        /// The version the events were decided on.
        expected: u32,
        /// The events.
        events: Vec<Event>,
    },
    /// Insert or replace feedback items, all or nothing.
    ImportFeedback(Vec<FeedbackItem>),
    /// Store sealed roots, keeping those already stored.
    PutRoots(Vec<DayRoot>),
    /// Append an entry to the audit log.
    AppendAudit(AuditEntry),
    /// Misbehaving commands for the writer's own tests.
    #[cfg(test)]
    Test(super::writer::tests::Misbehave),
    /// Record a calendar change and its job (or find the job of the same change).
    ChangeCalendar {
        /// Calendar name.
        calendar: String,
        /// The day.
        day: CalendarOverride,
        /// Who.
        actor: String,
        /// When.
        at: NaiveDateTime,
    },
    /// Claim a calendar job.
    ClaimCalendarJob {
        /// The worker.
        owner: String,
        /// Now.
        now: NaiveDateTime,
        /// The lease's end.
        until: NaiveDateTime,
    },
    /// Save one batch of a calendar job.
    SaveJobBatch(Box<JobBatch>),
}

/// What a command answers.
#[derive(Debug)]
pub(crate) enum Output {
    /// Nothing to report.
    Done,
    /// An import's summary.
    Imported(ImportSummary),
    /// The dossier inserted or replayed.
    Inserted(Box<Inserted>),
    /// How many rows were written.
    Count(usize),
    /// A calendar job saved or found again.
    Started(Box<JobStarted>),
    /// The calendar job claimed, if any.
    Claimed(Option<Box<CalendarJob>>),
    /// Dossiers changed meanwhile.
    Conflicts(Vec<DossierCode>),
    /// Events appended, and the code a reception among them gave.
    Appended(Option<DossierCode>),
}

impl Command {
    /// Runs the command on the writer's connection. It is kept, so that a batch rolled back
    /// because of another command can run it again.
    pub(crate) fn run(&self, conn: &Connection) -> Result<Output, StoreError> {
        let done = |()| Output::Done;
        match self {
            Command::Migrate => migrate::migrate(conn).map(done),
            Command::PutUnits(units) => ops::put_units(conn, units).map(done),
            Command::CreateUser(user) => ops::create_user(conn, user).map(done),
            Command::CreateSession(s) => ops::create_session(conn, s).map(done),
            Command::DeleteSession(hash) => ops::delete_session(conn, hash).map(done),
            Command::ReplaceSessions(s) => ops::replace_sessions(conn, s).map(done),
            Command::DeleteUserSessions { username, kind } => {
                ops::delete_user_sessions(conn, username, kind.as_deref()).map(Output::Count)
            }
            Command::PurgeSessions(now) => ops::purge_sessions(conn, *now).map(Output::Count),
            Command::SetUserActive(change) => ops::set_user_active(conn, change).map(done),
            Command::Probe => ops::probe(conn).map(done),
            Command::Checkpoint => Ok(Output::Done),
            #[cfg(test)]
            Command::Test(misbehave) => misbehave.run(),
            Command::ImportProcedures(specs) => {
                ops::import_procedures(conn, specs).map(Output::Imported)
            }
            Command::InsertDossier { new, actor, key } => {
                ops::insert_dossier(conn, new.clone(), actor, key.as_ref())
                    .map(|i| Output::Inserted(Box::new(i)))
            }
            Command::AppendEvents {
                dossier,
                expected,
                events,
            } => ops::append_events(conn, dossier, *expected, events).map(Output::Appended),
            Command::ImportDossiers(stream) => {
                let taken = stream.lock().ok().and_then(|mut s| s.take());
                let stream = taken.ok_or_else(|| {
                    StoreError::Database("an import stream can be written only once".to_owned())
                })?;
                ops::import_stream(conn, stream).map(Output::Count)
            }
            Command::ImportFeedback(items) => ops::import_feedback(conn, items).map(Output::Count),
            Command::ChangeCalendar {
                calendar,
                day,
                actor,
                at,
            } => ops::change_calendar(conn, calendar, day, actor, *at)
                .map(|s| Output::Started(Box::new(s))),
            Command::ClaimCalendarJob { owner, now, until } => {
                ops::claim_calendar_job(conn, owner, *now, *until)
                    .map(|j| Output::Claimed(j.map(Box::new)))
            }
            Command::SaveJobBatch(batch) => ops::save_job_batch(conn, batch).map(Output::Conflicts),
            Command::PutRoots(roots) => ops::chain::put_roots(conn, roots).map(done),
            Command::AppendAudit(entry) => ops::chain::append_audit(conn, entry).map(done),
            Command::PurgeIdempotencyKeys(before) => {
                ops::purge_idempotency_keys(conn, *before).map(Output::Count)
            }
        }
    }
}

impl Command {
    /// Whether the command must run in a transaction of its own: a long import must not hold
    /// other callers' writes in its transaction, nor be run again if one of them fails. The
    /// writer empties the WAL after such a command (a checkpoint asks for just that).
    pub(crate) fn runs_alone(&self) -> bool {
        matches!(self, Command::ImportDossiers(_) | Command::Checkpoint)
    }
}

impl Output {
    /// Expects [`Output::Done`].
    pub(crate) fn done(self) -> Result<(), StoreError> {
        match self {
            Output::Done => Ok(()),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Imported`].
    pub(crate) fn imported(self) -> Result<ImportSummary, StoreError> {
        match self {
            Output::Imported(summary) => Ok(summary),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Count`].
    pub(crate) fn count(self) -> Result<usize, StoreError> {
        match self {
            Output::Count(n) => Ok(n),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Started`].
    pub(crate) fn started(self) -> Result<JobStarted, StoreError> {
        match self {
            Output::Started(started) => Ok(*started),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Claimed`].
    pub(crate) fn claimed(self) -> Result<Option<CalendarJob>, StoreError> {
        match self {
            Output::Claimed(job) => Ok(job.map(|j| *j)),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Conflicts`].
    pub(crate) fn conflicts(self) -> Result<Vec<DossierCode>, StoreError> {
        match self {
            Output::Conflicts(codes) => Ok(codes),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Appended`].
    pub(crate) fn appended(self) -> Result<Option<DossierCode>, StoreError> {
        match self {
            Output::Appended(code) => Ok(code),
            other => Err(unexpected(&other)),
        }
    }

    /// Expects [`Output::Inserted`].
    pub(crate) fn inserted(self) -> Result<Inserted, StoreError> {
        match self {
            Output::Inserted(inserted) => Ok(*inserted),
            other => Err(unexpected(&other)),
        }
    }
}

fn unexpected(output: &Output) -> StoreError {
    let kind = match output {
        Output::Done => "done",
        Output::Imported(_) => "imported",
        Output::Inserted(_) => "inserted",
        Output::Count(_) => "count",
        Output::Started(_) => "started",
        Output::Claimed(_) => "claimed",
        Output::Conflicts(_) => "conflicts",
        Output::Appended(_) => "appended",
    };
    StoreError::Database(format!("unexpected writer answer: {kind}"))
}
