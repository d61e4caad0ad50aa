//! Calendar jobs at scale: open dossiers seeded through the bulk import path, a worker stopped
//! in the middle (its task aborted), another worker that resumes after the lease expires; at the
//! end every due instant is the deadline engine's and each moved dossier has exactly one
//! `due_recomputed` event. Also: a repeated change records nothing; two workers on two jobs of
//! the same calendar meet on the same dossiers and retry instead of stopping.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeDelta, Weekday};
use motcua_app::store::{DossierQuery, ImportStream, Imported, JobState, PageSize, Store};
use motcua_app::usecases::calendar_jobs::{BATCH, LEASE, STUCK_AFTER};
use motcua_app::{App, CalendarChange};
use motcua_domain::calendar::{CalendarData, CalendarOverride, DayKind, OfficeHours, WorkCalendar};
use motcua_domain::deadline::DeadlineEngine;
use motcua_domain::dossier::EventKind;
use motcua_domain::history::{ImportedDossier, ImportedProcedure, LegacyChannel, LegacyRecord};
use motcua_domain::ids::{DossierCode, ProcedureCode, UnitCode};
use motcua_domain::org::Role;
use motcua_testkit::{Backend, MARRIAGE, PROVINCE, WARD1, WARD2, fixture};
use std::sync::Arc;
use std::time::Instant;

/// Friday 20/11/2026 becomes a holiday: dossiers received that week move by a day.
fn change(reason: &str) -> CalendarChange {
    CalendarChange {
        calendar: "ccvc".into(),
        day: CalendarOverride {
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            kind: DayKind::Holiday,
            reason: reason.into(),
            reference: "Thông báo 7/TB-UBND ngày 10/11/2026".into(),
        },
    }
}

