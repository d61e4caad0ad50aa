//! Write commands sent to the SQLite writer, and what they answer.

use super::ops;
use motcua_app::store::{ImportSummary, Inserted, SessionRecord, StoreError, UserRecord};
use motcua_domain::calendar::CalendarOverride;
use motcua_domain::catalogue::ProcedureSpec;
use motcua_domain::dossier::{Dossier, Event, NewDossier};
use motcua_domain::org::Unit;
use sqlx::SqliteConnection;
use sqlx::migrate::{MigrateError, Migrator};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// One write, run by the writer inside its own savepoint.
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
    /// Import procedures, all or nothing.
    ImportProcedures(Vec<ProcedureSpec>),
    /// Insert a dossier (or replay its idempotency key).
    InsertDossier {
        /// The dossier before its code.
        new: NewDossier,
        /// Who.
        actor: String,
        /// Idempotency key.
        key: Option<String>,
    },
    /// Store a new state and its events, if the version still matches.
    AppendEvents {
        /// The new state.
        dossier: Box<Dossier>,
        /// The version the events were decided on.
        expected: u32,
        /// The events.
        events: Vec<Event>,
    },
    /// Record a calendar override.
    AddCalendarOverride {
        /// Calendar name.
        calendar: String,
        /// The day.
        day: CalendarOverride,
        /// Who.
        actor: String,
    },
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
}

impl Command {
    /// Runs the command on the writer's connection. It is kept, so that a batch rolled back
    /// because of another command can run it again.
    pub(crate) async fn run(&self, conn: &mut SqliteConnection) -> Result<Output, StoreError> {
        let done = |()| Output::Done;
        match self {
            Command::Migrate => migrate(conn)
                .await
                .map(done)
                .map_err(|e| StoreError::Database(format!("migration: {e}"))),
            Command::PutUnits(units) => ops::put_units(conn, units).await.map(done),
            Command::CreateUser(user) => ops::create_user(conn, user).await.map(done),
            Command::CreateSession(s) => ops::create_session(conn, s).await.map(done),
            Command::DeleteSession(hash) => ops::delete_session(conn, hash).await.map(done),
            Command::ImportProcedures(specs) => ops::import_procedures(conn, specs)
                .await
                .map(Output::Imported),
            Command::InsertDossier { new, actor, key } => {
                ops::insert_dossier(conn, new.clone(), actor, key.as_deref())
                    .await
                    .map(|i| Output::Inserted(Box::new(i)))
            }
            Command::AppendEvents {
                dossier,
                expected,
                events,
            } => ops::append_events(conn, dossier, *expected, events)
                .await
                .map(done),
            Command::AddCalendarOverride {
                calendar,
                day,
                actor,
            } => ops::add_calendar_override(conn, calendar, day, actor)
                .await
                .map(done),
        }
    }
}

/// Applies the migrations on the writer's connection. `Migrator::run` cannot be used in the
/// spawned writer ("implementation of `Acquire` is not general enough"); `run_direct` is the
/// workaround sqlx provides for it.
async fn migrate(conn: &mut SqliteConnection) -> Result<(), MigrateError> {
    MIGRATOR.run_direct(None, conn, false).await
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
    };
    StoreError::Database(format!("unexpected writer answer: {kind}"))
}
