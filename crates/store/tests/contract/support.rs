//! Running one test body on both backends, and domain fixtures built with the real domain API.

use chrono::{NaiveDate, NaiveDateTime};
use motcua_app::store::Store;
use motcua_domain::calendar::{OfficeHours, WorkCalendar};
use motcua_domain::catalogue::{
    ApplicantType, Component, Fee, OnlineLevel, ProcedureLevel, ProcedureSpec, ProcedureStatus,
    ProcedureVersion, Publication, Step,
};
use motcua_domain::deadline::{DeadlineEngine, TimeLimit};
use motcua_domain::dossier::{
    Action, Applicant, Channel, Dossier, Event, IntakeInput, NewDossier, ReturnMethod, decide,
    intake,
};
use motcua_domain::ids::{ProcedureCode, UnitCode};
use motcua_domain::org::{Role, Unit, UnitKind};
use motcua_store::{SqliteOptions, SqliteStore};
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use std::future::Future;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Where the PostgreSQL tests create their databases (overridable with `MOTCUA_TEST_PG_URL`).
const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

static UNIQUE: AtomicU32 = AtomicU32::new(0);

/// A name no other test (or test process) uses: the process, a counter and a random number.
pub fn unique(prefix: &str) -> String {
    let random = RandomState::new().build_hasher().finish() % 1_000_000_000;
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}_{}_{random}_{n}", std::process::id())
}

/// A path in the temp directory that does not exist yet; the SQLite file there and its WAL
/// companions are removed when this is dropped, even if the test fails.
#[derive(Debug)]
pub struct TempDb(PathBuf);

impl TempDb {
    /// A fresh path named after `name`.
    pub fn new(name: &str) -> TempDb {
        TempDb(std::env::temp_dir().join(format!("{}.db", unique(name))))
    }
}

impl std::ops::Deref for TempDb {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.0.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// Direct SQL access to the database under test, for checks the port does not expose.
#[derive(Debug, Clone)]
pub enum Raw {
    /// The SQLite file.
    Sqlite(PathBuf),
    /// The PostgreSQL database URL.
    Postgres(String),
}

impl Raw {
    /// Which backend.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Raw::Postgres(_))
    }

    /// Runs statements.
    pub async fn execute(&self, sql: &str) {
        match self {
            Raw::Sqlite(path) => sqlite_connection(path).execute_batch(sql).unwrap(),
            Raw::Postgres(url) => {
                let mut c = PgConnection::connect(url).await.unwrap();
                let sql = AssertSqlSafe(sql.to_owned());
                sqlx::raw_sql(sql).execute(&mut c).await.unwrap();
            }
        }
    }

    /// The first column of every row, as text.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        match self {
            Raw::Sqlite(path) => {
                let c = sqlite_connection(path);
                let mut statement = c.prepare(sql).unwrap();
                let rows = statement.query_map([], |r| r.get(0)).unwrap();
                rows.collect::<Result<_, _>>().unwrap()
            }
            Raw::Postgres(url) => {
                let mut c = PgConnection::connect(url).await.unwrap();
                let sql = AssertSqlSafe(sql.to_owned());
                sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
            }
        }
    }
}

/// A plain connection to the SQLite file (short statements: run in place).
fn sqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    c
}

/// Runs `body` on a migrated SQLite store in a fresh file, removed afterwards.
pub async fn on_sqlite<F, Fut>(body: F)
where
    F: FnOnce(Arc<dyn Store>, Raw) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let path = TempDb::new("motcua_contract");
    let store = SqliteStore::open(&*path, SqliteOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let outcome = tokio::spawn(body(Arc::new(store), Raw::Sqlite(path.to_path_buf()))).await;
    drop(path);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Runs `body` on a migrated PostgreSQL store in a fresh database, dropped afterwards.
/// Fails (never skips) when PostgreSQL cannot be reached.
pub async fn on_postgres<F, Fut>(body: F)
where
    F: FnOnce(Arc<dyn Store>, Raw) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let admin_url = std::env::var("MOTCUA_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.into());
    let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL at {admin_url} is required by the contract tests: {e}")
    });
    let name = unique("motcua_test");
    sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let (base, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{base}/{name}");
    let store = motcua_store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let outcome = tokio::spawn(body(store, Raw::Postgres(url))).await;
    let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    if let Err(e) = sqlx::raw_sql(AssertSqlSafe(drop)).execute(&mut admin).await {
        eprintln!("could not drop {name}: {e}");
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// For each `name`, declares `mod name { sqlite, postgres }` running the test body
/// `async fn name(store: Arc<dyn Store>)` on each backend.
#[macro_export]
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::support::on_sqlite(|store, _| super::$name(store)).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::support::on_postgres(|store, _| super::$name(store)).await;
                }
            }
        )*
    };
}

/// Like [`contract!`], for bodies that also check the database directly:
/// `async fn name(store: Arc<dyn Store>, raw: Raw)`.
#[macro_export]
macro_rules! contract_raw {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::support::on_sqlite(super::$name).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::support::on_postgres(super::$name).await;
                }
            }
        )*
    };
}

/// A unit code.
pub fn unit(code: &str) -> UnitCode {
    UnitCode::parse(code).unwrap()
}

