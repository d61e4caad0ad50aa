//! The demo's dossiers carry codes the law allows: a code is given at reception, from the
//! reception day's sequence of the receiving unit; an online submission keeps its submission
//! number until then (docs/rules.md §6.5).

use motcua_app::clock::FixedClock;
use motcua_app::store::{Cursor, DossierQuery};
use motcua_app::usecases::dossiers::PageSize;
use motcua_app::{App, Caller};
use motcua_domain::dossier::{Channel, Dossier};
use motcua_testkit::{Backend, TestDb, start};
use std::collections::BTreeMap;
use std::sync::Arc;

async fn demo_codes_carry_the_reception_date(backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = db.store().await;
    let app = App::new(store.clone(), Arc::new(FixedClock::new(start())));
    app.seed_demo(&Caller::operator("kiem-thu"), 400)
        .await
        .unwrap();
    let mut all: Vec<Dossier> = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_dossiers(&DossierQuery {
                after,
                limit: PageSize::new(Some(PageSize::MAX)),
                ..DossierQuery::default()
            })
            .await
            .unwrap();
        after = page.last().map(Cursor::after);
        let full = page.len() == PageSize::MAX as usize;
        all.extend(page);
        if !full {
            break;
        }
    }
    assert_eq!(all.len() as u64, store.count_dossiers().await.unwrap());
    let mut numbers: BTreeMap<(String, chrono::NaiveDate), Vec<u32>> = BTreeMap::new();
    let mut accepted_later = 0;
    for d in &all {
        match d.received_at {
            Some(received) => {
                let (unit, day, n) = d.code.parts().unwrap_or_else(|| panic!("{}", d.code));
                assert_eq!(unit, d.facts.receiving_unit, "{}", d.code);
                assert_eq!(day, received.date(), "{}", d.code);
                numbers.entry((unit.to_string(), day)).or_default().push(n);
                let online = d.facts.channel == Channel::Online;
                assert_eq!(d.submitted_as.is_some(), online, "{}", d.code);
                if let Some(number) = &d.submitted_as {
                    assert!(number.is_submission());
                    assert!(
                        number
                            .as_str()
                            .contains(&d.created_at.format("-%y%m%d-").to_string())
                    );
                    if received.date() > d.created_at.date() {
                        accepted_later += 1;
                    }
                    // Both find it.
                    let (by_number, _) = store.dossier(number).await.unwrap().unwrap();
                    assert_eq!(by_number.code, d.code);
                }
            }
            None => assert!(d.code.is_submission(), "{}", d.code),
        }
    }
    assert!(
        accepted_later > 0,
        "the demo accepts some submissions on a later day"
    );
    // Each unit's day is numbered 1, 2, 3… with no number given twice or skipped.
    for ((unit, day), mut ns) in numbers {
        ns.sort_unstable();
        let expected: Vec<u32> = (1..=u32::try_from(ns.len()).unwrap()).collect();
        assert_eq!(ns, expected, "{unit} {day}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_codes_carry_the_reception_date_sqlite() {
    demo_codes_carry_the_reception_date(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_codes_carry_the_reception_date_postgres() {
    demo_codes_carry_the_reception_date(Backend::Postgres).await;
}
