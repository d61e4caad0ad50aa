//! An online submission is numbered in its own series and gets its code on the day it is
//! received (docs/rules.md §6.5).

use crate::contract;
use crate::support::{act, at, last_numbers, new_dossier, new_online_dossier, unit};
use motcua_app::store::Store;
use motcua_domain::dossier::{Action, EventKind, Status};
use motcua_domain::ids::DossierCode;
use std::sync::Arc;

contract!(
    an_online_submission_gets_its_code_on_the_day_it_is_received,
    a_submission_refused_at_intake_keeps_its_number_and_takes_no_code,
);

const DESK: &str = "000.20.01.H48";
const DEPT: &str = "000.10.01.H48";

fn code(s: &str) -> DossierCode {
    DossierCode::parse(s).unwrap()
}

async fn an_online_submission_gets_its_code_on_the_day_it_is_received(store: Arc<dyn Store>) {
    let monday = |h| at(2026, 3, 2, h, 0);
    let wednesday = |h| at(2026, 3, 4, h, 0);
    let insert = |new| {
        let store = store.clone();
        async move {
            let d = store.insert_dossier(new, "x", None).await.unwrap().dossier;
            d.code.to_string()
        }
    };
    assert_eq!(
        insert(new_dossier(DESK, DEPT, monday(9))).await,
        "000.20.01.H48-260302-0001"
    );
    // Submissions take numbers of their own series, not codes.
    assert_eq!(
        insert(new_online_dossier(DESK, DEPT, monday(10))).await,
        "000.20.01.H48-260302-TT0001"
    );
    assert_eq!(
        insert(new_online_dossier(DESK, DEPT, monday(11))).await,
        "000.20.01.H48-260302-TT0002"
    );
    assert_eq!(
        insert(new_dossier(DESK, DEPT, monday(14))).await,
        "000.20.01.H48-260302-0002"
    );
    assert_eq!(
        insert(new_dossier(DESK, DEPT, wednesday(9))).await,
        "000.20.01.H48-260304-0001"
    );

    // Accepted on Wednesday: the code carries Wednesday and its next number.
    let number = code("000.20.01.H48-260302-TT0001");
    let (submitted, _) = store.dossier(&number).await.unwrap().unwrap();
    assert_eq!(submitted.status, Status::Submitted);
    assert!(submitted.code.is_submission());
    let (mut accepted, mut events) = act(&submitted, Action::Accept, wednesday(10), "tiepnhan");
    assert!(accepted.awaits_code());
    let issued = store
        .append_events(&accepted, submitted.version, &events)
        .await
        .unwrap();
    let official = code("000.20.01.H48-260304-0002");
    assert_eq!(issued, Some(official.clone()));
    assert!(accepted.issue_code(&mut events, official.clone()));

    let (by_code, history) = store.dossier(&official).await.unwrap().unwrap();
    assert_eq!(by_code, accepted);
    assert_eq!(by_code.code, official);
    assert_eq!(by_code.submitted_as, Some(number.clone()));
    assert_eq!(by_code.key(), &number);
    assert!(matches!(
        &history[1].kind,
        EventKind::Received { code: Some(c), .. } if *c == official
    ));
    // The submission number still finds it.
    let (by_number, _) = store.dossier(&number).await.unwrap().unwrap();
    assert_eq!(by_number, accepted);

    // Its history goes on under the same key.
    let (assigned, more) = act(
        &accepted,
        Action::Assign { to: "cv1".into() },
        wednesday(11),
        "lanhdao",
    );
    assert_eq!(
        store
            .append_events(&assigned, accepted.version, &more)
            .await
            .unwrap(),
        None
    );
    let (stored, history) = store.dossier(&official).await.unwrap().unwrap();
    assert_eq!(stored, assigned);
    assert_eq!(
        history.iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=assigned.version).collect::<Vec<_>>()
    );

    // The next desk dossier of Wednesday follows it; Monday's sequence did not move.
    assert_eq!(
        insert(new_dossier(DESK, DEPT, wednesday(14))).await,
        "000.20.01.H48-260304-0003"
    );
    assert_eq!(
        last_numbers(store.as_ref(), DESK).await,
        [("2026-03-02".into(), 2), ("2026-03-04".into(), 3)]
    );

    // Statistics count it under its code; an import cannot take that code again.
    let rows = store.stats_changes(0, None, 100).await.unwrap().rows;
    assert!(rows.iter().any(|r| r.code == official));
    assert!(!rows.iter().any(|r| r.code == number));
    assert_eq!(
        store
            .existing_codes(std::slice::from_ref(&official))
            .await
            .unwrap(),
        [official]
    );
}

async fn a_submission_refused_at_intake_keeps_its_number_and_takes_no_code(store: Arc<dyn Store>) {
    let d = store
        .insert_dossier(
            new_online_dossier(DESK, DEPT, at(2026, 3, 2, 10, 0)),
            "x",
            None,
        )
        .await
        .unwrap()
        .dossier;
    let (refused, events) = act(
        &d,
        Action::RefuseAtIntake {
            reasons: "Không thuộc thẩm quyền".into(),
        },
        at(2026, 3, 3, 9, 0),
        "tiepnhan",
    );
    assert_eq!(
        store
            .append_events(&refused, d.version, &events)
            .await
            .unwrap(),
        None
    );
    let (stored, _) = store.dossier(&d.code).await.unwrap().unwrap();
    assert_eq!(stored.code.as_str(), "000.20.01.H48-260302-TT0001");
    assert_eq!(stored.status, Status::RefusedAtIntake);
    assert!(store.sequences(&unit(DESK)).await.unwrap().is_empty());
}