/// `n` open dossiers of the fixture's marriage procedure, received on the working days from
/// Monday 09/11/2026 to Wednesday 25/11/2026 before 09:00 (the fixture's now) at both wards,
/// stored through the history import in one transaction. Answers the time it took.
async fn seed_open(app: &App, n: usize) -> std::time::Duration {
    let started = Instant::now();
    let store = app.store();
    let procedure = store
        .procedure(&ProcedureCode::parse(MARRIAGE).unwrap())
        .await
        .unwrap()
        .unwrap();
    let kept = ImportedProcedure::of(&procedure);
    let calendar = WorkCalendar::ccvc();
    let hours = OfficeHours::default();
    let engine = DeadlineEngine::new(&calendar, &hours);
    let days: Vec<NaiveDate> = NaiveDate::from_ymd_opt(2026, 11, 9)
        .unwrap()
        .iter_days()
        .take_while(|d| *d <= NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    let wards = [
        UnitCode::parse(WARD1).unwrap(),
        UnitCode::parse(WARD2).unwrap(),
    ];
    let slots = days.len() * wards.len();
    let opening = NaiveTime::from_hms_opt(7, 30, 0).unwrap();
    let mut batch = Vec::with_capacity(n);
    for i in 0..n {
        let slot = i % slots;
        let seq = u32::try_from(i / slots + 1).unwrap();
        let (day, ward) = (days[slot / wards.len()], &wards[slot % wards.len()]);
        // Spread over the first 89 minutes of the day, before the fixture's 09:00.
        let received = day.and_time(opening) + Duration::seconds(i64::from(seq % 5_340));
        let record = LegacyRecord {
            code: DossierCode::new(ward, day, seq),
            procedure_code: kept.code.clone(),
            receiving_unit: ward.clone(),
            competent_unit: ward.clone(),
            channel: LegacyChannel::Direct,
            applicant_name: format!("Công dân {i}"),
            applicant_phone: None,
            received_at: received,
            due_at: engine.due(received, kept.time_limit),
            ended_at: None,
            outcome: None,
            returned_at: None,
            supplement_requests: Vec::new(),
            fee_vnd: 0,
            paid_online: false,
            digitized: true,
            e_result: false,
            apology_at: None,
            rating: None,
        };
        let source = ImportedDossier {
            record,
            procedure: kept.clone(),
        };
        let (dossier, _) = source.build().unwrap();
        batch.push(Imported { source, dossier });
    }
    assert_eq!(
        store
            .import_dossiers(ImportStream::of(batch))
            .await
            .unwrap(),
        n
    );
    started.elapsed()
}

/// Every open dossier: its due instant is the engine's under the changed calendar, and it has
/// one `due_recomputed` event if that instant differs from the one under the shipped calendar,
/// none otherwise. Answers how many moved.
async fn check_every_dossier(store: &Arc<dyn Store>, day: &CalendarOverride) -> u64 {
    let before = WorkCalendar::ccvc();
    let after = WorkCalendar::build(&CalendarData::ccvc(), std::slice::from_ref(day));
    let hours = OfficeHours::default();
    let (old, new) = (
        DeadlineEngine::new(&before, &hours),
        DeadlineEngine::new(&after, &hours),
    );
    let mut query = DossierQuery {
        open_only: true,
        limit: PageSize::new(Some(PageSize::MAX)),
        ..DossierQuery::default()
    };
    let mut moved = 0;
    let mut seen = 0;
    loop {
        let page = store.list_dossiers(&query).await.unwrap();
        let Some(last) = page.last() else { break };
        query.after = Some(motcua_app::store::Cursor {
            created_at: last.created_at,
            code: last.code.clone(),
        });
        for d in &page {
            seen += 1;
            let received = d.received_at.unwrap();
            let expected = new.due(received, d.facts.time_limit);
            assert_eq!(d.due_at, Some(expected), "{}", d.code);
            let shifts = old.due(received, d.facts.time_limit) != expected;
            // Reading every history is slow in a debug build: the moved ones and one in ten.
            if shifts || seen % 10 == 0 {
                let (_, events) = store.dossier(&d.code).await.unwrap().unwrap();
                let recomputed = events
                    .iter()
                    .filter(|e| matches!(e.kind, EventKind::DueRecomputed { .. }))
                    .count();
                assert_eq!(recomputed, usize::from(shifts), "{}", d.code);
            }
            moved += u64::from(shifts);
        }
    }
    moved
}

async fn a_stopped_worker_is_resumed_and_every_due_date_is_right(backend: Backend, n: usize) {
    let f = fixture(backend).await;
    let seeded = seed_open(&f.app, n).await;
    let admin = f.caller(Role::QuanTri, PROVINCE);
    let t = Instant::now();
    let started = f
        .app
        .change_calendar_day(&admin, change("Nghỉ bù"))
        .await
        .unwrap();
    let answered = t.elapsed();
    let id = started.job.id;
    assert_eq!(started.job.total, u64::try_from(n).unwrap());

    // The first worker stops after a few batches (its task aborted, as in a crash).
    let worker = tokio::spawn({
        let app = f.app.clone();
        async move { app.work_calendar_jobs("may-1").await }
    });
    let stop_at = u64::from(BATCH) * 3;
    let t = Instant::now();
    loop {
        let job = f.store.calendar_job(id).await.unwrap().unwrap();
        if job.examined >= stop_at || job.state == JobState::Done {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    worker.abort();
    assert!(worker.await.unwrap_err().is_cancelled());
    let first_run = t.elapsed();
    let stopped = f.store.calendar_job(id).await.unwrap().unwrap();
    assert_eq!(stopped.state, JobState::Running);
    assert!(
        stopped.examined >= stop_at && stopped.examined < stopped.total,
        "{stopped:?}"
    );
    assert_eq!(stopped.lease.as_ref().unwrap().owner, "may-1");

    // Another worker leaves it while the lease runs; after the stuck bound it is reported,
    // then resumed from the saved cursor.
    assert_eq!(f.app.work_calendar_jobs("may-2").await.unwrap(), 0);
    assert!(f.app.stuck_calendar_jobs().await.unwrap().is_empty());
    f.advance(STUCK_AFTER + TimeDelta::seconds(1));
    assert!(STUCK_AFTER > LEASE);
    let stuck: Vec<i64> = f
        .app
        .stuck_calendar_jobs()
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(stuck, [id]);
    let t = Instant::now();
    assert_eq!(f.app.work_calendar_jobs("may-2").await.unwrap(), 1);
    let resumed = t.elapsed();
    assert!(f.app.stuck_calendar_jobs().await.unwrap().is_empty());
    let job = f.store.calendar_job(id).await.unwrap().unwrap();
    assert_eq!(job.state, JobState::Done);
    assert_eq!(job.examined, job.total);

    let t = Instant::now();
    let moved = check_every_dossier(&f.store, &change("Nghỉ bù").day).await;
    assert!(moved > 0 && moved < u64::try_from(n).unwrap(), "{moved}");
    assert_eq!(job.moved, moved);
    eprintln!(
        "{} {n} open dossiers: seeded in {seeded:.1?}, change answered in {answered:.1?}, \
         first worker stopped after {} in {first_run:.1?}, resumed and finished in \
         {resumed:.1?} ({moved} moved), checked in {:.1?}",
        backend.name(),
        stopped.examined,
        t.elapsed()
    );
}

async fn a_repeated_change_records_nothing_and_answers_the_same_job(backend: Backend) {
    let f = fixture(backend).await;
    seed_open(&f.app, 40).await;
    let admin = f.caller(Role::QuanTri, PROVINCE);
    let first = f
        .app
        .change_calendar_day(&admin, change("Nghỉ bù"))
        .await
        .unwrap();
    assert_eq!(f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    let again = f
        .app
        .change_calendar_day(&admin, change("Nghỉ bù"))
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.job.id, first.job.id);
    assert_eq!(again.job.state, JobState::Done);
    assert_eq!(f.store.calendar_overrides("ccvc").await.unwrap().len(), 1);
    assert_eq!(f.app.work_calendar_jobs("may-1").await.unwrap(), 0);
    assert_eq!(f.app.calendar_jobs(&admin).await.unwrap().len(), 1);
    // Another administrator's repeat, or the ward's own administrator: no new job either.
    let ward_admin = f.caller(Role::QuanTri, WARD1);
    assert_eq!(
        f.app
            .calendar_job(&ward_admin, first.job.id)
            .await
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert!(f.app.calendar_jobs(&ward_admin).await.unwrap().is_empty());
    let desk = f.caller(Role::TiepNhan, WARD1);
    assert_eq!(
        f.app.calendar_jobs(&desk).await.unwrap_err().code(),
        "forbidden"
    );
    check_every_dossier(&f.store, &change("Nghỉ bù").day).await;
}

async fn two_workers_on_the_same_dossiers_retry_instead_of_stopping(backend: Backend) {
    let f = fixture(backend).await;
    let n = 3_000;
    seed_open(&f.app, n).await;
    let admin = f.caller(Role::QuanTri, PROVINCE);
    // Two changes of the same day: the second's worker meets dossiers the first moves.
    let first = f
        .app
        .change_calendar_day(&admin, change("Nghỉ bù"))
        .await
        .unwrap();
    let mut second = change("Nghỉ bù");
    second.day.reference = "Thông báo 8/TB-UBND ngày 11/11/2026".into();
    let second = f.app.change_calendar_day(&admin, second).await.unwrap();
    let (a, b) = tokio::join!(
        f.app.work_calendar_jobs("may-1"),
        f.app.work_calendar_jobs("may-2")
    );
    assert_eq!(a.unwrap() + b.unwrap(), 2);
    let mut moved = 0;
    let mut retried = 0;
    for id in [first.job.id, second.job.id] {
        let job = f.store.calendar_job(id).await.unwrap().unwrap();
        assert_eq!(job.state, JobState::Done);
        moved += job.moved;
        retried += job.retried;
    }
    // Each dossier moved once, by one of the jobs, whoever came first.
    assert_eq!(
        moved,
        check_every_dossier(&f.store, &change("Nghỉ bù").day).await
    );
    eprintln!("{}: {retried} dossiers read again", backend.name());
}

/// The 100,000 of the acceptance test, on SQLite: about 45 s in a debug build.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_thousand_open_dossiers_sqlite() {
    a_stopped_worker_is_resumed_and_every_due_date_is_right(Backend::Sqlite, 100_000).await;
}

/// On PostgreSQL, 10,000 in the suite: 100,000 take about 3 minutes in a debug build.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_worker_is_resumed_and_every_due_date_is_right_postgres() {
    a_stopped_worker_is_resumed_and_every_due_date_is_right(Backend::Postgres, 10_000).await;
}

/// The 100,000 on PostgreSQL (`cargo nextest run -p motcua-app --run-ignored only
/// hundred_thousand`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "100,000 dossiers on PostgreSQL: about 3 minutes in a debug build"]
async fn hundred_thousand_open_dossiers_postgres() {
    a_stopped_worker_is_resumed_and_every_due_date_is_right(Backend::Postgres, 100_000).await;
}

#[tokio::test]
async fn a_repeated_change_records_nothing_and_answers_the_same_job_sqlite() {
    a_repeated_change_records_nothing_and_answers_the_same_job(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_repeated_change_records_nothing_and_answers_the_same_job_postgres() {
    a_repeated_change_records_nothing_and_answers_the_same_job(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_the_same_dossiers_retry_instead_of_stopping_sqlite() {
    two_workers_on_the_same_dossiers_retry_instead_of_stopping(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_the_same_dossiers_retry_instead_of_stopping_postgres() {
    two_workers_on_the_same_dossiers_retry_instead_of_stopping(Backend::Postgres).await;
}
