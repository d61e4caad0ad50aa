//! A calendar change and its job, saved together; claims with a lease; batches that append the
//! events of many dossiers with the job's cursor, leaving out dossiers changed meanwhile.

use crate::contract;
use crate::support::{at, new_dossier};
use chrono::{NaiveDate, TimeDelta};
use motcua_app::store::{Cursor, DossierUpdate, JobBatch, JobState, Lease, Store, StoreError};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::dossier::{Dossier, EventKind};
use std::sync::Arc;

contract!(
    a_change_and_its_job_are_saved_together_and_a_repeat_records_nothing,
    a_job_is_leased_to_one_worker_until_the_lease_expires,
    a_batch_appends_events_and_moves_the_cursor_only_when_no_dossier_changed_meanwhile,
);

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

fn holiday(reason: &str) -> CalendarOverride {
    CalendarOverride {
        date: NaiveDate::from_ymd_opt(2026, 3, 6).unwrap(),
        kind: DayKind::Holiday,
        reason: reason.into(),
        reference: "Thông báo 5/TB-UBND".into(),
    }
}

async fn open_dossiers(store: &Arc<dyn Store>, n: usize) -> Vec<Dossier> {
    let mut out = Vec::new();
    for _ in 0..n {
        let new = new_dossier(DESK, DEPT, at(2026, 3, 2, 9, 0));
        out.push(
            store
                .insert_dossier(new, "tiepnhan", None)
                .await
                .unwrap()
                .dossier,
        );
    }
    out
}

async fn a_change_and_its_job_are_saved_together_and_a_repeat_records_nothing(
    store: Arc<dyn Store>,
) {
    open_dossiers(&store, 2).await;
    let now = at(2026, 3, 2, 10, 0);
    let first = store
        .change_calendar("ccvc", &holiday("Nghỉ bù"), "quantri", now)
        .await
        .unwrap();
    assert!(first.created);
    let job = &first.job;
    assert_eq!(
        (
            job.calendar.as_str(),
            job.actor.as_str(),
            job.state,
            job.total
        ),
        ("ccvc", "quantri", JobState::Pending, 2)
    );
    assert_eq!((job.examined, job.moved, job.retried), (0, 0, 0));
    assert_eq!(job.day, holiday("Nghỉ bù"));
    assert_eq!((job.created_at, job.progressed_at), (now, now));
    assert_eq!(
        (job.cursor.clone(), job.lease.clone(), job.finished_at),
        (None, None, None)
    );
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 1);

    // The same change again: nothing new, the same job.
    let again = store
        .change_calendar(
            "ccvc",
            &holiday("Nghỉ bù"),
            "quantri2",
            at(2026, 3, 2, 11, 0),
        )
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.job, first.job);
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 1);
    assert_eq!(store.calendar_overrides("ccvc").await.unwrap().len(), 1);

    // Another reason is another change; going back to the first is a change again too.
    let other = store
        .change_calendar("ccvc", &holiday("Nghỉ lễ"), "quantri", now)
        .await
        .unwrap();
    assert!(other.created);
    let back = store
        .change_calendar("ccvc", &holiday("Nghỉ bù"), "quantri", now)
        .await
        .unwrap();
    assert!(back.created);
    assert_eq!(store.calendar_revision("ccvc").await.unwrap(), 3);
    let ids: Vec<i64> = store
        .calendar_jobs(false, 10)
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(ids, [back.job.id, other.job.id, first.job.id]);
    assert!(first.job.id < other.job.id && other.job.id < back.job.id);
    assert_eq!(store.calendar_jobs(true, 2).await.unwrap().len(), 2);
    assert_eq!(
        store.calendar_job(other.job.id).await.unwrap(),
        Some(other.job)
    );
    assert_eq!(store.calendar_job(999).await.unwrap(), None);
}

