//! Lateness is never forgiven and every screen agrees (docs/rules.md §5.9, §6.7, §7.3–§7.4): a
//! dossier paused after its due instant, and a dossier asked for supplements twice, are late in
//! the inbox's overdue list, the dashboard, the periodic report, indicator 2.1 and the citizen
//! look-up alike, on both databases.

use chrono::NaiveDate;
use motcua_app::DossierFilter;
use motcua_domain::dossier::Action;
use motcua_domain::org::Role;
use motcua_domain::stats::{IndicatorId, Period};
use motcua_testkit::{Backend, MARRIAGE, PROVINCE, WARD1, desk_request, fixture};

fn at(m: u32, d: u32, h: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn supplement(note: &str) -> Action {
    Action::RequestSupplement {
        items: vec!["Bản sao giấy tờ tùy thân".into()],
        note: note.into(),
    }
}

async fn late_stays_late(backend: Backend) {
    let f = fixture(backend).await;
    let desk = f.caller(Role::TiepNhan, WARD1);
    let clerk = f.caller(Role::ChuyenVien, WARD1);
    let leader = f.caller(Role::LanhDao, WARD1);
    // Both received Wed 25/11/2026 09:00, due Mon 30/11 09:00 (3 working days).
    let paused_late = f
        .app
        .intake(&desk, desk_request(MARRIAGE, None, "Nguyễn Văn An"), None)
        .await
        .unwrap();
    let asked_twice = f
        .app
        .intake(&desk, desk_request(MARRIAGE, None, "Trần Thị Bình"), None)
        .await
        .unwrap();
    let (paused_late, asked_twice) = (
        paused_late.dossier.code.to_string(),
        asked_twice.dossier.code.to_string(),
    );
    // The second is asked twice with time left: the first request pauses, the second (a
    // leader's, with a reason) does not.
    f.set_now(at(11, 26, 9));
    f.app
        .act(
            &clerk,
            &asked_twice,
            f.version(&asked_twice).await,
            supplement(""),
        )
        .await
        .unwrap();
    f.app
        .act(
            &desk,
            &asked_twice,
            f.version(&asked_twice).await,
            Action::ReceiveSupplement {
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let refused = f
        .app
        .act(
            &clerk,
            &asked_twice,
            f.version(&asked_twice).await,
            supplement("Thiếu bản sao"),
        )
        .await;
    assert!(refused.is_err(), "a second request is a leader's");
    let again = f
        .app
        .act(
            &leader,
            &asked_twice,
            f.version(&asked_twice).await,
            supplement("Bản sao bị mờ, không đọc được"),
        )
        .await
        .unwrap();
    assert_eq!(again.warnings.len(), 1);
    // The first is asked for supplements on Tue 01/12 09:00, a day after its due instant.
    f.set_now(at(12, 1, 9));
    f.app
        .act(
            &clerk,
            &paused_late,
            f.version(&paused_late).await,
            supplement(""),
        )
        .await
        .unwrap();
    f.set_now(at(12, 2, 9));

    // The inbox's overdue list (due by now) holds both, paused or not.
    let overdue = f
        .app
        .list_dossiers(
            &leader,
            DossierFilter {
                open_only: true,
                due_before: Some(f.now()),
                ..DossierFilter::default()
            },
        )
        .await
        .unwrap();
    let mut codes: Vec<String> = overdue.iter().map(|d| d.code.to_string()).collect();
    codes.sort();
    let mut expected = vec![paused_late.clone(), asked_twice.clone()];
    expected.sort();
    assert_eq!(codes, expected);

    // The citizen sees the due instant that passed, not a blank.
    let public = motcua_app::Caller::public();
    let view = f
        .app
        .public_lookup(&public, &paused_late, "0912345678")
        .await
        .unwrap();
    assert_eq!(view.due_at, Some(at(11, 30, 9)));

    // The dashboard, the periodic report and indicator 2.1 count both as overdue.
    let cchc = f.caller(Role::Cchc, PROVINCE);
    let december = Period::month(2026, 12).unwrap();
    let board = f.app.dashboard(&cchc, december, None).await.unwrap();
    assert_eq!(board.overdue_now, 2);
    let report = f.app.report_tthc(&cchc, december, None).await.unwrap();
    assert_eq!(report.report.total.overdue, 2);
    let index = f.app.index766(&cchc, december, None).await.unwrap();
    let on_time = index.index.indicator(IndicatorId::OnTime).unwrap();
    assert_eq!((on_time.numerator, on_time.denominator), (0, 2));

    // Resumed and resolved: both late, in the report and in 2.1.
    f.app
        .act(
            &desk,
            &paused_late,
            f.version(&paused_late).await,
            Action::ReceiveSupplement {
                note: String::new(),
            },
        )
        .await
        .unwrap();
    f.app
        .act(
            &desk,
            &asked_twice,
            f.version(&asked_twice).await,
            Action::ReceiveSupplement {
                note: String::new(),
            },
        )
        .await
        .unwrap();
    for code in [&paused_late, &asked_twice] {
        f.app
            .act(
                &leader,
                code,
                f.version(code).await,
                Action::Resolve {
                    approved: true,
                    reasons: String::new(),
                    result_file: None,
                },
            )
            .await
            .unwrap();
    }
    let report = f.app.report_tthc(&cchc, december, None).await.unwrap();
    assert_eq!(report.report.total.late, 2);
    let index = f.app.index766(&cchc, december, None).await.unwrap();
    let on_time = index.index.indicator(IndicatorId::OnTime).unwrap();
    assert_eq!((on_time.numerator, on_time.denominator), (0, 2));
}

#[tokio::test]
async fn late_stays_late_on_sqlite() {
    late_stays_late(Backend::Sqlite).await;
}

#[tokio::test]
async fn late_stays_late_on_postgres() {
    late_stays_late(Backend::Postgres).await;
}