/// A local instant.
pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

/// A unit of the test tree.
pub fn a_unit(code: &str, parent: Option<&str>) -> Unit {
    let mut path: Vec<UnitCode> = parent.map(unit).into_iter().collect();
    path.push(unit(code));
    Unit {
        code: unit(code),
        name: format!("Đơn vị {code}"),
        kind: if parent.is_some() {
            UnitKind::Ward
        } else {
            UnitKind::Province
        },
        parent: parent.map(unit),
        path,
        calendar: "ccvc".into(),
        office_hours: "07:30-11:30,13:30-17:00".into(),
        valid_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        valid_to: None,
        successor: None,
        address: "1 Đường Lê Lợi".into(),
        phone: "0236 000 000".into(),
    }
}

/// A procedure as published, five working days, two steps.
pub fn spec(code: &str, name: &str) -> ProcedureSpec {
    ProcedureSpec {
        code: ProcedureCode::parse(code).unwrap(),
        name: name.into(),
        field: "Hộ tịch".into(),
        level: ProcedureLevel::Commune,
        legal_bases: vec!["Luật Hộ tịch 2014".into()],
        decision: Publication {
            number: "1234/QĐ-UBND".into(),
            date: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        },
        effective_from: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        time_limit: TimeLimit::WorkingDays { amount: 5 },
        published_time_limit: None,
        components: vec![Component {
            name: "Tờ khai".into(),
            originals: 1,
            copies: 0,
            required: true,
        }],
        applicant_types: vec![ApplicantType::Citizen],
        fees: vec![Fee {
            name: "Lệ phí".into(),
            amount: 10_000,
            basis: "Thông tư 85/2019/TT-BTC".into(),
            exemptions: String::new(),
        }],
        result: "Giấy chứng nhận".into(),
        result_kind: motcua_domain::catalogue::ResultKind::Document,
        online_level: OnlineLevel::Full,
        regardless_of_residence: false,
        payment_pause_allowed: false,
        steps: vec![
            Step {
                name: "Thẩm định".into(),
                role: Role::ChuyenVien,
                budget_minutes: 960,
            },
            Step {
                name: "Phê duyệt".into(),
                role: Role::LanhDao,
                budget_minutes: 480,
            },
        ],
    }
}

/// The procedure every dossier test uses.
pub fn procedure() -> ProcedureVersion {
    ProcedureVersion {
        version: 1,
        status: ProcedureStatus::Active,
        spec: spec("1.001193", "Đăng ký kết hôn"),
    }
}

/// Runs `f` with the deadline engine of the `ccvc` calendar and default office hours.
pub fn with_engine<T>(f: impl FnOnce(&DeadlineEngine<'_>) -> T) -> T {
    static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
    let calendar = CALENDAR.get_or_init(WorkCalendar::ccvc);
    let hours = OfficeHours::default();
    f(&DeadlineEngine::new(calendar, &hours))
}

/// The last number of each day of `unit`'s code sequence, the days as `yyyy-mm-dd`.
pub async fn last_numbers(store: &dyn Store, unit_code: &str) -> Vec<(String, u32)> {
    store
        .sequences(&unit(unit_code))
        .await
        .unwrap()
        .into_iter()
        .map(|(d, n)| (d.to_string(), n))
        .collect()
}

/// A dossier received at the desk of `receiving` at `now`, decided by `competent`.
pub fn new_dossier(receiving: &str, competent: &str, now: NaiveDateTime) -> NewDossier {
    dossier_by(receiving, competent, now, Channel::Desk)
}

/// An online submission waiting for the completeness check at `receiving`.
pub fn new_online_dossier(receiving: &str, competent: &str, now: NaiveDateTime) -> NewDossier {
    dossier_by(receiving, competent, now, Channel::Online)
}

fn dossier_by(
    receiving: &str,
    competent: &str,
    now: NaiveDateTime,
    channel: Channel,
) -> NewDossier {
    let procedure = procedure();
    let input = IntakeInput {
        procedure: &procedure,
        receiving_unit: unit(receiving),
        competent_unit: unit(competent),
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: "Nguyễn Văn A".into(),
            id_number: Some("001099000001".into()),
            phone: Some("0905000001".into()),
            email: None,
            address: None,
        },
        channel,
        return_method: ReturnMethod::Desk,
        digitised: true,
        reused_data: false,
        receive_now: channel != Channel::Online,
        paid_at_desk: false,
    };
    with_engine(|engine| intake(input, now, engine)).unwrap()
}

/// Decides `action` on `dossier`: the new state and the numbered events to append.
pub fn act(
    dossier: &Dossier,
    action: Action,
    now: NaiveDateTime,
    actor: &str,
) -> (Dossier, Vec<Event>) {
    let decided = with_engine(|engine| decide(dossier, &action, now, engine)).unwrap();
    let mut state = dossier.clone();
    let events: Vec<Event> = decided
        .events
        .into_iter()
        .zip(dossier.version + 1..)
        .map(|(kind, seq)| Event {
            seq,
            at: now,
            actor: actor.into(),
            kind,
        })
        .collect();
    for e in &events {
        state.apply(e);
    }
    (state, events)
}