async fn a_job_is_leased_to_one_worker_until_the_lease_expires(store: Arc<dyn Store>) {
    let t0 = at(2026, 3, 2, 10, 0);
    let lease = TimeDelta::seconds(60);
    assert_eq!(
        store.claim_calendar_job("a", t0, t0 + lease).await.unwrap(),
        None
    );
    let id = store
        .change_calendar("ccvc", &holiday("Nghỉ bù"), "quantri", t0)
        .await
        .unwrap()
        .job
        .id;
    let claimed = store
        .claim_calendar_job("a", t0, t0 + lease)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.id, id);
    assert_eq!(claimed.state, JobState::Running);
    assert_eq!(
        claimed.lease,
        Some(Lease {
            owner: "a".into(),
            until: t0 + lease
        })
    );
    // Another worker waits for the lease to expire; the holder may renew it.
    let t1 = t0 + TimeDelta::seconds(30);
    assert_eq!(
        store.claim_calendar_job("b", t1, t1 + lease).await.unwrap(),
        None
    );
    let renewed = store.claim_calendar_job("a", t1, t1 + lease).await.unwrap();
    assert_eq!(renewed.unwrap().progressed_at, t1);
    let t2 = t1 + lease + TimeDelta::seconds(1);
    let taken = store
        .claim_calendar_job("b", t2, t2 + lease)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taken.lease.unwrap().owner, "b");
    // The former holder can no longer save anything.
    let batch = JobBatch {
        job: id,
        owner: "a".into(),
        at: t2,
        lease_until: t2 + lease,
        updates: Vec::new(),
        cursor: None,
        examined: 5,
        finished: true,
    };
    assert!(matches!(
        store.save_job_batch(&batch).await,
        Err(StoreError::Conflict(_))
    ));
    let job = store.calendar_job(id).await.unwrap().unwrap();
    assert_eq!((job.state, job.examined), (JobState::Running, 0));
}

fn moved(d: &Dossier, expected: u32, now: chrono::NaiveDateTime) -> DossierUpdate {
    let to = d.due_at.map(|t| t + TimeDelta::days(1));
    let kind = EventKind::DueRecomputed {
        from: d.due_at,
        to,
        reason: "Lịch làm việc thay đổi".into(),
    };
    let (dossier, events) = d.stamp(vec![kind], now, "quantri");
    DossierUpdate {
        dossier,
        expected,
        events,
    }
}

async fn a_batch_appends_events_and_moves_the_cursor_only_when_no_dossier_changed_meanwhile(
    store: Arc<dyn Store>,
) {
    let ds = open_dossiers(&store, 2).await;
    let now = at(2026, 3, 2, 10, 0);
    let lease = TimeDelta::seconds(60);
    let id = store
        .change_calendar("ccvc", &holiday("Nghỉ bù"), "quantri", now)
        .await
        .unwrap()
        .job
        .id;
    store
        .claim_calendar_job("w", now, now + lease)
        .await
        .unwrap();
    let cursor = Cursor {
        created_at: ds[0].created_at,
        code: ds[0].code.clone(),
    };
    // The second dossier is no longer at the version the batch was computed from.
    let t1 = now + TimeDelta::seconds(5);
    let mut batch = JobBatch {
        job: id,
        owner: "w".into(),
        at: t1,
        lease_until: t1 + lease,
        updates: vec![
            moved(&ds[0], ds[0].version, t1),
            moved(&ds[1], ds[1].version + 1, t1),
        ],
        cursor: Some(cursor.clone()),
        examined: 2,
        finished: true,
    };
    let changed = store.save_job_batch(&batch).await.unwrap();
    assert_eq!(changed, [ds[1].code.clone()]);
    let job = store.calendar_job(id).await.unwrap().unwrap();
    assert_eq!(
        (
            job.state,
            job.examined,
            job.moved,
            job.retried,
            job.cursor.clone()
        ),
        (JobState::Running, 0, 1, 1, None)
    );
    assert_eq!(job.progressed_at, t1);
    assert_eq!(job.lease.unwrap().until, t1 + lease);
    let (first, events) = store.dossier(&ds[0].code).await.unwrap().unwrap();
    assert_eq!(first.version, ds[0].version + 1);
    assert!(matches!(
        events.last().unwrap().kind,
        EventKind::DueRecomputed { .. }
    ));
    let (second, _) = store.dossier(&ds[1].code).await.unwrap().unwrap();
    assert_eq!(
        second.version, ds[1].version,
        "nothing of the refused update"
    );

    // Again with the second dossier read afresh: the cursor moves and the job is done.
    let t2 = t1 + TimeDelta::seconds(5);
    batch.at = t2;
    batch.updates = vec![moved(&second, second.version, t2)];
    assert!(store.save_job_batch(&batch).await.unwrap().is_empty());
    let job = store.calendar_job(id).await.unwrap().unwrap();
    assert_eq!(
        (job.state, job.examined, job.moved, job.retried),
        (JobState::Done, 2, 2, 1)
    );
    assert_eq!(job.cursor.as_ref().map(|c| &c.code), Some(&cursor.code));
    assert_eq!((job.finished_at, job.lease), (Some(t2), None));
    assert!(store.calendar_jobs(true, 10).await.unwrap().is_empty());
    assert_eq!(
        store.claim_calendar_job("w", t2, t2 + lease).await.unwrap(),
        None
    );
}
