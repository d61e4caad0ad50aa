//! A calendar change made by an administrator moves the due instants of the open dossiers it
//! affects, with an event on each (docs/rules.md §4), on both databases: through a job that a
//! worker runs after the change is saved.

use chrono::NaiveDate;
use motcua_app::store::JobState;
use motcua_app::{CalendarChange, IntakeRequest};
use motcua_domain::calendar::{CalendarOverride, DayKind};
use motcua_domain::catalogue::ApplicantType;
use motcua_domain::dossier::{Action, Applicant, Channel, EventKind, ReturnMethod};
use motcua_domain::org::Role;
use motcua_domain::time::rfc3339;
use motcua_testkit::{Backend, MARRIAGE, PROVINCE, WARD1, fixture};

fn request(name: &str) -> IntakeRequest {
    IntakeRequest {
        procedure_code: MARRIAGE.into(),
        receiving_unit: None,
        competent_unit: None,
        applicant: Applicant {
            kind: ApplicantType::Citizen,
            name: name.into(),
            id_number: None,
            phone: Some("0912345678".into()),
            email: None,
            address: None,
        },
        channel: Channel::Desk,
        return_method: ReturnMethod::Desk,
        digitised: true,
        reused_data: false,
        paid_at_desk: false,
    }
}

fn change(kind: DayKind) -> CalendarChange {
    CalendarChange {
        calendar: "ccvc".into(),
        day: CalendarOverride {
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            kind,
            reason: "Nghỉ lễ bổ sung".into(),
            reference: "Công văn 1/VPCP-KGVX ngày 20/11/2026".into(),
        },
    }
}

async fn calendar_change_moves_open_dossiers(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    // Wed 25/11/2026 09:00, 3 working days → Mon 30/11 09:00.
    let open = f
        .app
        .intake(&desk, request("Nguyễn Văn An"), None)
        .await
        .unwrap();
    assert_eq!(
        rfc3339(open.dossier.due_at.unwrap()),
        "2026-11-30T09:00:00+07:00"
    );
    let ended = f
        .app
        .intake(&desk, request("Trần Thị Bình"), None)
        .await
        .unwrap();
    f.app
        .act(
            &desk,
            ended.dossier.code.as_str(),
            f.version(ended.dossier.code.as_str()).await,
            Action::Withdraw {
                reason: "Xin rút".into(),
            },
        )
        .await
        .unwrap();

    let specialist = f.caller(Role::ChuyenVien, WARD1);
    let refused = f
        .app
        .change_calendar_day(&specialist, change(DayKind::Holiday))
        .await;
    assert_eq!(refused.unwrap_err().code(), "forbidden");

    let admin = f.caller(Role::QuanTri, PROVINCE);
    let started = f
        .app
        .change_calendar_day(&admin, change(DayKind::Holiday))
        .await
        .unwrap();
    assert!(started.created);
    assert_eq!(
        (started.job.state, started.job.total),
        (JobState::Pending, 1),
        "one open dossier"
    );
    // The change answers before any dossier moves: the worker does it.
    let view = f
        .app
        .dossier(&desk, open.dossier.code.as_str())
        .await
        .unwrap();
    assert_eq!(
        rfc3339(view.dossier.due_at.unwrap()),
        "2026-11-30T09:00:00+07:00"
    );
    assert_eq!(f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    let job = f.app.calendar_job(&admin, started.job.id).await.unwrap();
    assert_eq!(
        (job.state, job.examined, job.moved, job.retried),
        (JobState::Done, 1, 1, 0),
        "only the open dossier moves"
    );
    let view = f
        .app
        .dossier(&desk, open.dossier.code.as_str())
        .await
        .unwrap();
    // Fri 27/11 is now a holiday: the third working day is Tue 01/12.
    assert_eq!(
        rfc3339(view.dossier.due_at.unwrap()),
        "2026-12-01T09:00:00+07:00"
    );
    let last = view.events.last().unwrap();
    assert_eq!(last.actor, admin.name());
    let EventKind::DueRecomputed { from, to, reason } = &last.kind else {
        panic!("last event is {:?}", last.kind);
    };
    assert_eq!(
        from.map(rfc3339).as_deref(),
        Some("2026-11-30T09:00:00+07:00")
    );
    assert_eq!(
        to.map(rfc3339).as_deref(),
        Some("2026-12-01T09:00:00+07:00")
    );
    assert!(
        reason.contains("27/11/2026") && reason.contains("1/VPCP-KGVX"),
        "{reason}"
    );
    assert!(
        view.explanation_text
            .iter()
            .any(|l| l.contains("27/11/2026")),
        "{:?}",
        view.explanation_text
    );

    // New dossiers use the changed calendar at once; changing it back moves the dossier back.
    let back = f
        .app
        .change_calendar_day(&admin, change(DayKind::Working))
        .await
        .unwrap();
    assert!(back.created);
    assert_eq!(f.app.work_calendar_jobs("may-1").await.unwrap(), 1);
    let job = f.store.calendar_job(back.job.id).await.unwrap().unwrap();
    assert_eq!(job.moved, 1);
    let view = f
        .app
        .dossier(&desk, open.dossier.code.as_str())
        .await
        .unwrap();
    assert_eq!(
        rfc3339(view.dossier.due_at.unwrap()),
        "2026-11-30T09:00:00+07:00"
    );

    let ended = f
        .app
        .dossier(&desk, ended.dossier.code.as_str())
        .await
        .unwrap();
    assert!(
        !ended
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::DueRecomputed { .. }))
    );
}

#[tokio::test]
async fn calendar_change_moves_open_dossiers_sqlite() {
    calendar_change_moves_open_dossiers(Backend::Sqlite).await;
}

#[tokio::test]
async fn calendar_change_moves_open_dossiers_postgres() {
    calendar_change_moves_open_dossiers(Backend::Postgres).await;
}
